"""Writes of the contact centre: presence, own phone hours, transfer checks and
callback tasks.

Callback deadlines count working days (Monday to Friday, not Danish public
holidays nor the days citizen service keeps closed, see
`catalogue.hours.holiday_name`) from the day the task is created; the deadline
is 16:00 local time on the last of them (`CALLBACK_DAY_END`), a fixed time so
a caseworker's queue reads the same whichever department it is in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from indgang.catalogue.hours import DEFAULT_TZ, holiday_name, to_instant
from indgang.catalogue.models import Channel, Department, ServiceChannel
from indgang.core import clock
from indgang.core.errors import DomainError, PermissionDenied
from indgang.core.permissions import Role, has_role, require_perm
from indgang.core.phone import phone_normalise
from indgang.notifications.models import MessageChannel
from indgang.notifications.services import contains_cpr, message_enqueue

from . import selectors
from .models import (
    CallbackStatus,
    CallbackTask,
    Presence,
    StaffPhoneHours,
    StaffPresence,
)

DEFAULT_CALLBACK_DAYS = 2  # working days, when the service sets no phone deadline
CALLBACK_DAY_END = time(16, 0)  # the deadline is this local time on its last working day
CALLBACK_CREATED_KIND = "callback.created"
_UNSET = object()


# Presence and phone hours ----------------------------------------------


def presence_set(*, user, status: str, note: str = "", by=None) -> StaffPresence:
    """Set `user`'s presence. `by` (default: the user) must be the user with the
    right to keep their own presence, or a manager."""
    if by is not None:
        if by.pk == user.pk:
            require_perm(by, "contactcentre.change_staffpresence")
        elif not has_role(by, Role.MANAGER):
            raise PermissionDenied
    if status not in Presence.values:
        raise DomainError(_("Vælg en gyldig status."))
    note = (note or "").strip()[:120]
    presence, _created = StaffPresence.objects.update_or_create(
        user=user,
        defaults={"status": status, "note": note, "updated_at": clock.now()},
    )
    return presence


def staff_phone_hours_add(*, user, weekday: int, opens: time, closes: time, by=None):
    """Add an interval to `user`'s own scheduled phone hours."""
    by = by or user
    if by.pk != user.pk and not has_role(by, Role.MANAGER):
        raise PermissionDenied
    require_perm(by, "contactcentre.add_staffphonehours")
    if closes <= opens:
        raise DomainError(_("Sluttidspunktet skal ligge efter starttidspunktet."))
    overlapping = StaffPhoneHours.objects.filter(
        user=user, weekday=weekday, opens__lt=closes, closes__gt=opens
    )
    if overlapping.exists():
        raise DomainError(_("Tidsrummet overlapper en telefontid, du allerede har."))
    return StaffPhoneHours.objects.create(user=user, weekday=weekday, opens=opens, closes=closes)


def staff_phone_hours_remove(*, user, pk: int, by=None) -> None:
    by = by or user
    if by.pk != user.pk and not has_role(by, Role.MANAGER):
        raise PermissionDenied
    require_perm(by, "contactcentre.delete_staffphonehours")
    deleted, _rows = StaffPhoneHours.objects.filter(user=user, pk=pk).delete()
    if not deleted:
        raise DomainError(_("Telefontiden findes ikke længere."))


# Transfer -----------------------------------------------------------------


def when_text(moment: datetime, *, at: datetime) -> str:
    """“i dag kl. 13.00”, “i morgen kl. 09.00” or “mandag 7. december kl. 09.00”."""
    local = timezone.localtime(moment)
    today = timezone.localtime(at).date()
    clock_text = _("kl. %(time)s") % {"time": local.strftime("%H.%M")}
    if local.date() == today:
        return _("i dag %(time)s") % {"time": clock_text}
    if local.date() == today + timedelta(days=1):
        return _("i morgen %(time)s") % {"time": clock_text}
    return f"{date_format(local, 'l j. F')} {clock_text}"


def transfer_check(*, to_user, at: datetime | None = None) -> None:
    """Raise DomainError (Danish) unless `to_user` may take a transferred call now:
    their department is within its phone hours and they are available."""
    at = at or clock.now()
    name = to_user.get_full_name() or to_user.username
    if to_user.department_id is None or not to_user.is_active:
        raise DomainError(_("%(name)s kan ikke modtage opkald.") % {"name": name})
    state = selectors.department_phone_state(department=to_user.department, at=at)
    if not state.open_now:
        if state.next_open is not None:
            raise DomainError(
                _("Afdelingen har lukket telefonen nu; åbner igen %(when)s.")
                % {"when": when_text(state.next_open, at=at)}
            )
        raise DomainError(_("Afdelingen har lukket telefonen nu og har ingen kommende telefontid."))
    presence = selectors.presence_of(to_user)
    if presence != Presence.AVAILABLE:
        raise DomainError(
            _("%(name)s er ikke ledig (%(presence)s).")
            % {"name": name, "presence": str(Presence(presence).label).lower()}
        )


# Callbacks ------------------------------------------------------------------


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start`; for 0, `start` itself when it is a
    working day, otherwise the next one."""
    day = start
    if days <= 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def callback_deadline_days(*, service) -> int:
    """The service's phone response deadline in working days (default 2)."""
    if service is None:
        return DEFAULT_CALLBACK_DAYS
    days = (
        ServiceChannel.objects.filter(service=service, channel=Channel.PHONE)
        .values_list("response_deadline_days", flat=True)
        .first()
    )
    return DEFAULT_CALLBACK_DAYS if days is None else days


def callback_deadline(*, service, at: datetime) -> datetime:
    """16:00 local on the last working day of the service's phone response
    deadline counted from `at` (default 2 working days)."""
    days = callback_deadline_days(service=service)
    local = timezone.localtime(at)
    start = local.date()
    if days == 0 and local.time() >= CALLBACK_DAY_END:
        days = 1  # "the same day" after the end of the day is the next working day
    day = add_working_days(start, days)
    return to_instant(day, CALLBACK_DAY_END, DEFAULT_TZ)


def callback_url(task: CallbackTask) -> str:
    path = reverse("contactcentre:callback", kwargs={"pk": task.pk})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _notice_recipients(department: Department) -> list[str]:
    if department.email:
        return [department.email]
    return sorted(
        {u.email for u in selectors.staff_queryset().filter(department=department) if u.email}
    )


def _notice_enqueue(task: CallbackTask) -> None:
    """E-mail the department that a task is waiting; no citizen data in it."""
    deadline = timezone.localtime(task.deadline)
    subject = _("Ny tilbagekaldsopgave i %(department)s") % {"department": task.department.name}
    body = _(
        "Der er en ny tilbagekaldsopgave i afdelingens kø.\n"
        "Frist: %(deadline)s.\n\n"
        "Se og tag opgaven her: %(url)s"
    ) % {
        "deadline": date_format(deadline, "j. F Y \\k\\l. H.i"),
        "url": callback_url(task),
    }
    reference = f"callback:{task.pk}"
    for recipient in _notice_recipients(task.department):
        message_enqueue(
            kind=CALLBACK_CREATED_KIND,
            channel=MessageChannel.EMAIL,
            recipient=recipient,
            subject=subject,
            body=body,
            idempotency_key=f"{reference}:created:{recipient}",
            reference=reference,
        )


def _author(by) -> str:
    return (by.get_full_name() or by.username) if by is not None else _("System")


def _note_entry(*, by, text: str, at: datetime) -> str:
    stamp = timezone.localtime(at).strftime("%d.%m.%Y %H.%M")
    return f"{stamp} – {_author(by)}: {' '.join(text.split())}"


@transaction.atomic
def callback_create(
    *,
    by,
    department: Department | None,
    question: str,
    citizen_name: str = "",
    citizen_phone: str = "",
    service=None,
    subject_area=None,
    channel: str = Channel.PHONE,
    at: datetime | None = None,
) -> CallbackTask:
    """Put a callback task in `department`'s queue (default: the service's
    department) and e-mail the department a notice through the ledger."""
    require_perm(by, "contactcentre.add_callbacktask")
    at = at or clock.now()
    if department is None and service is not None:
        department = service.department
    if department is None:
        raise DomainError(_("Vælg den afdeling, der skal ringe tilbage."))
    question = (question or "").strip()
    if not question:
        raise DomainError(_("Skriv borgerens spørgsmål."))
    citizen_name = (citizen_name or "").strip()[:200]
    if contains_cpr(question) or contains_cpr(citizen_name):
        raise DomainError(_("Skriv ikke CPR-numre i tilbagekaldet."))
    citizen_phone = (citizen_phone or "").strip()
    if citizen_phone:
        try:
            citizen_phone = phone_normalise(citizen_phone)
        except ValidationError as exc:
            raise DomainError(exc.messages[0]) from exc
    if subject_area is None and service is not None:
        subject_area = service.subject_area
    task = CallbackTask.objects.create(
        department=department,
        service=service,
        subject_area=subject_area,
        channel=channel,
        citizen_name=citizen_name,
        citizen_phone=citizen_phone,
        question=question,
        deadline=callback_deadline(service=service, at=at),
        created_by=by,
        created_at=at,
        updated_at=at,
    )
    _notice_enqueue(task)
    return task


# The department that calls back citizens who ask for it themselves (the chat
# widget's after-hours form): settings.CHAT_CALLBACK_DEPARTMENT, a department
# slug, default "borgerservice" (citizen service).
_CITIZEN_CALLBACK_DEPARTMENT = "borgerservice"


def _citizen_callback_department() -> Department | None:
    slug = getattr(settings, "CHAT_CALLBACK_DEPARTMENT", "") or _CITIZEN_CALLBACK_DEPARTMENT
    return Department.objects.filter(slug=slug).first()


@transaction.atomic
def callback_request(
    *,
    question: str,
    citizen_name: str,
    citizen_phone: str,
    channel: str = Channel.CHAT,
    service=None,
    at: datetime | None = None,
) -> CallbackTask:
    """A citizen's own request to be called back (no staff member, no
    permission): a task in the citizen-service department's queue (see
    `_citizen_callback_department`; the service's department when that does
    not exist), with the usual deadline and notice. The phone number is
    required. Raises DomainError with a Danish message the citizen can act on."""
    at = at or clock.now()
    question = (question or "").strip()
    if not question:
        raise DomainError(_("Skriv dit spørgsmål, så den, der ringer, kan forberede sig."))
    citizen_name = (citizen_name or "").strip()[:200]
    if not citizen_name:
        raise DomainError(_("Skriv dit navn."))
    if contains_cpr(question) or contains_cpr(citizen_name):
        raise DomainError(_("Skriv ikke dit CPR-nummer. Vi spørger efter det, når vi ringer."))
    citizen_phone = (citizen_phone or "").strip()
    if not citizen_phone:
        raise DomainError(_("Skriv dit telefonnummer, så vi kan ringe til dig."))
    try:
        citizen_phone = phone_normalise(citizen_phone)
    except ValidationError as exc:
        raise DomainError(exc.messages[0]) from exc
    department = _citizen_callback_department()
    if department is None and service is not None:
        department = service.department
    if department is None:
        raise DomainError(
            _("Vi kan ikke modtage ønsker om opkald lige nu. Ring til os i åbningstiden.")
        )
    task = CallbackTask.objects.create(
        department=department,
        service=service,
        subject_area=service.subject_area if service is not None else None,
        channel=channel,
        citizen_name=citizen_name,
        citizen_phone=citizen_phone,
        question=question,
        deadline=callback_deadline(service=service, at=at),
        created_by=None,
        created_at=at,
        updated_at=at,
    )
    _notice_enqueue(task)
    return task


def _require_act(task: CallbackTask, by) -> None:
    require_perm(by, "contactcentre.change_callbacktask")
    if not selectors.callback_can_act(task=task, user=by):
        raise PermissionDenied(_("Opgaven hører til en anden afdeling."))


@transaction.atomic
def callback_update(
    *, task: CallbackTask, by, status: str | None = None, notes: str | None = None, assignee=_UNSET
) -> CallbackTask:
    """Change status, add a note (appended with time and author) or assign.

    Done and not reached close the task (`closed_at`); open and in progress
    reopen it. A status change is written to the notes too, so they are the
    task's history."""
    task = CallbackTask.objects.select_for_update().get(pk=task.pk)
    _require_act(task, by)
    if task.anonymised_at is not None:
        raise DomainError(_("Opgaven er anonymiseret og kan ikke ændres."))
    now = clock.now()
    entries = []
    if status is not None and status != task.status:
        if status not in CallbackStatus.values:
            raise DomainError(_("Vælg en gyldig status."))
        task.status = status
        task.closed_at = now if task.is_closed else None
        entries.append(
            _note_entry(
                by=by,
                text=_("Status: %(status)s") % {"status": CallbackStatus(status).label},
                at=now,
            )
        )
    if assignee is not _UNSET and assignee != task.assignee:
        task.assignee = assignee
        if assignee is not None:
            entries.append(
                _note_entry(by=by, text=_("Tildelt %(name)s") % {"name": _author(assignee)}, at=now)
            )
    if notes is not None and notes.strip():
        if contains_cpr(notes):
            raise DomainError(_("Skriv ikke CPR-numre i noterne."))
        entries.append(_note_entry(by=by, text=notes, at=now))
    if entries:
        task.notes = "\n".join(filter(None, [task.notes.rstrip("\n"), *entries]))
    task.updated_at = now
    task.save()
    return task


def callback_take(*, task: CallbackTask, by) -> CallbackTask:
    """Assign the task to `by` and mark it in progress."""
    if task.is_closed:
        raise DomainError(_("Opgaven er allerede afsluttet."))
    return callback_update(task=task, by=by, status=CallbackStatus.IN_PROGRESS, assignee=by)


def callbacks_anonymise_old(
    *, at: datetime | None = None, older_than_days: int | None = None
) -> int:
    """Clear the citizen's name and phone from tasks closed more than
    CALLBACK_RETENTION_DAYS ago; the question, times and outcome stay for
    statistics. Returns the number of tasks anonymised."""
    at = at or clock.now()
    days = settings.CALLBACK_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = at - timedelta(days=days)
    return CallbackTask.objects.filter(
        closed_at__isnull=False, closed_at__lt=cutoff, anonymised_at__isnull=True
    ).update(citizen_name="", citizen_phone="", anonymised_at=at)
