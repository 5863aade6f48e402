"""The agent desktop's outcome flows: each ends a call or chat by recording one
contact in the registry (`contacts.services.contact_register`) with the
outcome the agent chose.

- resolved: the agent answered the question.
- transferred: to a colleague (only when `services.transfer_check` passes:
  available and the department within its phone hours) or to a department
  that is open now; otherwise a Danish `DomainError`.
- futile: the department was closed (or nobody could take it); returns a
  proposal to create a callback for the department.
- callback: a `CallbackTask` in the department's queue (`services.callback_create`);
  recorded as outcome callback unless it follows a futile call already recorded.
- referred to self-service: optionally sends the service's self-service link
  to the citizen by SMS and/or e-mail through the message ledger. The phone
  number and e-mail address are kept only in the ledger's message.

Phone calls are recorded at the main line (point "main_line"); chats with no point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indgang.catalogue.models import Channel, Department, Outcome, Service, SubjectArea
from indgang.contacts.models import Contact, Point
from indgang.contacts.services import contact_register
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.notifications.models import Message, MessageChannel
from indgang.notifications.services import message_enqueue

from . import selectors, services
from .models import CallbackTask

DESKTOP_CHANNELS = (Channel.PHONE, Channel.CHAT)
SELF_SERVICE_LINK_KIND = "contactcentre.self_service_link"


@dataclass(frozen=True)
class CallbackProposal:
    """What the desktop offers after a futile call: a callback for the department."""

    department: Department
    service: Service | None
    subject_area: SubjectArea | None
    next_open: datetime | None
    message: str


@dataclass
class FutileResult:
    contact: Contact
    proposal: CallbackProposal | None


@dataclass
class CallbackResult:
    contact: Contact | None
    task: CallbackTask


@dataclass
class SelfServiceResult:
    contact: Contact
    messages: list[Message] = field(default_factory=list)


def _point(channel: str) -> str:
    if channel not in DESKTOP_CHANNELS:
        raise DomainError(_("Vælg telefon eller chat."))
    return Point.MAIN_LINE if channel == Channel.PHONE else ""


def _register(*, by, channel, outcome, service=None, subject_area=None, at=None) -> Contact:
    return contact_register(
        by=by,
        channel=channel,
        point=_point(channel),
        service=service,
        subject_area=subject_area,
        outcome=outcome,
        at=at,
    )


@transaction.atomic
def resolve(*, by, channel: str, service=None, subject_area=None, at=None) -> Contact:
    """The agent answered the question at first contact."""
    return _register(
        by=by,
        channel=channel,
        outcome=Outcome.RESOLVED,
        service=service,
        subject_area=subject_area,
        at=at,
    )


def department_closed_message(*, department: Department, at: datetime) -> str | None:
    """None when the department's phone is open now; otherwise the Danish notice."""
    state = selectors.department_phone_state(department=department, at=at)
    if state.open_now:
        return None
    if state.next_open is not None:
        return _("%(department)s har lukket telefonen nu; åbner igen %(when)s.") % {
            "department": department.name,
            "when": services.when_text(state.next_open, at=at),
        }
    return _("%(department)s har lukket telefonen nu.") % {"department": department.name}


@transaction.atomic
def transfer(
    *,
    by,
    channel: str,
    to_user=None,
    department: Department | None = None,
    service=None,
    subject_area=None,
    at: datetime | None = None,
) -> Contact:
    """Transfer to a colleague (checked by `transfer_check`) or to an open
    department. Raises DomainError when the transfer is not possible."""
    at = at or clock.now()
    if to_user is not None:
        services.transfer_check(to_user=to_user, at=at)
    elif department is not None:
        closed = department_closed_message(department=department, at=at)
        if closed:
            raise DomainError(closed)
    else:
        raise DomainError(
            _("Vælg den medarbejder eller afdeling, opkaldet skal viderestilles til.")
        )
    return _register(
        by=by,
        channel=channel,
        outcome=Outcome.TRANSFERRED,
        service=service,
        subject_area=subject_area,
        at=at,
    )


@transaction.atomic
def futile(
    *,
    by,
    channel: str,
    department: Department | None = None,
    service=None,
    subject_area=None,
    at: datetime | None = None,
) -> FutileResult:
    """Record a futile call. When the department (default: the service's) is
    closed, return a proposal to create a callback for it."""
    at = at or clock.now()
    contact = _register(
        by=by,
        channel=channel,
        outcome=Outcome.FUTILE,
        service=service,
        subject_area=subject_area,
        at=at,
    )
    if department is None and service is not None:
        department = service.department
    proposal = None
    if department is not None:
        closed = department_closed_message(department=department, at=at)
        if closed:
            state = selectors.department_phone_state(department=department, at=at)
            proposal = CallbackProposal(
                department=department,
                service=service,
                subject_area=contact.subject_area,
                next_open=state.next_open,
                message=closed,
            )
    return FutileResult(contact=contact, proposal=proposal)


@transaction.atomic
def callback(
    *,
    by,
    channel: str,
    department: Department | None,
    question: str,
    citizen_name: str = "",
    citizen_phone: str = "",
    service=None,
    subject_area=None,
    record_contact: bool = True,
    at: datetime | None = None,
) -> CallbackResult:
    """Create a callback task and record the call as outcome callback.

    `record_contact=False` when the call was recorded already (a futile call
    whose proposal the agent accepted), so one call is one contact."""
    at = at or clock.now()
    _point(channel)
    task = services.callback_create(
        by=by,
        department=department,
        question=question,
        citizen_name=citizen_name,
        citizen_phone=citizen_phone,
        service=service,
        subject_area=subject_area,
        channel=channel,
        at=at,
    )
    contact = None
    if record_contact:
        contact = _register(
            by=by,
            channel=channel,
            outcome=Outcome.CALLBACK,
            service=service,
            subject_area=task.subject_area,
            at=at,
        )
    return CallbackResult(contact=contact, task=task)


def _link_texts(service: Service) -> tuple[str, str, str]:
    sms = _("Her er linket til %(service)s: %(url)s\nVenlig hilsen Borgerservice") % {
        "service": service.name,
        "url": service.self_service_url,
    }
    subject = _("Link til %(service)s") % {"service": service.name}
    email = _(
        "Hej\n\nSom aftalt i din henvendelse til kommunen er her linket til "
        "%(service)s:\n\n%(url)s\n\nVenlig hilsen\nBorgerservice"
    ) % {"service": service.name, "url": service.self_service_url}
    return sms, subject, email


@transaction.atomic
def refer_self_service(
    *,
    by,
    channel: str,
    service=None,
    subject_area=None,
    phone: str = "",
    email: str = "",
    at: datetime | None = None,
) -> SelfServiceResult:
    """Record a referral to self-service; with a phone and/or e-mail, send the
    service's self-service link there (through the ledger, in this transaction)."""
    contact = _register(
        by=by,
        channel=channel,
        outcome=Outcome.REFERRED_SELF_SERVICE,
        service=service,
        subject_area=subject_area,
        at=at,
    )
    phone = (phone or "").strip()
    email = (email or "").strip()
    sent: list[Message] = []
    if not (phone or email):
        return SelfServiceResult(contact=contact)
    if service is None or not service.self_service_url:
        raise DomainError(_("Ydelsen har ikke et link til selvbetjening, der kan sendes."))
    sms, subject, body = _link_texts(service)
    reference = f"contact:{contact.pk}"
    for message_channel, recipient, subject_, text, error in (
        (MessageChannel.SMS, phone, "", sms, _("Skriv et gyldigt telefonnummer.")),
        (MessageChannel.EMAIL, email, subject, body, _("Skriv en gyldig e-mailadresse.")),
    ):
        if not recipient:
            continue
        try:
            sent.append(
                message_enqueue(
                    kind=SELF_SERVICE_LINK_KIND,
                    channel=message_channel,
                    recipient=recipient,
                    subject=subject_,
                    body=text,
                    idempotency_key=f"{reference}:self_service_link:{message_channel}",
                    reference=reference,
                )
            )
        except (ValidationError, ValueError) as exc:
            raise DomainError(error) from exc
    return SelfServiceResult(contact=contact, messages=sent)
