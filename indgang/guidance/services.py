"""Every write to guidance plans: open, update, actions, meetings, the
citizen's overview, close/reopen and retention.

Each function is keyword-only and owns its transaction. Messages go to the
ledger (`message_enqueue`) in the same transaction, so a rollback sends
nothing. The CPR number is written here (constructor kwargs or `setattr`) but
never read: `selectors.citizen_cpr_get` is its one reader, and it never goes
in an audit `extra`, a log line or a message.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indgang.audit.services import audit_record
from indgang.booking.models import StaffCalendar
from indgang.booking.selectors import TZ
from indgang.booking.services import staff_meeting_book, staff_meeting_cancel
from indgang.catalogue.models import Channel, Outcome
from indgang.contacts.services import contact_register
from indgang.core import clock
from indgang.core.errors import PermissionDenied
from indgang.core.permissions import Role, has_role, require_perm
from indgang.core.phone import phone_normalise
from indgang.notifications.models import Message, MessageChannel
from indgang.notifications.services import contains_cpr, message_enqueue, messages_cancel_pending

from .errors import MeetingNotInPlan, NoRecipient, NoUpcomingMeetings, PlanClosed, PlanNotClosed
from .models import ActionStatus, GuidancePlan, PlanAction, PlanMeeting, PlanStatus

KIND_OVERVIEW = "guidance.overview"
KIND_REMINDER = "guidance.reminder"
# Citizen-service roles that open and run plans (the rest only take part).
PLAN_WORK_ROLES = (Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.MANAGER)

_CPR_INPUT = re.compile(r"^(\d{6})-?(\d{4})$")


def plan_reference(plan: GuidancePlan | int) -> str:
    """What the plan's messages and meetings are about: "guidance.plan:12"."""
    return f"guidance.plan:{getattr(plan, 'pk', plan)}"


def meeting_reference(plan_meeting: PlanMeeting) -> str:
    """A meeting's reminders: "guidance.plan:12:meeting:40" (cancelled with the meeting)."""
    return f"{plan_reference(plan_meeting.plan_id)}:meeting:{plan_meeting.meeting_id}"


# --- citizen details ---------------------------------------------------------


def _citizen_clean(*, citizen_name: str, phone: str, email: str, cpr: str | None) -> dict:
    """Validated citizen details; ValidationError per field in Danish.
    The CPR number never appears in a message."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, str] = {}
    name = (citizen_name or "").strip()
    if not name:
        errors["citizen_name"] = [_("Skriv borgerens navn.")]
    clean["citizen_name"] = name
    phone = (phone or "").strip()
    if phone:
        try:
            phone = phone_normalise(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    clean["phone"] = phone
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Skriv en gyldig e-mailadresse, fx navn@example.dk.")]
    clean["email"] = email
    if cpr is not None:
        value = re.sub(r"\s", "", cpr or "")
        match = _CPR_INPUT.match(value) if value else None
        if value and match is None:
            errors["cpr"] = [_("Et CPR-nummer har 10 cifre, fx 010203-1234.")]
        clean["cpr"] = "".join(match.groups()) if match else ""
    if errors:
        raise ValidationError(errors)
    return clean


def _require_open(plan: GuidancePlan) -> None:
    if not plan.is_open:
        raise PlanClosed


def _locked(plan: GuidancePlan) -> GuidancePlan:
    return GuidancePlan.objects.select_for_update().get(pk=plan.pk)


@transaction.atomic
def plan_open(
    *,
    by,
    title: str,
    citizen_name: str,
    phone: str = "",
    email: str = "",
    cpr: str = "",
    guide=None,
    notes: str = "",
    language: str | None = None,
) -> GuidancePlan:
    """Open a plan for a citizen; `by` becomes its owner in citizen service.
    CPR only if the citizen gives it (10 digits, with or without a dash)."""
    require_perm(by, "guidance.add_guidanceplan")
    title = (title or "").strip()
    clean = _citizen_clean(citizen_name=citizen_name, phone=phone, email=email, cpr=cpr)
    if not title:
        raise ValidationError({"title": [_("Skriv borgerens situation.")]})
    now = clock.now()
    plan = GuidancePlan.objects.create(
        title=title[:200],
        guide=guide,
        language=language or "da",
        notes=notes.strip(),
        owner=by,
        opened_by=by,
        opened_at=now,
        **clean,
    )
    audit_record(
        actor=by, action="guidance.plan_open", target=plan, extra={"cpr_given": bool(clean["cpr"])}
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: GuidancePlan,
    by,
    title: str,
    citizen_name: str,
    phone: str = "",
    email: str = "",
    cpr: str | None = None,
    guide=None,
    notes: str = "",
) -> GuidancePlan:
    """Change the situation and the citizen's details. `cpr=None` keeps the
    stored number; "" deletes it."""
    require_perm(by, "guidance.change_guidanceplan")
    plan = _locked(plan)
    _require_open(plan)
    title = (title or "").strip()
    clean = _citizen_clean(citizen_name=citizen_name, phone=phone, email=email, cpr=cpr)
    if not title:
        raise ValidationError({"title": [_("Skriv borgerens situation.")]})
    plan.title = title[:200]
    plan.guide = guide
    plan.notes = notes.strip()
    for field, value in clean.items():
        setattr(plan, field, value)
    plan.save()
    audit_record(
        actor=by,
        action="guidance.plan_update",
        target=plan,
        extra={"cpr_changed": cpr is not None},
    )
    return plan


# --- actions -----------------------------------------------------------------


@transaction.atomic
def action_add(
    *,
    plan: GuidancePlan,
    by,
    title: str,
    department=None,
    assignee=None,
    deadline=None,
    description: str = "",
) -> PlanAction:
    require_perm(by, "guidance.add_planaction")
    plan = _locked(plan)
    _require_open(plan)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": [_("Skriv, hvad der skal gøres.")]})
    if department is None and assignee is not None:
        department = assignee.department
    return PlanAction.objects.create(
        plan=plan,
        title=title[:200],
        description=description.strip(),
        department=department,
        assignee=assignee,
        deadline=deadline,
        created_at=clock.now(),
        created_by=by,
    )


def action_may_change(*, user, action: PlanAction) -> bool:
    """The assignee, a caseworker in the action's department, or citizen
    service staff may change an action's status."""
    if not getattr(user, "is_active", False):
        return False
    if action.assignee_id is not None and action.assignee_id == user.pk:
        return True
    if has_role(user, *PLAN_WORK_ROLES):
        return user.has_perm("guidance.change_planaction")
    return bool(
        has_role(user, Role.BACK_OFFICE)
        and action.department_id
        and user.department_id == action.department_id
    )


@transaction.atomic
def action_status_set(*, action: PlanAction, by, status: str) -> PlanAction:
    """Set an action's status; when every action of the plan is done, the
    plan closes (and records a contact for each held meeting)."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Vælg en status.")]})
    if not action_may_change(user=by, action=action):
        raise PermissionDenied
    plan = _locked(action.plan)
    _require_open(plan)
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    if action.status != status:
        action.status = status
        action.done_at = clock.now() if status == ActionStatus.DONE else None
        action.save(update_fields=["status", "done_at"])
    actions = plan.actions.all()
    if (
        status == ActionStatus.DONE
        and actions.exists()
        and not actions.exclude(status=ActionStatus.DONE).exists()
    ):
        _close(plan, by=by)
    action.plan = plan
    return action


# --- close / reopen ----------------------------------------------------------


def _close(plan: GuidancePlan, *, by) -> GuidancePlan:
    """Record one registry contact per held meeting (once) and close."""
    now = clock.now()
    held = (
        plan.meetings.filter(
            contact__isnull=True, meeting__status="booked", meeting__start__lte=now
        )
        .select_related("meeting__calendar")
        .order_by("meeting__start")
    )
    for pm in held:
        meeting = pm.meeting
        pm.contact = contact_register(
            by=by,
            channel=Channel.PERSONAL,
            location=meeting.calendar.location,
            service=None,
            outcome=Outcome.RESOLVED,
            handling_seconds=int((meeting.end - meeting.start).total_seconds()),
            at=meeting.start,
        )
        pm.save(update_fields=["contact"])
    plan.status = PlanStatus.CLOSED
    plan.closed_at = now
    plan.save(update_fields=["status", "closed_at"])
    audit_record(actor=by, action="guidance.plan_close", target=plan)
    return plan


@transaction.atomic
def plan_close(*, plan: GuidancePlan, by) -> GuidancePlan:
    """Close a plan by hand (the last done action closes it by itself)."""
    require_perm(by, "guidance.change_guidanceplan")
    plan = _locked(plan)
    _require_open(plan)
    return _close(plan, by=by)


@transaction.atomic
def plan_reopen(*, plan: GuidancePlan, by) -> GuidancePlan:
    require_perm(by, "guidance.change_guidanceplan")
    plan = _locked(plan)
    if plan.is_open:
        raise PlanNotClosed
    if plan.anonymised_at is not None:
        raise PlanClosed(_("Planen er anonymiseret og kan ikke genåbnes."))
    plan.status = PlanStatus.OPEN
    plan.closed_at = None
    plan.save(update_fields=["status", "closed_at"])
    audit_record(actor=by, action="guidance.plan_reopen", target=plan)
    return plan


# --- meetings and messages ---------------------------------------------------


def _when(start: datetime) -> str:
    local = start.astimezone(TZ)
    return date_format(local, pgettext("guidance message date", "l j. F Y \\k\\l. H.i"))


def meeting_place(calendar: StaffCalendar) -> str:
    """Where the meeting is held, in words."""
    if calendar.place:
        return calendar.place
    if calendar.location_id:
        return calendar.location.name
    return _("aftales med dig")


def _meeting_line(pm: PlanMeeting) -> str:
    meeting = pm.meeting
    calendar = meeting.calendar
    return _("%(when)s: %(caseworker)s, %(department)s. Sted: %(place)s. Emne: %(topic)s.") % {
        "when": _when(meeting.start).capitalize(),
        "caseworker": calendar.user.get_full_name() or calendar.user.get_username(),
        "department": calendar.department.name,
        "place": meeting_place(calendar),
        "topic": meeting.topic,
    }


def _recipients(plan: GuidancePlan) -> list[tuple[str, str]]:
    return [
        (channel, recipient)
        for channel, recipient in (
            (MessageChannel.SMS, plan.phone),
            (MessageChannel.EMAIL, plan.email),
        )
        if recipient
    ]


def _reminder_enqueue(pm: PlanMeeting) -> int:
    calendar = pm.meeting.calendar
    if not calendar.reminder_hours_before:
        return 0
    send_after = pm.meeting.start - timedelta(hours=calendar.reminder_hours_before)
    if send_after <= clock.now():
        return 0  # booked too close to the time for a reminder to make sense
    plan = pm.plan
    with translation.override(plan.language or "da"):
        line = _meeting_line(pm)
        sms = _("Påmindelse fra %(municipality)s: Du har møde %(line)s") % {
            "municipality": settings.MUNICIPALITY_NAME,
            "line": line[0].lower() + line[1:],
        }
        subject = _("Påmindelse om dit møde %(when)s") % {"when": _when(pm.meeting.start)}
        email = "\n\n".join(
            [
                _("Kære %(name)s") % {"name": plan.citizen_name},
                _("Vi minder dig om dit møde:"),
                line,
                _("Kan du ikke komme, så ring til %(department)s.")
                % {"department": calendar.department.name}
                + (f" {calendar.department.phone}" if calendar.department.phone else ""),
                _("Venlig hilsen\n%(municipality)s") % {"municipality": settings.MUNICIPALITY_NAME},
            ]
        )
    count = 0
    for channel, recipient in _recipients(plan):
        message_enqueue(
            kind=KIND_REMINDER,
            channel=channel,
            recipient=recipient,
            subject=subject if channel == MessageChannel.EMAIL else "",
            body=sms if channel == MessageChannel.SMS else email,
            idempotency_key=f"{meeting_reference(pm)}:reminder:{channel}",
            reference=meeting_reference(pm),
            send_after=send_after,
        )
        count += 1
    return count


@transaction.atomic
def meeting_book(
    *, plan: GuidancePlan, by, calendar: StaffCalendar, start: datetime, topic: str, action=None
) -> PlanMeeting:
    """Book the citizen's meeting in a caseworker's calendar and queue a
    reminder before it. The citizen's overview is sent by `plan_notify`.
    Raises booking's NotASlot / SlotTaken."""
    require_perm(by, "guidance.add_planmeeting")
    plan = _locked(plan)
    _require_open(plan)
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError({"topic": [_("Skriv mødets emne.")]})
    if contains_cpr(topic):
        raise ValidationError({"topic": [_("Skriv ikke CPR-numre i mødets emne.")]})
    if action is not None and action.plan_id != plan.pk:
        raise MeetingNotInPlan
    meeting = staff_meeting_book(
        calendar=calendar,
        start=start,
        topic=topic[:200],
        name=plan.citizen_name,
        phone=plan.phone,
        email=plan.email,
        reference=plan_reference(plan),
        created_by=by,
        language=plan.language,
    )
    pm = PlanMeeting.objects.create(plan=plan, meeting=meeting, action=action)
    pm = PlanMeeting.objects.select_related(
        "plan",
        "meeting__calendar__user",
        "meeting__calendar__department",
        "meeting__calendar__location",
    ).get(pk=pm.pk)
    _reminder_enqueue(pm)
    return pm


@transaction.atomic
def meeting_cancel(*, plan_meeting: PlanMeeting, by) -> PlanMeeting:
    """Cancel the caseworker meeting and its pending reminders. Raises
    booking's BookingNotActive / BookingInThePast."""
    require_perm(by, "guidance.change_planmeeting")
    _locked(plan_meeting.plan)
    staff_meeting_cancel(meeting=plan_meeting.meeting, by=by)
    messages_cancel_pending(reference=meeting_reference(plan_meeting))
    plan_meeting.meeting.refresh_from_db()
    return plan_meeting


def _upcoming(plan: GuidancePlan) -> list[PlanMeeting]:
    return list(
        plan.meetings.filter(meeting__status="booked", meeting__start__gt=clock.now())
        .select_related(
            "meeting__calendar__user",
            "meeting__calendar__department",
            "meeting__calendar__location",
        )
        .order_by("meeting__start")
    )


@transaction.atomic
def plan_notify(*, plan: GuidancePlan, by) -> int:
    """Send the citizen ONE message (SMS and/or e-mail) listing all the plan's
    upcoming meetings. The same set of meetings again sends nothing (a double
    click); a changed set sends a new overview. Returns the messages queued."""
    require_perm(by, "guidance.change_guidanceplan")
    plan = _locked(plan)
    _require_open(plan)
    recipients = _recipients(plan)
    if not recipients:
        raise NoRecipient
    meetings = _upcoming(plan)
    if not meetings:
        raise NoUpcomingMeetings
    fingerprint = "|".join(f"{pm.meeting_id}@{pm.meeting.start.isoformat()}" for pm in meetings)
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:20]
    with translation.override(plan.language or "da"):
        lines = [_meeting_line(pm) for pm in meetings]
        municipality = settings.MUNICIPALITY_NAME
        intro = _("Dine møder med %(municipality)s:") % {"municipality": municipality}
        sms = "\n".join([intro, *(f"- {line}" for line in lines)])
        subject = _("Dine møder med %(municipality)s") % {"municipality": municipality}
        email = "\n\n".join(
            [
                _("Kære %(name)s") % {"name": plan.citizen_name},
                _("Her er en oversigt over de møder, vi har aftalt med dig:"),
                "\n".join(f"- {line}" for line in lines),
                _("Du får en påmindelse før hvert møde. Kan du ikke komme, så ring til os."),
                _("Venlig hilsen\n%(municipality)s") % {"municipality": municipality},
            ]
        )
    created = 0
    for channel, recipient in recipients:
        key = f"{plan_reference(plan)}:overview:{digest}:{channel}"
        if Message.objects.filter(idempotency_key=key).exists():
            continue
        message_enqueue(
            kind=KIND_OVERVIEW,
            channel=channel,
            recipient=recipient,
            subject=subject if channel == MessageChannel.EMAIL else "",
            body=sms if channel == MessageChannel.SMS else email,
            idempotency_key=key,
            reference=plan_reference(plan),
        )
        created += 1
    if created:
        PlanMeeting.objects.filter(pk__in=[pm.pk for pm in meetings]).update(
            notified_at=clock.now()
        )
        audit_record(
            actor=by, action="guidance.plan_notify", target=plan, extra={"meetings": len(meetings)}
        )
    return created


# --- retention ---------------------------------------------------------------


def plans_anonymise_old(*, older_than_days: int | None = None, at: datetime | None = None) -> int:
    """Delete the citizen's name, phone, e-mail, CPR number and the notes of
    plans closed more than GUIDANCE_PLAN_RETENTION_DAYS ago. The situation,
    actions and meetings stay for statistics. Returns how many plans."""
    at = at or clock.now()
    days = settings.GUIDANCE_PLAN_RETENTION_DAYS if older_than_days is None else older_than_days
    cutoff = at - timedelta(days=days)
    return GuidancePlan.objects.filter(
        status=PlanStatus.CLOSED,
        closed_at__lt=cutoff,
        anonymised_at__isnull=True,
    ).update(citizen_name="", phone="", email="", cpr="", notes="", anonymised_at=at)
