"""Writes of the digital mail inbox: receive (from the mailbox or the API),
change the triage, answer, forward, turn into a callback task, anonymise.

Every handling (answer, forward, callback) marks the mail handled, records one
contact in the registry (channel `digital_post` for secure mail, `email` for
plain; outcome resolved, transferred or callback; on the day the mail was
received) and an audit event without the mail's text. E-mails go through the
notifications ledger in the same transaction.

Deadlines: the service's response deadline for the channel (`ServiceChannel`
with channel `digital_post` for secure mail, `email` for plain) in working days
counted like callback deadlines (`contactcentre.services.add_working_days`),
due 16:00 local; no service, no such channel or an empty deadline: 2 working
days.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indgang.audit.services import audit_record
from indgang.catalogue.hours import DEFAULT_TZ, to_instant
from indgang.catalogue.models import Channel, Department, Outcome, Service, ServiceChannel
from indgang.contactcentre.services import CALLBACK_DAY_END, add_working_days, callback_create
from indgang.contacts.models import MailKind
from indgang.contacts.services import contact_register
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import require_perm
from indgang.notifications.models import MessageChannel
from indgang.notifications.services import MAX_BODY_LENGTH, contains_cpr, message_enqueue

from . import triage
from .models import Mail, MailSource, MailStatus

DEFAULT_MAIL_DAYS = 2  # working days, when the service sets no deadline for the channel
CHANNEL_OF_KIND = {MailKind.SECURE: Channel.DIGITAL_POST, MailKind.PLAIN: Channel.EMAIL}
ANSWER_KIND = "mail.answer"
FORWARD_KIND = "mail.forwarded"
# Room left in a forwarded mail's notice for the citizen's text.
FORWARD_TEXT_MAX = 3500
_TEN_DIGITS = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")


class MailHandled(DomainError):
    message = _("Mailen er allerede behandlet.")


class MailAnonymised(DomainError):
    message = _("Mailen er anonymiseret og kan ikke behandles.")


# Deadlines ---------------------------------------------------------------------


def mail_channel(kind: str) -> str:
    """The contact channel of a mail kind: digital_post (secure) or email (plain)."""
    return CHANNEL_OF_KIND[MailKind(kind)]


def mail_deadline_days(*, service: Service | None, kind: str) -> int:
    """The service's response deadline for the mail's channel (default 2)."""
    if service is None:
        return DEFAULT_MAIL_DAYS
    days = (
        ServiceChannel.objects.filter(service=service, channel=mail_channel(kind))
        .values_list("response_deadline_days", flat=True)
        .first()
    )
    return DEFAULT_MAIL_DAYS if days is None else days


def mail_deadline(*, service: Service | None, kind: str, at: datetime) -> datetime:
    """16:00 local on the last working day of the deadline counted from `at`."""
    days = mail_deadline_days(service=service, kind=kind)
    local = timezone.localtime(at)
    if days == 0 and local.time() >= CALLBACK_DAY_END:
        days = 1  # "the same day" after the end of the day is the next working day
    return to_instant(add_working_days(local.date(), days), CALLBACK_DAY_END, DEFAULT_TZ)


# Receiving -----------------------------------------------------------------------


def _field(value, max_length: int) -> str:
    return " ".join(str(value or "").split())[:max_length]


def mail_receive(
    *,
    message_id: str,
    kind: str,
    source: str,
    sender_name: str = "",
    sender_address: str = "",
    subject: str = "",
    body: str = "",
    received_at: datetime,
) -> tuple[Mail, bool]:
    """Store a mail once per message_id, triaged and with its deadline.

    Returns (mail, created); the same message_id again returns the stored mail
    unchanged and False."""
    message_id = (message_id or "").strip()
    if not message_id or len(message_id) > Mail._meta.get_field("message_id").max_length:
        raise DomainError(_("Mailen mangler et gyldigt meddelelses-id."))
    if kind not in MailKind.values:
        raise DomainError(_("Ukendt type post."))
    if source not in MailSource.values:
        raise DomainError(_("Ukendt kilde."))
    if timezone.is_naive(received_at):
        raise DomainError(_("Modtagelsestidspunktet skal have en tidszone."))
    existing = Mail.objects.filter(message_id=message_id).first()
    if existing is not None:
        return existing, False
    subject = _field(subject, Mail._meta.get_field("subject").max_length)
    body = (body or "").replace("\r\n", "\n").strip()
    suggestion = triage.suggest(subject, body)
    mail = Mail(
        message_id=message_id,
        kind=kind,
        source=source,
        sender_name=_field(sender_name, Mail._meta.get_field("sender_name").max_length),
        sender_address=_field(sender_address, Mail._meta.get_field("sender_address").max_length),
        subject=subject,
        body=body,
        received_at=received_at,
        subject_area=suggestion.subject_area,
        department=suggestion.department,
        service=suggestion.service,
        suggestion=suggestion.reason,
        deadline=mail_deadline(service=suggestion.service, kind=kind, at=received_at),
    )
    try:
        with transaction.atomic():
            mail.save()
    except IntegrityError:  # the same mail arrived twice at once: the first one wins
        stored = Mail.objects.filter(message_id=message_id).first()
        if stored is None:
            raise
        return stored, False
    return mail, True


# Triage by staff -------------------------------------------------------------------


@transaction.atomic
def mail_triage_set(*, mail: Mail, by, subject_area, department, service) -> Mail:
    """Staff's own subject area, department and service for the mail. A new
    service moves the deadline to the service's (from when the mail came)."""
    require_perm(by, "digitalmail.change_mail")
    mail = _locked_open(mail)
    if service is not None:
        subject_area = subject_area or service.subject_area
        department = department or service.department
    if service != mail.service:
        mail.deadline = mail_deadline(service=service, kind=mail.kind, at=mail.received_at)
    mail.subject_area, mail.department, mail.service = subject_area, department, service
    mail.suggestion = _("Valgt af %(name)s") % {"name": _name(by)}
    mail.save(update_fields=["subject_area", "department", "service", "suggestion", "deadline"])
    audit_record(
        actor=by,
        action="mail.triaged",
        target=mail,
        extra={
            "subject_area": subject_area.slug if subject_area else None,
            "department": department.slug if department else None,
            "service": service.slug if service else None,
        },
    )
    return mail


# Handling ----------------------------------------------------------------------------


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _locked_open(mail: Mail) -> Mail:
    mail = Mail.objects.select_for_update().get(pk=mail.pk)
    if mail.anonymised_at is not None:
        raise MailAnonymised
    if mail.status != MailStatus.NEW:
        raise MailHandled
    return mail


def _handled(mail: Mail, *, by, status: str, outcome: str, action: str, extra=None) -> Mail:
    now = clock.now()
    mail.contact = contact_register(
        by=by,
        channel=mail_channel(mail.kind),
        subject_area=mail.subject_area,
        service=mail.service,
        outcome=outcome,
        at=mail.received_at,
    )
    mail.status, mail.handled_at, mail.handled_by = status, now, by
    mail.save()
    audit_record(actor=by, action=action, target=mail, extra={"kind": mail.kind, **(extra or {})})
    return mail


def mail_url(mail: Mail) -> str:
    path = reverse("digitalmail:mail", kwargs={"pk": mail.pk})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _reply_subject(subject: str) -> str:
    if not subject or contains_cpr(subject):
        return _("Svar fra %(municipality)s") % {"municipality": settings.MUNICIPALITY_NAME}
    if subject.lower().startswith(("sv:", "re:")):
        return subject[:200]
    return f"Sv: {subject}"[:200]


@transaction.atomic
def mail_answer(*, mail: Mail, by, text: str = "") -> Mail:
    """Answer the mail. Plain mail: `text` is e-mailed to the sender through the
    ledger. Secure mail is answered in the Digital Post system; here it is only
    marked answered (`text` is not sent)."""
    require_perm(by, "digitalmail.change_mail")
    mail = _locked_open(mail)
    if mail.kind == MailKind.PLAIN:
        text = (text or "").strip()
        if not mail.sender_address:
            raise DomainError(
                _(
                    "Mailen har ingen afsenderadresse, så svaret kan ikke sendes. "
                    "Svar borgeren på en anden måde, fx med et tilbagekald."
                )
            )
        if not text:
            raise DomainError(_("Skriv dit svar."))
        if len(text) > MAX_BODY_LENGTH:
            raise DomainError(_("Svaret må højst være %(max)d tegn.") % {"max": MAX_BODY_LENGTH})
        if contains_cpr(text):
            raise DomainError(_("Skriv ikke CPR-numre i svaret: e-mail er ikke sikker post."))
        reference = f"mail:{mail.pk}"
        try:
            message_enqueue(
                kind=ANSWER_KIND,
                channel=MessageChannel.EMAIL,
                recipient=mail.sender_address,
                subject=_reply_subject(mail.subject),
                body=text,
                idempotency_key=f"{reference}:answer",
                reference=reference,
            )
        except ValidationError as exc:
            raise DomainError(
                _("Afsenderens adresse kan ikke bruges: %(error)s") % {"error": exc.messages[0]}
            ) from exc
    return _handled(
        mail, by=by, status=MailStatus.ANSWERED, outcome=Outcome.RESOLVED, action="mail.answered"
    )


def _department_recipients(department: Department) -> list[str]:
    """The department's own address, or else its caseworkers' addresses."""
    if department.email:
        return [department.email]
    from indgang.contactcentre.selectors import staff_queryset

    return sorted({u.email for u in staff_queryset().filter(department=department) if u.email})


def _cpr_masked(text: str) -> str:
    return _TEN_DIGITS.sub(_("[CPR-nummer fjernet]"), text)


def _forward_body(mail: Mail, *, note: str) -> str:
    deadline = date_format(timezone.localtime(mail.deadline), "j. F Y \\k\\l. H.i")
    lines = [
        _("Kontaktcentret har videresendt en henvendelse til afdelingen."),
        _("Modtaget: %(at)s. Svarfrist: %(deadline)s.")
        % {
            "at": date_format(timezone.localtime(mail.received_at), "j. F Y \\k\\l. H.i"),
            "deadline": deadline,
        },
    ]
    if note:
        lines += ["", _("Besked fra kontaktcentret: %(note)s") % {"note": note}]
    if mail.kind == MailKind.SECURE:
        # Secure mail stays in the secure system: no sender, subject or text by e-mail.
        lines += [
            "",
            _(
                "Det er sikker post (Digital Post). Find den i Digital Post-systemet med "
                "meddelelses-id %(id)s, og svar borgeren der."
            )
            % {"id": mail.message_id},
        ]
        return "\n".join(lines)
    text = _cpr_masked(mail.body)
    if len(text) > FORWARD_TEXT_MAX:
        text = text[:FORWARD_TEXT_MAX].rstrip() + " […] " + _("(forkortet)")
    sender = " ".join(
        filter(None, [mail.sender_name, f"<{mail.sender_address}>" if mail.sender_address else ""])
    )
    lines += [
        "",
        _("Fra: %(sender)s") % {"sender": sender or _("ukendt afsender")},
        _("Emne: %(subject)s") % {"subject": _cpr_masked(mail.subject) or "–"},
        "",
        text,
    ]
    body = "\n".join(lines)
    return body if not contains_cpr(body) else "\n".join([*lines[:-1], _("(teksten er udeladt)")])


@transaction.atomic
def mail_forward(*, mail: Mail, by, department: Department, note: str = "") -> Mail:
    """Forward the mail to `department`: a notice by e-mail (through the ledger)
    to the department's address, or to its caseworkers when it has none. Plain
    mail's sender, subject and text go with it (CPR numbers masked); secure
    mail's stay in the Digital Post system."""
    require_perm(by, "digitalmail.change_mail")
    mail = _locked_open(mail)
    note = " ".join((note or "").split())[:1000]
    if contains_cpr(note):
        raise DomainError(_("Skriv ikke CPR-numre i beskeden."))
    recipients = _department_recipients(department)
    if not recipients:
        raise DomainError(
            _("%(department)s har ingen e-mailadresse, så mailen kan ikke videresendes.")
            % {"department": department.name}
        )
    subject = _("Videresendt henvendelse til %(department)s") % {"department": department.name}
    body = _forward_body(mail, note=note)
    reference = f"mail:{mail.pk}"
    for recipient in recipients:
        message_enqueue(
            kind=FORWARD_KIND,
            channel=MessageChannel.EMAIL,
            recipient=recipient,
            subject=subject[:200],
            body=body,
            idempotency_key=f"{reference}:forward:{recipient}",
            reference=reference,
        )
    mail.forwarded_to = department
    return _handled(
        mail,
        by=by,
        status=MailStatus.FORWARDED,
        outcome=Outcome.TRANSFERRED,
        action="mail.forwarded",
        extra={"department": department.slug},
    )


@transaction.atomic
def mail_to_callback(
    *, mail: Mail, by, phone: str, note: str, department: Department | None = None
):
    """Turn the mail into a callback task (`contactcentre.services.callback_create`)
    in `department` (default: the mail's, else its service's), with the
    sender's name, `phone` and `note` as the question."""
    require_perm(by, "digitalmail.change_mail")
    mail = _locked_open(mail)
    if not (phone or "").strip():
        raise DomainError(_("Skriv det telefonnummer, borgeren skal ringes op på."))
    task = callback_create(
        by=by,
        department=department or mail.department,
        question=(note or "").strip() or mail.subject,
        citizen_name=mail.sender_name,
        citizen_phone=phone,
        service=mail.service,
        subject_area=mail.subject_area,
        channel=mail_channel(mail.kind),
    )
    mail.callback = task
    return _handled(
        mail,
        by=by,
        status=MailStatus.CALLBACK,
        outcome=Outcome.CALLBACK,
        action="mail.callback",
        extra={"callback": task.pk},
    )


# Retention -------------------------------------------------------------------------


def mails_anonymise_old(*, at: datetime | None = None, days: int | None = None) -> int:
    """Clear sender, subject and text of mails handled more than
    MAIL_RETENTION_DAYS ago; kind, triage, times, status and the forwarding
    stay for statistics. Returns the number of mails anonymised."""
    at = at or clock.now()
    days = settings.MAIL_RETENTION_DAYS if days is None else days
    cutoff = at - timedelta(days=days)
    return Mail.objects.filter(
        handled_at__isnull=False, handled_at__lt=cutoff, anonymised_at__isnull=True
    ).update(sender_name="", sender_address="", subject="", body="", anonymised_at=at)
