"""What the booking pages share: the chosen state and its query string, the
citizen's and staff's flows, rendering with an error summary, the week
calendar, the time page and a booking's summary. The steps themselves are in
flow.py, the citizen's own booking in manage.py, staff's pages in staff.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indgang.catalogue.models import Location, Service
from indgang.catalogue.selectors import location_days
from indgang.core import clock
from indgang.core.phone import phone_display

from .. import availability
from ..models import Booking
from ..selectors import (
    TZ,
    bookable_services,
    booking_length,
    booking_policy_get,
    free_days_get,
    locations_for_services,
)


def _slot_taken_message() -> str:
    return _("Tiden er lige blevet optaget af en anden. Vælg en anden tid.")


# --- Flow state ------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """What the citizen (or the employee) has chosen so far."""

    services: tuple[Service, ...] = ()
    location: Location | None = None
    day: date | None = None
    start: datetime | None = None

    def params(self, **extra) -> dict[str, str]:
        params: dict[str, str] = {}
        if self.services:
            params["services"] = ",".join(s.slug for s in self.services)
        if self.location is not None:
            params["location"] = self.location.slug
        if self.day is not None:
            params["date"] = self.day.isoformat()
        if self.start is not None:
            params["start"] = _iso(self.start)
        params.update({k: str(v) for k, v in extra.items() if v is not None})
        return params

    def without(self, *names: str) -> State:
        values = {n: getattr(self, n) for n in ("services", "location", "day", "start")}
        for name in names:
            values[name] = () if name == "services" else None
        return State(**values)


@dataclass(frozen=True)
class Flow:
    """The citizen's flow or the staff's: the same steps, other URLs and texts."""

    staff: bool

    def url_name(self, step: str) -> str:
        if self.staff:
            return "booking:staff_new" if step == "start" else f"booking:staff_{step}"
        return f"booking:{step}"

    def url(self, step: str, state: State | None = None, **extra) -> str:
        params = (state or State()).params(**extra)
        query = urlencode(params) if params else ""
        return reverse(self.url_name(step)) + (f"?{query}" if query else "")

    def steps(self) -> list[tuple[str, str]]:
        if self.staff:
            return [
                ("start", _("Ydelser og sted")),
                ("calendar", _("Dag")),
                ("time", _("Tidspunkt")),
                ("details", _("Borgerens oplysninger")),
            ]
        return [
            ("start", _("Ydelse")),
            ("location", _("Sted")),
            ("calendar", _("Dag")),
            ("time", _("Tidspunkt")),
            ("details", _("Dine oplysninger")),
            ("confirm", _("Bekræft")),
        ]

    def step_info(self, step: str) -> dict:
        steps = self.steps()
        names = [name for name, _label in steps]
        number = names.index(step) + 1
        return {"number": number, "total": len(steps), "label": steps[number - 1][1]}


CITIZEN = Flow(staff=False)
STAFF = Flow(staff=True)


def _iso(instant: datetime) -> str:
    """A start in the query string: local time with its offset, to the minute."""
    return instant.astimezone(TZ).isoformat(timespec="minutes")


def _slugs(data: QueryDict) -> list[str]:
    """`?services=pas,koerekort` and `?services=pas&services=koerekort` alike."""
    slugs: list[str] = []
    for value in data.getlist("services"):
        slugs += [s.strip() for s in value.split(",") if s.strip()]
    return list(dict.fromkeys(slugs))


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _parse_start(value: str | None) -> datetime | None:
    try:
        start = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return start if start is not None and start.tzinfo is not None else None


def _state_get(data: QueryDict, *, services: list[Service] | None = None) -> State:
    bookable = services if services is not None else list(bookable_services())
    slugs = _slugs(data)
    chosen = tuple(s for s in bookable if s.slug in slugs)
    location = None
    if slug := data.get("location"):
        location = Location.objects.filter(is_active=True, slug=slug).first()
    return State(
        services=chosen,
        location=location,
        day=_parse_date(data.get("date")),
        start=_parse_start(data.get("start")),
    )


def _missing(flow: Flow, state: State, *needs: str) -> str | None:
    """The URL of the first step whose choice is missing or no longer valid."""
    if not state.services:
        return flow.url("start")
    if "location" in needs and (
        state.location is None
        or state.location not in locations_for_services(services=state.services)
    ):
        step = "start" if flow.staff else "location"
        return flow.url(step, state.without("location", "day", "start"))
    if "day" in needs and state.day is None:
        return flow.url("calendar", state.without("day", "start"))
    if "start" in needs and (state.start is None or state.start <= clock.now()):
        return flow.url("time", state.without("start"))
    return None


def _length_minutes(state: State) -> int:
    length = booking_length(location=state.location, services=list(state.services))
    return int(length.total_seconds() // 60)


def _base_context(flow: Flow, step: str, state: State) -> dict:
    return {
        "flow": flow,
        "step": flow.step_info(step),
        "state": state,
        "staff": flow.staff,
    }


def _render(request, template: str, context: dict, status: int = 200):
    """Render a booking page; a bound form's errors become the error summary's
    links, each to its field (`anchors` names a group's first input)."""
    form = context.get("form")
    links: list[tuple[str, str]] = []
    if form is not None and form.is_bound and form.errors:
        anchors = context.get("anchors", {})
        ids = {name: anchors.get(name) or form[name].auto_id for name in form.fields}
        first = next(iter(ids.values()), "main-content")
        links += [(message, f"#{first}") for message in form.non_field_errors()]
        for name, anchor in ids.items():
            links += [(message, f"#{anchor}") for message in form.errors.get(name, [])]
    context["error_links"] = links
    return render(request, template, context, status=status)


# --- Free times ------------------------------------------------------------------


def _free_days(
    state: State, first: date, last: date, *, exclude: Booking | None = None
) -> dict[date, list[availability.Span]]:
    """Free slots by local date; for a move, the booking's own time counts as free."""
    return free_days_get(
        location=state.location,
        services=list(state.services),
        date_from=first,
        date_to=last,
        exclude_booking=exclude,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _calendar_context(
    request, *, state: State, day_url, week_url, exclude: Booking | None = None
) -> dict:
    """A week of days from Monday: each with its free times (a link to them),
    or why there are none; links to the weeks before and after."""
    policy = booking_policy_get(location=state.location)
    today = clock.today()
    last_day = today + timedelta(days=policy.horizon_days)
    first_week, last_week = _monday(today), _monday(last_day)

    week = _monday(_parse_date(request.GET.get("week")) or state.day or today)
    week = min(max(week, first_week), last_week)
    free = _free_days(state, week, week + timedelta(days=6), exclude=exclude)
    first_free = None
    if not free and not request.GET.get("week"):
        # Open the calendar at the first week with a free time.
        ahead = _free_days(state, week + timedelta(days=7), last_day, exclude=exclude)
        if ahead:
            first_free = min(ahead)
            week = _monday(first_free)
            free = {d: s for d, s in ahead.items() if d <= week + timedelta(days=6)}

    hours = {h.day: h for h in location_days(location=state.location, start=week, days=7)}
    rows = []
    for n in range(7):
        day = week + timedelta(days=n)
        if day < today:
            continue
        slots = free.get(day, [])
        if day > last_day:
            status = "beyond"
        elif slots:
            status = "free"
        elif not hours[day].is_open:
            status = "closed"
        else:
            status = "full"
        rows.append(
            {
                "day": day,
                "status": status,
                "count": len(slots),
                "first": slots[0].start if slots else None,
                "reason": hours[day].holiday or hours[day].closure_reason or "",
                "url": day_url(day) if slots else "",
                "is_today": day == today,
            }
        )
    week_end = week + timedelta(days=6)
    day_month = pgettext("date format without weekday", "j. F")
    return {
        "rows": rows,
        "week_number": week.isocalendar().week,
        "week_first": date_format(week, day_month),
        "week_last": date_format(week_end, day_month + " Y"),
        "prev_url": week_url(week - timedelta(days=7)) if week > first_week else "",
        "next_url": week_url(week + timedelta(days=7)) if week < last_week else "",
        "any_free": any(r["status"] == "free" for r in rows),
        "first_free": first_free,
        "horizon_days": policy.horizon_days,
    }


def _time_context(state: State, slots: list[availability.Span]) -> dict:
    """The day's free starts as radio choices, grouped morning/afternoon."""
    choices = [
        {"value": _iso(s.start), "start": s.start, "id": f"tid-{n}"} for n, s in enumerate(slots)
    ]
    morning = [c for c in choices if c["start"].astimezone(TZ).hour < 12]
    afternoon = [c for c in choices if c["start"].astimezone(TZ).hour >= 12]
    groups = [
        g
        for g in (
            {"label": _("Formiddag"), "choices": morning},
            {"label": _("Eftermiddag"), "choices": afternoon},
        )
        if g["choices"]
    ]
    return {"groups": groups, "anchors": {"start": choices[0]["id"] if choices else "main-content"}}


# --- Pages and links the flows share -------------------------------------------


def _time_page(request, flow, state, form, slots, status=200, *, move=None):
    selected = (
        form.data.get("start") if form.is_bound else (_iso(state.start) if state.start else "")
    )
    context = {
        **_base_context(flow, "time", state),
        **_time_context(state, slots),
        "form": form,
        "selected": selected,
        "minutes": _length_minutes(state),
        "calendar_url": flow.url(
            "calendar", state.without("day", "start"), week=_monday(state.day).isoformat()
        ),
        "action": reverse(flow.url_name("time")),
        "method": "get",
        "hidden": list(state.without("start").params(go=1).items()),
        "back_url": flow.url(
            "calendar", state.without("day", "start"), week=_monday(state.day).isoformat()
        ),
    }
    if move is not None:
        context.update(move)
    return _render(request, "booking/time.html", context, status=status)


def _booking_context(request, booking: Booking) -> dict:
    path = reverse("booking:manage", kwargs={"code": booking.code, "token": booking.cancel_token})
    return {
        "booking": booking,
        "services": list(booking.services.all()),
        "start": booking.start,
        "end": booking.end,
        "location": booking.location,
        "manage_path": path,
        "manage_url": request.build_absolute_uri(path),
        "phone_display": phone_display(booking.phone) if booking.phone else "",
        "can_change": booking.is_active and booking.start > clock.now(),
    }


def _day_url(location: Location, day: date) -> str:
    query = urlencode({"location": location.slug, "date": day.isoformat()})
    return f"{reverse('booking:staff_day')}?{query}"
