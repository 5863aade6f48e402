"""Every read of guidance plans a page needs.

`citizen_cpr_get` is the ONLY reader of `GuidancePlan.cpr` (an architecture
test enforces it); every read is audit-logged. Pages learn whether a CPR
number is on file through `plan_has_cpr`, which never reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from indgang.audit.services import audit_record
from indgang.booking.models import BookingStatus, StaffCalendar
from indgang.booking.selectors import staff_meetings_for
from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.permissions import Role, has_role, require_perm
from indgang.notifications.models import Message

from .models import ActionStatus, GuidancePlan, PlanAction, PlanMeeting, PlanStatus
from .services import PLAN_WORK_ROLES, plan_reference


def citizen_cpr_get(*, plan: GuidancePlan, user, request=None) -> str:
    """The plan's CPR number for `user` (needs guidance.view_plan_cpr); every
    read is recorded as "cpr.read" with the plan as target."""
    require_perm(user, "guidance.view_plan_cpr")
    audit_record(actor=user, action="cpr.read", target=plan, request=request)
    return plan.cpr


def plan_has_cpr(*, plan: GuidancePlan) -> bool:
    """Whether the citizen gave a CPR number, without reading it."""
    return GuidancePlan.objects.filter(pk=plan.pk, cpr__gt="").exists()


# --- who may see what --------------------------------------------------------


def may_work_on_plans(user) -> bool:
    """Citizen service: open plans, add actions, book meetings."""
    return has_role(user, *PLAN_WORK_ROLES) and user.has_perm("guidance.change_guidanceplan")


def _taking_part(user) -> Q:
    """Plans a caseworker takes part in: an action assigned to them or to
    their department, or a meeting in their calendar."""
    q = Q(actions__assignee=user) | Q(meetings__meeting__calendar__user=user)
    if user.department_id:
        q |= Q(actions__department_id=user.department_id)
    return q


def plans_visible(*, user) -> QuerySet[GuidancePlan]:
    plans = GuidancePlan.objects.all()
    if may_work_on_plans(user):
        return plans
    if has_role(user, Role.BACK_OFFICE) and user.has_perm("guidance.view_guidanceplan"):
        return plans.filter(pk__in=GuidancePlan.objects.filter(_taking_part(user)).values("pk"))
    return plans.none()


def plan_get(*, user, pk: int) -> GuidancePlan | None:
    return plans_visible(user=user).select_related("guide", "owner").filter(pk=pk).first()


def _overdue_actions() -> Q:
    return Q(deadline__lt=clock.today()) & ~Q(status=ActionStatus.DONE)


def actions_overdue(*, plan: GuidancePlan | None = None) -> QuerySet[PlanAction]:
    """Not-done actions whose deadline has passed (in open plans)."""
    actions = PlanAction.objects.filter(_overdue_actions(), plan__status=PlanStatus.OPEN)
    if plan is not None:
        actions = actions.filter(plan=plan)
    return actions.select_related("plan", "department", "assignee").order_by("deadline", "pk")


@dataclass(frozen=True)
class PlanRow:
    plan: GuidancePlan
    is_mine: bool
    actions_open: int
    actions_overdue: int
    next_meeting: datetime | None


def plans_open(*, user, mine_only: bool = False) -> list[PlanRow]:
    """Open plans the user may see, the user's own first, then newest first."""
    today_ = clock.today()
    now = clock.now()
    plans = (
        plans_visible(user=user)
        .filter(status=PlanStatus.OPEN)
        .select_related("owner")
        .annotate(
            n_open=Count("actions", filter=~Q(actions__status=ActionStatus.DONE), distinct=True),
            n_overdue=Count(
                "actions",
                filter=~Q(actions__status=ActionStatus.DONE) & Q(actions__deadline__lt=today_),
                distinct=True,
            ),
        )
    )
    if mine_only:
        plans = plans.filter(owner=user)
    next_starts: dict[int, datetime] = {}
    for plan_id, start in (
        PlanMeeting.objects.filter(
            plan__in=plans.values("pk"),
            meeting__status=BookingStatus.BOOKED,
            meeting__start__gt=now,
        )
        .order_by("meeting__start")
        .values_list("plan_id", "meeting__start")
    ):
        next_starts.setdefault(plan_id, start)
    rows = [
        PlanRow(
            plan=p,
            is_mine=p.owner_id == user.pk,
            actions_open=p.n_open,
            actions_overdue=p.n_overdue,
            next_meeting=next_starts.get(p.pk),
        )
        for p in plans
    ]
    rows.sort(key=lambda r: (not r.is_mine, -r.plan.opened_at.timestamp()))
    return rows


# --- the journey -------------------------------------------------------------


@dataclass(frozen=True)
class ActionRow:
    action: PlanAction
    is_overdue: bool
    may_change: bool


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str  # opened, action, done, meeting, cancelled, contact, message, closed
    text: str


@dataclass
class Journey:
    plan: GuidancePlan
    actions: list[ActionRow]
    meetings: list[PlanMeeting]
    contacts: list[Contact]
    messages: list[Message]
    timeline: list[TimelineEvent] = field(default_factory=list)

    @property
    def upcoming(self) -> list[PlanMeeting]:
        now = clock.now()
        return [m for m in self.meetings if m.meeting.is_active and m.meeting.start > now]


def plan_messages(*, plan: GuidancePlan) -> QuerySet[Message]:
    ref = plan_reference(plan)
    return (
        Message.objects.filter(Q(reference=ref) | Q(reference__startswith=f"{ref}:"))
        .only("pk", "kind", "channel", "status", "created_at", "sent_at", "next_attempt_at")
        .order_by("created_at", "pk")
    )


def plan_journey(*, plan: GuidancePlan, user=None) -> Journey:
    """The citizen's whole journey in the plan: actions, meetings, the
    registry contacts and the messages sent (status only, never the text),
    and all of it as one timeline in time order."""
    from .services import action_may_change, meeting_place

    today_ = clock.today()
    actions = [
        ActionRow(
            action=a,
            is_overdue=a.status != ActionStatus.DONE
            and a.deadline is not None
            and a.deadline < today_,
            may_change=user is not None and plan.is_open and action_may_change(user=user, action=a),
        )
        for a in plan.actions.select_related("department", "assignee").order_by("deadline", "pk")
    ]
    meetings = list(
        plan.meetings.select_related(
            "meeting__calendar__user",
            "meeting__calendar__department",
            "meeting__calendar__location",
            "action",
            "contact",
        ).order_by("meeting__start")
    )
    for pm in meetings:
        pm.place = meeting_place(pm.meeting.calendar)
    contacts = [pm.contact for pm in meetings if pm.contact is not None]
    messages = list(plan_messages(plan=plan))

    from django.utils.translation import gettext as _

    events = [TimelineEvent(plan.opened_at, "opened", _("Planen blev oprettet"))]
    for row in actions:
        a = row.action
        events.append(
            TimelineEvent(a.created_at, "action", _("Handling tilføjet: %(t)s") % {"t": a.title})
        )
        if a.done_at:
            events.append(
                TimelineEvent(a.done_at, "done", _("Handling færdig: %(t)s") % {"t": a.title})
            )
    for pm in meetings:
        m = pm.meeting
        who = m.calendar.user.get_full_name() or m.calendar.user.get_username()
        events.append(
            TimelineEvent(
                m.created_at,
                "meeting",
                _("Møde bestilt med %(who)s, %(dept)s: %(topic)s")
                % {"who": who, "dept": m.calendar.department.name, "topic": m.topic},
            )
        )
        if m.cancelled_at:
            events.append(
                TimelineEvent(
                    m.cancelled_at, "cancelled", _("Møde aflyst: %(topic)s") % {"topic": m.topic}
                )
            )
        if pm.contact:
            events.append(
                TimelineEvent(
                    pm.contact.occurred_at,
                    "contact",
                    _("Henvendelse registreret: møde med %(who)s") % {"who": who},
                )
            )
    for msg in messages:
        events.append(
            TimelineEvent(
                msg.created_at,
                "message",
                _("%(kind)s (%(channel)s): %(status)s")
                % {
                    "kind": message_kind_label(msg.kind),
                    "channel": msg.get_channel_display(),
                    "status": msg.get_status_display().lower(),
                },
            )
        )
    if plan.closed_at:
        events.append(TimelineEvent(plan.closed_at, "closed", _("Planen blev lukket")))
    events.sort(key=lambda e: e.at)
    return Journey(
        plan=plan,
        actions=actions,
        meetings=meetings,
        contacts=contacts,
        messages=messages,
        timeline=events,
    )


def message_kind_label(kind: str) -> str:
    from django.utils.translation import gettext as _

    from .services import KIND_OVERVIEW, KIND_REMINDER

    return {
        KIND_OVERVIEW: _("Mødeoversigt"),
        KIND_REMINDER: _("Påmindelse om møde"),
    }.get(kind, kind)


# --- the caseworker's inbox --------------------------------------------------


def actions_for_caseworker(*, user) -> list[ActionRow]:
    """Not-done actions in open plans assigned to the user or to their
    department: overdue first, then by deadline."""
    q = Q(assignee=user)
    if user.department_id:
        q |= Q(department_id=user.department_id)
    today_ = clock.today()
    actions = (
        PlanAction.objects.filter(q, plan__status=PlanStatus.OPEN)
        .exclude(status=ActionStatus.DONE)
        .select_related("plan", "department", "assignee")
        .distinct()
    )
    from .services import action_may_change

    rows = [
        ActionRow(
            action=a,
            is_overdue=a.deadline is not None and a.deadline < today_,
            may_change=action_may_change(user=user, action=a),
        )
        for a in actions
    ]
    rows.sort(
        key=lambda r: (
            not r.is_overdue,
            r.action.deadline is None,
            r.action.deadline or today_,
            r.action.pk,
        )
    )
    return rows


@dataclass(frozen=True)
class InboxData:
    meetings: list
    actions: list[ActionRow]


def inbox_data(*, user) -> InboxData | None:
    """A caseworker's upcoming meetings and plan actions; None when they have
    neither a meeting calendar nor any action to see."""
    has_calendar = StaffCalendar.objects.filter(user=user).exists()
    actions = actions_for_caseworker(user=user)
    if not has_calendar and not actions:
        return None
    meetings = list(staff_meetings_for(user=user).select_related("plan_meeting")[:20])
    return InboxData(meetings=meetings, actions=actions)
