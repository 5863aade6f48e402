"""Every write of the guides: a numbered version of a guide each time staff
save it, and the citizen's checklist sent by SMS and/or e-mail through the
message ledger. Nothing the citizen answers is stored, except inside the
messages the citizen asks for.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from indgang.core import clock
from indgang.core.phone import phone_normalise
from indgang.notifications.models import MessageChannel
from indgang.notifications.services import contains_cpr, message_enqueue

from .models import Guide, GuideVersion
from .selectors import checklist_build

CHECKLIST_KIND = "guides.checklist"


# --- Versions --------------------------------------------------------------------------


def _snapshot(guide: Guide) -> dict:
    questions = []
    for q in guide.questions.order_by("position", "pk").prefetch_related("choices"):
        questions.append(
            {
                "key": q.key,
                "text": q.text,
                "text_en": q.text_en,
                "help_text": q.help_text,
                "help_text_en": q.help_text_en,
                "kind": q.kind,
                "required": q.required,
                "show_if": q.show_if,
                "min_value": q.min_value,
                "max_value": q.max_value,
                "position": q.position,
                "choices": [
                    {
                        "value": c.value,
                        "label": c.label,
                        "label_en": c.label_en,
                        "position": c.position,
                    }
                    for c in sorted(q.choices.all(), key=lambda c: (c.position, c.pk))
                ],
            }
        )
    steps = []
    for s in guide.steps.order_by("position", "pk").select_related(
        "service", "authority", "deadline_question"
    ):
        steps.append(
            {
                "title": s.title,
                "title_en": s.title_en,
                "description": s.description,
                "description_en": s.description_en,
                "service": s.service.slug if s.service else None,
                "authority": s.authority.name if s.authority else None,
                "url": s.url,
                "expects_self_service": s.expects_self_service,
                "show_if": s.show_if,
                "deadline_question": s.deadline_question.key if s.deadline_question else None,
                "deadline_offset_days": s.deadline_offset_days,
                "position": s.position,
            }
        )
    return {
        "slug": guide.slug,
        "title": guide.title,
        "title_en": guide.title_en,
        "summary": guide.summary,
        "summary_en": guide.summary_en,
        "intro": guide.intro,
        "intro_en": guide.intro_en,
        "position": guide.position,
        "is_published": guide.is_published,
        "questions": questions,
        "steps": steps,
    }


@transaction.atomic
def guide_version_save(*, guide: Guide, by=None) -> GuideVersion:
    """Record the guide as it is now (questions, choices, steps) as its next
    version, and set guide.version/updated_at. The admin calls it after saving
    the guide and its inlines."""
    locked = Guide.objects.select_for_update().get(pk=guide.pk)
    latest = locked.versions.aggregate(n=Max("number"))["n"] or 0
    number = max(locked.version, latest) + 1
    now = clock.now()
    version = GuideVersion.objects.create(
        guide=locked,
        number=number,
        created_at=now,
        created_by=by if by is not None and getattr(by, "pk", None) else None,
        snapshot=_snapshot(locked),
    )
    Guide.objects.filter(pk=guide.pk).update(version=number, updated_at=now)
    guide.version, guide.updated_at = number, now
    return version


# --- The checklist, sent ---------------------------------------------------------------


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def checklist_query(*, guide: Guide, answers: dict) -> str:
    """The answers as the checklist page's query string (form encoding: yes/no,
    YYYY-MM-DD, digits, choice values), in question order."""
    keys = [q.key for q in guide.questions.all()]
    ordered = [k for k in keys if k in answers] + sorted(k for k in answers if k not in keys)
    return urlencode([(key, _form_value(answers[key])) for key in ordered])


def checklist_url(*, guide: Guide, answers: dict) -> str:
    """The absolute URL of the guide's checklist page for these answers."""
    try:
        path = reverse("guides:checklist", kwargs={"slug": guide.slug})
    except NoReverseMatch:  # the citizen pages not wired yet
        path = f"/livssituationer/{guide.slug}/tjekliste/"
    query = checklist_query(guide=guide, answers=answers)
    base = settings.PUBLIC_BASE_URL.rstrip("/") + path
    return f"{base}?{query}" if query else base


def _recipients(*, phone: str, email: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    phone, email = (phone or "").strip(), (email or "").strip()
    if not phone and not email:
        raise ValidationError(
            {"phone": [_("Skriv et mobilnummer eller en e-mailadresse, så vi kan sende listen.")]}
        )
    if phone:
        try:
            phone = phone_normalise(phone)
        except ValidationError as exc:
            errors["phone"] = list(exc.messages)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Skriv en gyldig e-mailadresse, fx navn@example.dk.")]
    if errors:
        raise ValidationError(errors)
    return phone, email


def _idempotency_key(*, guide: Guide, answers: dict, channel: str, recipient: str) -> str:
    payload = json.dumps(
        {
            "guide": guide.slug,
            "version": guide.version,
            "answers": {key: _form_value(value) for key, value in answers.items()},
            "channel": channel,
            "recipient": recipient.lower(),
            "day": clock.today().isoformat(),
        },
        sort_keys=True,
    )
    digest = hashlib.sha256(payload.encode()).hexdigest()[:48]
    return f"{CHECKLIST_KIND}:{digest}:{channel}"


def _render(*, guide: Guide, answers: dict, link: str) -> tuple[str, str, str]:
    """(sms, subject, e-mail body) in the active language."""
    steps = checklist_build(guide=guide, answers=answers)
    context = {
        "guide": guide,
        "title": guide.display_title,
        "steps": steps,
        "dated_steps": [s for s in steps if s.deadline is not None],
        "link": link,
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
    sms = render_to_string("guides/messages/checklist.sms.txt", context).strip()
    subject = render_to_string("guides/messages/checklist.subject.txt", context).strip()
    body = render_to_string("guides/messages/checklist.email.txt", context).strip()
    return sms, " ".join(subject.split()), body


@transaction.atomic
def checklist_send(
    *,
    guide: Guide,
    answers: dict,
    phone: str = "",
    email: str = "",
    language: str | None = None,
) -> int:
    """Queue the checklist for `answers` (as `answers_parse` returns them) as a
    short SMS (the title, the steps with a deadline and a link to the whole
    checklist) and/or a full e-mail. The same answers to the same recipient on
    the same day are sent once (a double click). Raises ValidationError per
    field ("phone", "email"); one of them is required. Returns the number of
    messages the request stands for (queued now or earlier)."""
    phone, email = _recipients(phone=phone, email=email)
    with translation.override(language or translation.get_language() or "da"):
        link = checklist_url(guide=guide, answers=answers)
        sms, subject, body = _render(guide=guide, answers=answers, link=link)
        if contains_cpr(sms) or contains_cpr(body) or contains_cpr(subject):
            # An answer shaped like a CPR number would reach the text through
            # the link; send the steps without it.
            sms, subject, body = _render(guide=guide, answers=answers, link="")
        if contains_cpr(sms) or contains_cpr(body) or contains_cpr(subject):
            raise ValidationError(_("Tjeklisten kan ikke sendes."))
    count = 0
    for channel, recipient, subject_, text in (
        (MessageChannel.SMS, phone, "", sms),
        (MessageChannel.EMAIL, email, subject, body),
    ):
        if not recipient:
            continue
        message_enqueue(
            kind=CHECKLIST_KIND,
            channel=channel,
            recipient=recipient,
            subject=subject_,
            body=text,
            idempotency_key=_idempotency_key(
                guide=guide, answers=answers, channel=channel, recipient=recipient
            ),
            reference=f"guide:{guide.slug}"[:100],
        )
        count += 1
    return count
