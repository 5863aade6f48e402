"""The booking survey after a visit: invite, answer, results, retention.

After "served" (`signals.ticket_served`, see receivers.py) a citizen with a
phone number or e-mail address on the ticket gets a link to six questions
(PRODUCT.md, "Booking survey"). The invitation knows only its location and
whether it has been answered; the answer (`SurveyResponse`) has no link to the
invitation, ticket or citizen and keeps only the date, so answers are
anonymous. Invitations expire and are deleted after
`SURVEY_INVITATION_RETENTION_DAYS` (`survey_invitations_delete_old`).
"""

from __future__ import annotations

import logging
import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indgang.core import clock
from indgang.core.errors import Conflict
from indgang.notifications.models import MessageChannel
from indgang.notifications.services import message_enqueue

from .models import (
    AgeGroup,
    Expedition,
    HowBooked,
    OnTime,
    Opinion,
    SurveyInvitation,
    SurveyResponse,
    YesNo,
    YesPartlyNo,
)

logger = logging.getLogger("indgang.frontdesk")

MESSAGE_KIND = "frontdesk.survey"
SURVEY_INVITATION_RETENTION_DAYS = 30

# The questions in the order the page asks them: (field, question, choices).
QUESTIONS = (
    ("how_booked", gettext_lazy("Hvordan bestilte du tid?"), HowBooked),
    (
        "opinion",
        gettext_lazy("Hvad synes du om, at man skal bestille tid?"),
        Opinion,
    ),
    ("on_time", gettext_lazy("Blev du betjent til tiden?"), OnTime),
    (
        "knew_mandatory",
        gettext_lazy("Vidste du, at du skulle bestille tid?"),
        YesNo,
    ),
    (
        "staff_welcoming",
        gettext_lazy("Var personalet til stede og imødekommende?"),
        YesPartlyNo,
    ),
    ("age_group", gettext_lazy("Hvor gammel er du?"), AgeGroup),
    ("resident", gettext_lazy("Bor du i kommunen?"), YesNo),
)
ANSWER_FIELDS = tuple(name for name, _question, _choices in QUESTIONS)


class SurveyAlreadyAnswered(Conflict):
    message = gettext_lazy("Undersøgelsen er allerede besvaret. Tak for din hjælp.")


def survey_link(*, token: str) -> str:
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/undersoegelse/{token}/"


def _texts(*, link: str) -> tuple[str, str, str]:
    """(sms, e-mail subject, e-mail body) in Danish."""
    municipality = settings.MUNICIPALITY_NAME
    sms = _(
        "Tak for dit besøg i Borgerservice, %(municipality)s. Vil du svare på nogle få "
        "korte spørgsmål om tidsbestilling? Det er anonymt: %(link)s"
    ) % {"municipality": municipality, "link": link}
    subject = _("Hvordan var dit besøg i Borgerservice?")
    body = _(
        "Tak for dit besøg i Borgerservice, %(municipality)s.\n\n"
        "Vil du hjælpe os med at blive bedre? Svar på nogle få korte spørgsmål om "
        "tidsbestilling. Det tager et minut, og dit svar er anonymt:\n\n"
        "%(link)s\n\n"
        "Linket virker i %(days)s dage.\n\n"
        "Venlig hilsen\nBorgerservice, %(municipality)s"
    ) % {"municipality": municipality, "link": link, "days": SURVEY_INVITATION_RETENTION_DAYS}
    return sms, subject, body


@transaction.atomic
def survey_invite(*, expedition_id: int) -> SurveyInvitation | None:
    """Invite the citizen of a served ticket to the survey: one invitation and
    an SMS and/or e-mail in the ledger, in one transaction. None when there is
    no ticket or no usable contact data."""
    expedition = Expedition.objects.select_related("ticket").filter(pk=expedition_id).first()
    ticket = expedition.ticket if expedition is not None else None
    if ticket is None or not (ticket.phone or ticket.email):
        return None
    invitation = SurveyInvitation.objects.create(
        token=secrets.token_urlsafe(32),
        location_id=ticket.location_id,
        created_at=clock.now(),
    )
    sms, subject, body = _texts(link=survey_link(token=invitation.token))
    sent = 0
    for channel, recipient, text, heading in (
        (MessageChannel.SMS, ticket.phone, sms, ""),
        (MessageChannel.EMAIL, ticket.email, body, subject),
    ):
        if not recipient:
            continue
        try:
            message_enqueue(
                kind=MESSAGE_KIND,
                channel=channel,
                recipient=recipient,
                body=text,
                subject=heading,
                idempotency_key=f"survey:{invitation.pk}:{channel}",
                reference=f"survey:{invitation.pk}",
            )
        except ValidationError:  # a number or address that cannot be one
            logger.info("survey: unusable %s on ticket %s", channel, ticket.pk)
            continue
        sent += 1
    if not sent:
        invitation.delete()
        return None
    return invitation


def _retention_cutoff(at=None):
    return (at or clock.now()) - timedelta(days=SURVEY_INVITATION_RETENTION_DAYS)


def survey_invitation_open(*, token: str) -> SurveyInvitation | None:
    """The invitation of a token, or None when it is unknown or has expired
    (older than the retention period, even if not deleted yet)."""
    return SurveyInvitation.objects.filter(token=token, created_at__gte=_retention_cutoff()).first()


@transaction.atomic
def survey_answer(*, token: str, answers: dict) -> SurveyResponse:
    """Store one anonymous answer and mark the invitation answered.

    Raises SurveyInvitation.DoesNotExist for an unknown or expired token and
    SurveyAlreadyAnswered for a second answer."""
    invitation = SurveyInvitation.objects.select_for_update().get(
        token=token, created_at__gte=_retention_cutoff()
    )
    if invitation.answered_at is not None:
        raise SurveyAlreadyAnswered
    response = SurveyResponse(
        location_id=invitation.location_id,
        answered_on=clock.today(),
        **{name: answers.get(name) or "" for name in ANSWER_FIELDS},
    )
    response.full_clean()
    response.save()
    # Only the day: a time would let the answer be matched to the invitation
    # (and through the message ledger to a phone number) by insertion order.
    invitation.answered_at = clock.localnow().replace(hour=0, minute=0, second=0, microsecond=0)
    invitation.save(update_fields=["answered_at"])
    return response


def survey_invitations_delete_old(*, at=None) -> int:
    """Delete invitations older than the retention period (their link has
    expired); returns how many. Answered ones go too: kept, they would tie a
    day's answers to the message ledger's recipients. The anonymous answers
    stay."""
    deleted, _per_model = SurveyInvitation.objects.filter(
        created_at__lt=_retention_cutoff(at)
    ).delete()
    return deleted


def survey_results(*, location=None, date_from: date, date_to: date) -> dict:
    """Counts and shares per answer per question for answers given
    date_from–date_to (both included). A share is of the answers to that
    question; "not answered" is counted separately."""
    responses = SurveyResponse.objects.filter(answered_on__gte=date_from, answered_on__lte=date_to)
    if location is not None:
        responses = responses.filter(location=location)
    rows = list(responses.order_by().values(*ANSWER_FIELDS))
    total = len(rows)
    questions = []
    for name, question, choices in QUESTIONS:
        values = [row[name] for row in rows if row[name]]
        answered = len(values)
        questions.append(
            {
                "field": name,
                "question": question,
                "answered": answered,
                "unanswered": total - answered,
                "rows": [
                    {
                        "value": choice.value,
                        "label": choice.label,
                        "count": values.count(choice.value),
                        "share": values.count(choice.value) / answered if answered else None,
                    }
                    for choice in choices
                ],
            }
        )
    return {"total": total, "questions": questions, "date_from": date_from, "date_to": date_to}
