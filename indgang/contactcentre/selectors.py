"""Reads of the contact centre: the directory of departments and staff with
presence and today's phone hours, transfer targets, callback queues and the
back-office inbox.

Staff in the directory are active users with a department and the back-office
role. No `StaffPresence` row means off duty. A person is *transferable* only
when their presence is "available" and their department is within its phone
hours (catalogue `PhoneHours`; public holidays close the phones).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from indgang.catalogue import hours
from indgang.catalogue.models import Department, PhoneHours
from indgang.catalogue.selectors import department_phone_schedule
from indgang.core import clock
from indgang.core.permissions import Role, has_role
from indgang.knowledge.models import ReviewStatus, ReviewTask

from .models import CallbackStatus, CallbackTask, Presence, StaffPhoneHours

OPEN_CALLBACK_STATUSES = (CallbackStatus.OPEN, CallbackStatus.IN_PROGRESS)


@dataclass
class StaffEntry:
    user: object
    presence: str
    presence_label: str
    transferable: bool
    phone_hours_today: list[tuple[time, time]] = field(default_factory=list)
    presence_note: str = ""


@dataclass
class DepartmentEntry:
    department: Department
    open_now: bool
    phone_hours_today: list[tuple[time, time]]
    next_open: datetime | None
    staff: list[StaffEntry]


def _local_spans(day_hours: hours.DayHours) -> list[tuple[time, time]]:
    return [(start.time(), end.time()) for start, end in (i.local() for i in day_hours.intervals)]


def staff_queryset() -> QuerySet:
    """Active back-office staff with a department, presence and phone hours loaded."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True, department__isnull=False, groups__name=Role.BACK_OFFICE.value
        )
        .select_related("presence", "department")
        .prefetch_related(
            Prefetch("phone_hours", queryset=StaffPhoneHours.objects.order_by("weekday", "opens"))
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def presence_of(user) -> str:
    """The user's presence value; no row means off duty."""
    try:
        return user.presence.status
    except ObjectDoesNotExist:
        return Presence.OFF_DUTY


def _presence_note(user) -> str:
    try:
        return user.presence.note
    except ObjectDoesNotExist:
        return ""


def staff_phone_hours_today(*, user, at: datetime | None = None) -> list[tuple[time, time]]:
    """The user's own scheduled phone hours today (none on public holidays)."""
    at = at or clock.now()
    weekly: dict[int, list[tuple[time, time]]] = {}
    for row in user.phone_hours.all():
        weekly.setdefault(row.weekday, []).append((row.opens, row.closes))
    day = timezone.localtime(at).date()
    return _local_spans(hours.hours_on(hours.Schedule(weekly=weekly), day))


@dataclass(frozen=True)
class PhoneState:
    open_now: bool
    hours_today: list[tuple[time, time]]
    next_open: datetime | None


def department_phone_state(*, department: Department, at: datetime | None = None) -> PhoneState:
    """Open now?, today's phone hours and (when closed) the next opening (local time)."""
    at = at or clock.now()
    schedule = department_phone_schedule(department=department)
    today = hours.hours_on(schedule, timezone.localtime(at).date())
    open_now = any(i.contains(at) for i in today.intervals)
    next_open = None
    if not open_now:
        interval = hours.next_opening(schedule, at)
        next_open = timezone.localtime(interval.start) if interval else None
    return PhoneState(open_now=open_now, hours_today=_local_spans(today), next_open=next_open)


def _staff_entry(user, *, department_open: bool, at: datetime) -> StaffEntry:
    presence = presence_of(user)
    return StaffEntry(
        user=user,
        presence=presence,
        presence_label=str(Presence(presence).label),
        transferable=presence == Presence.AVAILABLE and department_open,
        phone_hours_today=staff_phone_hours_today(user=user, at=at),
        presence_note=_presence_note(user) if presence != Presence.OFF_DUTY else "",
    )


def directory(*, at: datetime | None = None, q: str = "") -> list[DepartmentEntry]:
    """Departments with back-office staff, their phone state and the staff's presence.

    `q` filters case-insensitively: a department whose name matches shows all
    its staff; otherwise only staff whose name matches are shown.
    """
    at = at or clock.now()
    q = (q or "").strip()
    staff_by_department: dict[int, list] = {}
    for user in staff_queryset():
        staff_by_department.setdefault(user.department_id, []).append(user)
    departments = Department.objects.filter(pk__in=staff_by_department).prefetch_related(
        Prefetch("phone_hours", queryset=PhoneHours.objects.order_by("weekday", "opens"))
    )
    needle = q.casefold()
    entries = []
    for department in departments.order_by("name"):
        staff = staff_by_department[department.pk]
        if needle and needle not in department.name.casefold():
            staff = [u for u in staff if needle in f"{u.get_full_name()} {u.username}".casefold()]
            if not staff:
                continue
        state = department_phone_state(department=department, at=at)
        entries.append(
            DepartmentEntry(
                department=department,
                open_now=state.open_now,
                phone_hours_today=state.hours_today,
                next_open=state.next_open,
                staff=[_staff_entry(u, department_open=state.open_now, at=at) for u in staff],
            )
        )
    return entries


def transfer_targets(*, department: Department, at: datetime | None = None) -> list:
    """Staff of `department` a call may be transferred to now (available, department open)."""
    at = at or clock.now()
    if not department_phone_state(department=department, at=at).open_now:
        return []
    return [
        u
        for u in staff_queryset().filter(department=department)
        if presence_of(u) == Presence.AVAILABLE
    ]


# Callbacks --------------------------------------------------------------


def callback_is_overdue(task: CallbackTask, *, at: datetime | None = None) -> bool:
    return not task.is_closed and task.deadline < (at or clock.now())


def _mark_overdue(tasks, at: datetime) -> list[CallbackTask]:
    tasks = list(tasks)
    for task in tasks:
        task.overdue = callback_is_overdue(task, at=at)
    return tasks


def callback_queue(*, department: Department, at: datetime | None = None) -> list[CallbackTask]:
    """The department's open and in-progress callbacks, earliest deadline first;
    each with `.overdue`."""
    qs = (
        CallbackTask.objects.filter(department=department, status__in=OPEN_CALLBACK_STATUSES)
        .select_related("assignee", "service")
        .order_by("deadline", "pk")
    )
    return _mark_overdue(qs, at or clock.now())


def callbacks_assigned(*, user, at: datetime | None = None) -> list[CallbackTask]:
    """Open and in-progress callbacks assigned to `user`, earliest deadline first."""
    qs = (
        CallbackTask.objects.filter(assignee=user, status__in=OPEN_CALLBACK_STATUSES)
        .select_related("department", "service")
        .order_by("deadline", "pk")
    )
    return _mark_overdue(qs, at or clock.now())


def callbacks_overdue(
    *, department: Department | None = None, at: datetime | None = None
) -> QuerySet[CallbackTask]:
    """Callbacks still open or in progress whose deadline has passed."""
    qs = CallbackTask.objects.filter(
        status__in=OPEN_CALLBACK_STATUSES, deadline__lt=at or clock.now()
    )
    if department is not None:
        qs = qs.filter(department=department)
    return qs


def callback_get(*, pk: int) -> CallbackTask | None:
    return (
        CallbackTask.objects.select_related(
            "department", "service", "subject_area", "assignee", "created_by"
        )
        .filter(pk=pk)
        .first()
    )


def callback_can_act(*, task: CallbackTask, user) -> bool:
    """Take, close and annotate: staff of the task's department, or a manager."""
    if not user.has_perm("contactcentre.change_callbacktask"):
        return False
    return has_role(user, Role.MANAGER) or (
        user.department_id is not None and user.department_id == task.department_id
    )


def callback_can_see_citizen(*, task: CallbackTask, user) -> bool:
    """The citizen's name and phone: the department's staff, the creator and managers."""
    if has_role(user, Role.MANAGER):
        return True
    if task.created_by_id is not None and task.created_by_id == user.pk:
        return True
    return user.department_id is not None and user.department_id == task.department_id


def callback_can_view(*, task: CallbackTask, user) -> bool:
    return user.has_perm("contactcentre.view_callbacktask")


def review_tasks_open(*, department: Department | None) -> QuerySet[ReviewTask]:
    """Open knowledge review tasks of the department (K2 owns the review page)."""
    if department is None:
        return ReviewTask.objects.none()
    return (
        ReviewTask.objects.filter(department=department, status=ReviewStatus.OPEN)
        .select_related("article")
        .order_by("due_on", "pk")
    )


def my_phone_hours(*, user) -> QuerySet[StaffPhoneHours]:
    return StaffPhoneHours.objects.filter(user=user).order_by("weekday", "opens")
