"""Guidance plan pages under /personale/vejledning/.

Citizen service (front desk, contact centre, manager) opens and runs plans;
caseworkers (back office) see the plans they take part in and change the
status of their actions. Every form posts and redirects (works without
JavaScript); the meeting booking steps are GET pages like booking's staff
flow, and only the last step posts.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from indgang.booking.errors import BookingInThePast, BookingNotActive, NotASlot, SlotTaken
from indgang.booking.selectors import (
    TZ,
    staff_calendars_bookable,
    staff_free_days_get,
    staff_slots_get,
)
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.errors import PermissionDenied as DomainDenied
from indgang.core.permissions import Role, role_required

from . import selectors, services
from .forms import ActionForm, PlanForm, StatusForm, TopicForm
from .models import ActionStatus, PlanAction, PlanMeeting

WORK_ROLES = services.PLAN_WORK_ROLES
VIEW_ROLES = (*WORK_ROLES, Role.BACK_OFFICE)
INBOX_URL = "/personale/indbakke/"
# How far ahead the day step looks (the calendar's horizon may be shorter).
DAYS_AHEAD = 42


def _work(view):
    return never_cache(role_required(*WORK_ROLES)(view))


def _view(view):
    return never_cache(role_required(*VIEW_ROLES)(view))


def _error_links(form) -> list[tuple[str, str]]:
    links = [(str(e), "#main-content") for e in form.non_field_errors()]
    for name in form.fields:
        links += [(str(e), f"#{form[name].auto_id}") for e in form.errors.get(name, [])]
    return links


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _plan_or_404(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


def _work_plan(request, pk: int):
    if not selectors.may_work_on_plans(request.user):
        raise DjangoDenied(_("Din rolle giver ikke adgang til denne side."))
    return _plan_or_404(request, pk)


def _plan_url(plan) -> str:
    return reverse("guidance:plan", args=[plan.pk])


# --- list, new, edit ---------------------------------------------------------


@_view
@require_safe
def plan_list(request):
    mine_only = request.GET.get("vis") == "mine"
    rows = selectors.plans_open(user=request.user, mine_only=mine_only)
    return render(
        request,
        "guidance/list.html",
        {
            "rows": rows,
            "mine_only": mine_only,
            "may_work": selectors.may_work_on_plans(request.user),
            "overdue_total": sum(r.actions_overdue for r in rows),
        },
    )


@_work
@require_http_methods(["GET", "HEAD", "POST"])
def plan_new(request):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_open(
                by=request.user,
                title=data["title"],
                citizen_name=data["citizen_name"],
                phone=data["phone"],
                email=data["email"],
                cpr=data["cpr"],
                guide=data["guide"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Planen er oprettet. Tilføj handlinger og book møder."))
            return redirect(_plan_url(plan))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "guidance/plan_form.html",
        {"form": form, "error_links": _error_links(form) if form.is_bound else [], "plan": None},
        status=status,
    )


@_work
@require_http_methods(["GET", "HEAD", "POST"])
def plan_edit(request, pk: int):
    plan = _work_plan(request, pk)
    if not plan.is_open:
        return redirect(_plan_url(plan))
    initial = {
        "title": plan.title,
        "guide": plan.guide,
        "citizen_name": plan.citizen_name,
        "phone": plan.phone,
        "email": plan.email,
        "notes": plan.notes,
    }
    form = PlanForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cpr = "" if data.get("remove_cpr") else (data["cpr"] or None)
        try:
            services.plan_update(
                plan=plan,
                by=request.user,
                title=data["title"],
                citizen_name=data["citizen_name"],
                phone=data["phone"],
                email=data["email"],
                cpr=cpr,
                guide=data["guide"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(_plan_url(plan))
        else:
            messages.success(request, _("Planen er gemt."))
            return redirect(_plan_url(plan))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "guidance/plan_form.html",
        {
            "form": form,
            "plan": plan,
            "has_cpr": selectors.plan_has_cpr(plan=plan),
            "error_links": _error_links(form) if form.is_bound else [],
        },
        status=status,
    )


# --- the plan page -----------------------------------------------------------


def _plan_page(request, plan, *, cpr: str = "", status: int = 200, **extra):
    user = request.user
    journey = selectors.plan_journey(plan=plan, user=user)
    context = {
        "plan": plan,
        "journey": journey,
        "may_work": selectors.may_work_on_plans(user) and plan.is_open,
        "may_work_any": selectors.may_work_on_plans(user),
        "has_cpr": selectors.plan_has_cpr(plan=plan),
        "may_view_cpr": user.has_perm("guidance.view_plan_cpr"),
        "cpr": cpr,
        "status_choices": ActionStatus.choices,
        "now": clock.now(),
        "today": clock.today(),
        **extra,
    }
    return render(request, "guidance/plan.html", context, status=status)


@_view
@require_safe
def plan_detail(request, pk: int):
    return _plan_page(request, _plan_or_404(request, pk))


@_view
@require_POST
def plan_cpr(request, pk: int):
    """Show the CPR number once, on this response only (audited)."""
    plan = _plan_or_404(request, pk)
    try:
        cpr = selectors.citizen_cpr_get(plan=plan, user=request.user, request=request)
    except DomainDenied as exc:
        raise DjangoDenied(_("Din rolle giver ikke adgang til CPR-nummeret.")) from exc
    shown = f"{cpr[:6]}-{cpr[6:]}" if len(cpr) == 10 else cpr
    return _plan_page(request, plan, cpr=shown)


@_work
@require_http_methods(["GET", "HEAD", "POST"])
def action_new(request, pk: int):
    plan = _work_plan(request, pk)
    if not plan.is_open:
        return redirect(_plan_url(plan))
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                plan=plan,
                by=request.user,
                title=data["title"],
                department=data["department"],
                assignee=data["assignee"],
                deadline=data["deadline"],
                description=data["description"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(_plan_url(plan))
        else:
            messages.success(request, _("Handlingen er tilføjet."))
            return redirect(_plan_url(plan) + "#handlinger")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "guidance/action_form.html",
        {"form": form, "plan": plan, "error_links": _error_links(form) if form.is_bound else []},
        status=status,
    )


@_view
@require_POST
def action_status(request, pk: int):
    action = get_object_or_404(PlanAction.objects.select_related("plan"), pk=pk)
    back_to_inbox = request.POST.get("next") == "inbox"
    if not back_to_inbox and selectors.plan_get(user=request.user, pk=action.plan_id) is None:
        raise Http404
    back = INBOX_URL if back_to_inbox else _plan_url(action.plan) + "#handlinger"
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg en status."))
        return redirect(back)
    try:
        action = services.action_status_set(
            action=action, by=request.user, status=form.cleaned_data["status"]
        )
    except DomainDenied as exc:
        raise DjangoDenied(_("Du kan ikke ændre denne handling.")) from exc
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect(back)
    text = _("»%(title)s« er nu: %(status)s.") % {
        "title": action.title,
        "status": ActionStatus(action.status).label.lower(),
    }
    if not action.plan.is_open:
        text += " " + _("Alle handlinger er færdige, så planen er lukket.")
    messages.success(request, text)
    return redirect(back)


@_work
@require_POST
def plan_send(request, pk: int):
    plan = _work_plan(request, pk)
    try:
        count = services.plan_notify(plan=plan, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        if count:
            messages.success(request, _("Mødeoversigten er sendt til borgeren."))
        else:
            messages.info(
                request, _("Borgeren har allerede fået en oversigt over netop disse møder.")
            )
    return redirect(_plan_url(plan) + "#moeder")


@_work
@require_POST
def plan_close(request, pk: int):
    plan = _work_plan(request, pk)
    try:
        services.plan_close(plan=plan, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Planen er lukket."))
    return redirect(_plan_url(plan))


@_work
@require_POST
def plan_reopen(request, pk: int):
    plan = _work_plan(request, pk)
    try:
        services.plan_reopen(plan=plan, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("Planen er genåbnet."))
    return redirect(_plan_url(plan))


# --- meetings ----------------------------------------------------------------


def _step_url(plan, **params) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    url = reverse("guidance:meeting_new", args=[plan.pk])
    return f"{url}?{urlencode(clean)}" if clean else url


def _parse_day(value: str):
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None


def _parse_start(day, value: str) -> datetime | None:
    try:
        clock_time = time.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return datetime.combine(day, clock_time, tzinfo=TZ)


@_work
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_new(request, pk: int):
    """Book a meeting: department → caseworker → day → time → topic."""
    plan = _work_plan(request, pk)
    if not plan.is_open:
        return redirect(_plan_url(plan))
    params = request.POST if request.method == "POST" else request.GET
    calendars = list(staff_calendars_bookable())
    departments = sorted({c.department for c in calendars}, key=lambda d: d.name)
    context = {"plan": plan, "departments": departments, "back_url": _plan_url(plan)}

    department = next((d for d in departments if d.slug == params.get("department")), None)
    if department is None:
        return render(request, "guidance/meeting.html", {**context, "step": 1})
    context["department"] = department
    in_department = [c for c in calendars if c.department_id == department.pk]
    context["calendars"] = in_department
    calendar = next((c for c in in_department if str(c.pk) == params.get("calendar")), None)
    if calendar is None:
        return render(
            request,
            "guidance/meeting.html",
            {**context, "step": 2, "back_url": _step_url(plan)},
        )
    context["calendar"] = calendar
    context["place"] = services.meeting_place(calendar)
    today = clock.today()
    day = _parse_day(params.get("day", ""))
    if day is None:
        days = staff_free_days_get(
            calendar=calendar, date_from=today, date_to=today + timedelta(days=DAYS_AHEAD)
        )
        context["days"] = [
            {
                "day": d,
                "url": _step_url(
                    plan, department=department.slug, calendar=calendar.pk, day=d.isoformat()
                ),
            }
            for d in days
        ]
        return render(
            request,
            "guidance/meeting.html",
            {**context, "step": 3, "back_url": _step_url(plan, department=department.slug)},
        )
    context["day"] = day
    slots = staff_slots_get(calendar=calendar, date_from=day, date_to=day)
    times_url = _step_url(
        plan, department=department.slug, calendar=calendar.pk, day=day.isoformat()
    )
    start = _parse_start(day, params.get("start", ""))
    if start is None or all(s.start != start for s in slots):
        if start is not None:
            messages.error(request, _("Tiden er ikke længere ledig. Vælg en anden tid."))
        context["slots"] = [
            {
                "value": s.start.astimezone(TZ).strftime("%H:%M"),
                "start": s.start,
                "id": f"start-{i}",
            }
            for i, s in enumerate(slots)
        ]
        context["minutes"] = calendar.meeting_minutes
        return render(
            request,
            "guidance/meeting.html",
            {
                **context,
                "step": 4,
                "back_url": _step_url(plan, department=department.slug, calendar=calendar.pk),
            },
        )
    context["start"] = start
    context["end"] = start + timedelta(minutes=calendar.meeting_minutes)
    context["start_value"] = params.get("start")
    open_actions = list(plan.actions.exclude(status=ActionStatus.DONE))
    form = TopicForm(request.POST if request.method == "POST" else None, actions=open_actions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = next((a for a in open_actions if str(a.pk) == data["action"]), None)
        try:
            pm = services.meeting_book(
                plan=plan,
                by=request.user,
                calendar=calendar,
                start=start,
                topic=data["topic"],
                action=action,
            )
        except (SlotTaken, NotASlot) as exc:
            messages.error(request, str(exc.message))
            return redirect(times_url)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(_plan_url(plan))
        else:
            messages.success(
                request,
                _("Mødet med %(who)s er booket. Husk at sende mødeoversigten til borgeren.")
                % {"who": pm.meeting.calendar.user.get_full_name()},
            )
            return redirect(_plan_url(plan) + "#moeder")
    return render(
        request,
        "guidance/meeting.html",
        {
            **context,
            "step": 5,
            "form": form,
            "error_links": _error_links(form) if form.is_bound else [],
            "back_url": times_url,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@_work
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_cancel(request, pk: int, meeting_pk: int):
    plan = _work_plan(request, pk)
    pm = get_object_or_404(
        PlanMeeting.objects.select_related(
            "meeting__calendar__user", "meeting__calendar__department", "plan"
        ),
        plan=plan,
        pk=meeting_pk,
    )
    back = _plan_url(plan) + "#moeder"
    if not pm.meeting.is_active:
        return redirect(back)
    if request.method == "POST":
        try:
            services.meeting_cancel(plan_meeting=pm, by=request.user)
        except (BookingNotActive, BookingInThePast) as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _(
                    "Mødet er aflyst, og påmindelsen er stoppet. "
                    "Send en ny mødeoversigt til borgeren."
                ),
            )
        return redirect(back)
    return render(
        request,
        "guidance/meeting_cancel.html",
        {
            "plan": plan,
            "pm": pm,
            "place": services.meeting_place(pm.meeting.calendar),
            "back_url": back,
        },
    )
