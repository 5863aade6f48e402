"""Booking pages: the citizen's booking flow, the citizen's own booking (by the
link in the SMS and e-mail) and staff booking by location and day.

Every step works without JavaScript. The steps up to the time are GET forms
whose state (services, location, date, start) travels in the query string, so
each page survives a reload and can be bookmarked; each step validates its own
input and redirects to the next. The citizen's name, phone and e-mail never go
in a URL: the details step posts them and keeps them in the session until the
booking is made. Views check permission, read through selectors, write through
services and render.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from indgang.catalogue.models import Location, Service
from indgang.catalogue.selectors import location_days, location_list, service_list
from indgang.core import clock
from indgang.core.permissions import Role, role_required
from indgang.core.phone import phone_display

from . import availability
from .errors import (
    BookingInThePast,
    BookingNotActive,
    NoDeskForServices,
    NotASlot,
    NotBookable,
    PhoneLimitReached,
    SlotTaken,
)
from .forms import (
    ContactForm,
    LocationForm,
    ServicesForm,
    StaffContactForm,
    StaffDayForm,
    StaffServicesForm,
    TimeForm,
)
from .models import Booking, BookingChannel
from .selectors import (
    TZ,
    bookable_locations,
    bookable_services,
    booking_get_by_code,
    booking_length,
    booking_policy_get,
    bookings_for_day,
    desks_for_services,
    free_days_get,
    locations_for_services,
    slot_query_build,
)
from .services import booking_cancel, booking_create, booking_move

MOVE_ERRORS = (SlotTaken, NotASlot, PhoneLimitReached, BookingNotActive, BookingInThePast)
STAFF_ROLES = (Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.MANAGER, Role.ADMINISTRATOR)
# The session keys of the citizen flow: the contact details between the details
# step and the confirmation, and the booking just made (for the receipt page).
CONTACT_KEY = "booking_contact"
DONE_KEY = "booking_done"
# The receipt page shows the booking this long after it was made (a shared PC).
RECEIPT_FOR = timedelta(hours=2)


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
    if exclude is None:
        return free_days_get(
            location=state.location, services=list(state.services), date_from=first, date_to=last
        )
    query = slot_query_build(
        location=state.location,
        services=list(state.services),
        date_from=first,
        date_to=last,
        exclude_booking=exclude,
    )
    days: dict[date, list[availability.Span]] = {}
    for slot in availability.free_slots(query.desks, query.request):
        days.setdefault(slot.start.astimezone(TZ).date(), []).append(slot)
    return days


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


# --- Citizen flow -------------------------------------------------------------


def _service_groups(services: list[Service], selected: Iterable[str]) -> list[dict]:
    """Services grouped by subject area, in catalogue order, for checkboxes."""
    selected = set(selected)
    groups: list[dict] = []
    for service in services:
        if not groups or groups[-1]["area"].pk != service.subject_area_id:
            groups.append({"area": service.subject_area, "services": []})
        groups[-1]["services"].append(
            {
                "service": service,
                "checked": service.slug in selected,
                "id": f"ydelse-{service.slug}",
            }
        )
    return groups


@never_cache
@require_safe
def services_step(request, flow: Flow = CITIZEN):
    """Step 1: choose the service(s) (staff: and the location)."""
    bookable = list(bookable_services())
    slugs = _slugs(request.GET)
    locations = bookable_locations() if flow.staff else []
    form_kwargs = {"services": bookable}
    form_class = ServicesForm
    if flow.staff:
        form_class = StaffServicesForm
        form_kwargs["locations"] = locations
    state = _state_get(request.GET, services=bookable)

    if request.GET.get("go"):
        data = QueryDict(mutable=True)
        data.setlist("services", slugs)
        if flow.staff:
            data["location"] = request.GET.get("location", "")
        form = form_class(data, **form_kwargs)
        if form.is_valid():
            chosen = tuple(s for s in bookable if s.slug in form.cleaned_data["services"])
            if flow.staff:
                location = next(
                    loc for loc in locations if loc.slug == form.cleaned_data["location"]
                )
                if desks_for_services(location=location, services=list(chosen)).exists():
                    new = State(services=chosen, location=location, day=state.day)
                    return redirect(flow.url("calendar", new))
                form.add_error("services", str(NoDeskForServices.message))
            else:
                new = State(services=chosen)
                if any(s.self_service_url for s in chosen):
                    return redirect(flow.url("self_service", new))
                return redirect(flow.url("location", new))
    else:
        initial = {"services": slugs}
        if flow.staff:
            initial["location"] = request.GET.get("location") or (
                locations[0].slug if locations else ""
            )
        form = form_class(initial=initial, **form_kwargs)

    bookable_slugs = {s.slug for s in bookable}
    unavailable = list(service_list().filter(slug__in=set(slugs) - bookable_slugs))
    selected = form.data.getlist("services") if form.is_bound else slugs
    context = {
        **_base_context(flow, "start", state),
        "form": form,
        "groups": _service_groups(bookable, selected),
        "unavailable": unavailable,
        "action": reverse(flow.url_name("start")),
        "hidden": [("date", state.day.isoformat())] if flow.staff and state.day else [],
        "back_url": _staff_back_url(request) if flow.staff else "",
        "anchors": {"services": f"ydelse-{bookable[0].slug}" if bookable else "main-content"},
    }
    return _render(request, "booking/services.html", context)


@never_cache
@require_safe
def self_service_step(request, flow: Flow = CITIZEN):
    """Step 2 (only for services with self-service): show that route first."""
    state = _state_get(request.GET)
    if missing := _missing(flow, state):
        return redirect(missing)
    digital = [s for s in state.services if s.self_service_url]
    if not digital:
        return redirect(flow.url("location", state))
    context = {
        **_base_context(flow, "start", state),
        "digital": digital,
        "continue_action": reverse(flow.url_name("location")),
        "hidden": list(state.params().items()),
        "back_url": flow.url("start", state),
    }
    return _render(request, "booking/self_service.html", context)


@never_cache
@require_safe
def location_step(request, flow: Flow = CITIZEN):
    """Step 3: where. Only places with one desk that handles every chosen service."""
    state = _state_get(request.GET)
    if missing := _missing(flow, state):
        return redirect(missing)
    locations = locations_for_services(services=state.services)
    if request.GET.get("go"):
        form = LocationForm(request.GET, locations=locations)
        if form.is_valid():
            location = next(loc for loc in locations if loc.slug == form.cleaned_data["location"])
            return redirect(flow.url("calendar", State(services=state.services, location=location)))
    else:
        chosen = state.location.slug if state.location in locations else None
        if chosen is None and len(locations) == 1:
            chosen = locations[0].slug
        form = LocationForm(initial={"location": chosen}, locations=locations)
    return _render_location(request, flow, state, form, locations)


def _render_location(request, flow, state, form, locations, status=200):
    digital = any(s.self_service_url for s in state.services)
    selected = form.data.get("location") if form.is_bound else form.initial.get("location")
    context = {
        **_base_context(flow, "location", state),
        "form": form,
        "locations": [
            {"location": loc, "checked": loc.slug == selected, "id": f"sted-{loc.slug}"}
            for loc in locations
        ],
        "separately": [
            {"service": s, "url": flow.url("start", State(services=(s,)))} for s in state.services
        ]
        if not locations
        else [],
        "action": reverse(flow.url_name("location")),
        "anchors": {"location": f"sted-{locations[0].slug}" if locations else "main-content"},
        "hidden": list(state.without("location", "day", "start").params(go=1).items()),
        "back_url": flow.url("self_service" if digital else "start", state.without("location")),
    }
    return _render(request, "booking/location.html", context, status=status)


@never_cache
@require_safe
def calendar_step(request, flow: Flow = CITIZEN):
    """Step 4: a week of days, each with its free times or why there are none."""
    state = _state_get(request.GET)
    if missing := _missing(flow, state, "location"):
        return redirect(missing)
    base = state.without("day", "start")
    try:
        calendar = _calendar_context(
            request,
            state=state,
            day_url=lambda day: flow.url("time", State(base.services, base.location, day)),
            week_url=lambda week: flow.url("calendar", base, week=week.isoformat()),
        )
    except (NoDeskForServices, NotBookable):
        return redirect(flow.url("start" if flow.staff else "location", base.without("location")))
    context = {
        **_base_context(flow, "calendar", state),
        **calendar,
        "minutes": _length_minutes(state),
        "back_url": flow.url("start" if flow.staff else "location", base),
    }
    return _render(request, "booking/calendar.html", context)


def _day_slots(state: State, *, exclude: Booking | None = None) -> list[availability.Span]:
    return _free_days(state, state.day, state.day, exclude=exclude).get(state.day, [])


def _render_time(request, flow: Flow, state: State, *, error: str = "", status: int = 200):
    """Step 5 as a page, optionally with an error (the time was just taken)."""
    base = state.without("start")
    slots = _day_slots(base)
    form = TimeForm(starts=[s.start for s in slots])
    if error:
        form = TimeForm(QueryDict(), starts=[s.start for s in slots])
        form.is_valid()
        form.errors.clear()
        form.add_error("start", error)
    return _time_page(request, flow, base, form, slots, status=status)


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


@never_cache
@require_safe
def time_step(request, flow: Flow = CITIZEN):
    """Step 5: the day's free starts."""
    state = _state_get(request.GET)
    if missing := _missing(flow, state, "location", "day"):
        return redirect(missing)
    base = state.without("start")
    try:
        slots = _day_slots(base)
    except (NoDeskForServices, NotBookable):
        return redirect(flow.url("start" if flow.staff else "location", base.without("location")))
    if request.GET.get("go"):
        form = TimeForm(request.GET, starts=[s.start for s in slots])
        if form.is_valid():
            chosen = State(base.services, base.location, base.day, form.cleaned_data["start"])
            return redirect(flow.url("details", chosen))
    else:
        form = TimeForm(starts=[s.start for s in slots])
    return _time_page(request, flow, state, form, slots)


def _summary(state: State) -> dict:
    return {
        "services": state.services,
        "location": state.location,
        "start": state.start,
        "end": state.start + booking_length(location=state.location, services=list(state.services))
        if state.start
        else None,
    }


def _render_details(request, flow: Flow, state: State, form, *, status: int = 200):
    context = {
        **_base_context(flow, "details", state),
        **_summary(state),
        "form": form,
        "action": flow.url("details", state),
        "back_url": flow.url("time", state),
        "anchors": {"channel": "id_channel_0"},
        "key": (request.POST.get("key") if request.method == "POST" else None)
        or secrets.token_urlsafe(18),
    }
    return _render(request, "booking/details.html", context, status=status)


def _contact_error_form(form_class, data: dict, exc: Exception, **kwargs):
    """A bound contact form carrying a service's error on the right field."""
    form = form_class(data, **kwargs)
    form.is_valid()
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, PhoneLimitReached):
        form.add_error("phone", str(exc.message))
    else:
        form.add_error(None, str(getattr(exc, "message", exc)))
    return form


def _book(request, flow: Flow, state: State, *, contact: dict, form_class, **extra):
    """booking_create; returns (booking, None) or (None, a response showing the error)."""
    try:
        booking = booking_create(
            services=list(state.services),
            location=state.location,
            start=state.start,
            name=contact["name"],
            phone=contact.get("phone", ""),
            email=contact.get("email", ""),
            **extra,
        )
    except SlotTaken:
        return None, _render_time(request, flow, state, error=_slot_taken_message(), status=409)
    except NotASlot as exc:
        return None, _render_time(request, flow, state, error=str(exc.message), status=400)
    except (NoDeskForServices, NotBookable) as exc:
        if flow.staff:
            messages.error(request, str(exc.message))
            return None, redirect(flow.url("start", state.without("day", "start")))
        locations = locations_for_services(services=state.services)
        form = LocationForm(QueryDict(), locations=locations)
        form.is_valid()
        form.errors.clear()
        form.add_error("location", str(exc.message))
        return None, _render_location(request, flow, state, form, locations, status=400)
    except (ValidationError, PhoneLimitReached) as exc:
        form = _contact_error_form(form_class, contact, exc)
        return None, _render_details(request, flow, state, form, status=400)
    return booking, None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def details_step(request, flow: Flow = CITIZEN):
    """Step 6: name, phone and e-mail (posted; kept in the session until booked)."""
    state = _state_get(request.GET)
    if missing := _missing(flow, state, "location", "day", "start"):
        return redirect(missing)
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            request.session[CONTACT_KEY] = {
                "name": form.cleaned_data["name"],
                "phone": form.cleaned_data["phone"],
                "email": form.cleaned_data["email"],
            }
            return redirect(flow.url("confirm", state))
        return _render_details(request, flow, state, form, status=400)
    form = ContactForm(initial=request.session.get(CONTACT_KEY) or {})
    return _render_details(request, flow, state, form)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_step(request, flow: Flow = CITIZEN):
    """Step 7: check everything, then book (POST)."""
    state = _state_get(request.GET)
    if missing := _missing(flow, state, "location", "day", "start"):
        return redirect(missing)
    contact = request.session.get(CONTACT_KEY)
    if not contact:
        return redirect(flow.url("details", state))
    if request.method == "POST":
        booking, error = _book(
            request,
            flow,
            state,
            contact=contact,
            form_class=ContactForm,
            channel=BookingChannel.WEB,
            idempotency_key=_idempotency_key(request.POST.get("key")),
            language=translation.get_language(),
        )
        if error is not None:
            return error
        request.session.pop(CONTACT_KEY, None)
        request.session[DONE_KEY] = booking.pk
        return redirect("booking:done")
    context = {
        **_base_context(flow, "confirm", state),
        **_summary(state),
        "contact": {**contact, "phone_display": phone_display(contact["phone"])}
        if contact.get("phone")
        else contact,
        "key": secrets.token_urlsafe(18),
        "action": flow.url("confirm", state),
        "details_url": flow.url("details", state),
        "change": {
            "services": flow.url("start", state.without("location", "day", "start")),
            "location": flow.url("location", state.without("location", "day", "start")),
            "time": flow.url("time", state),
        },
        "back_url": flow.url("details", state),
    }
    return _render(request, "booking/confirm.html", context)


def _idempotency_key(value: str | None) -> str | None:
    """The form's one-time key, so a double-click books once."""
    value = (value or "").strip()
    if not value or len(value) > 64 or not value.replace("-", "").replace("_", "").isalnum():
        return None
    return f"page:{value}"


@never_cache
@require_safe
def done(request):
    """The receipt: the booking code, time, place, services and the link."""
    pk = request.session.get(DONE_KEY)
    booking = (
        Booking.objects.select_related("location")
        .prefetch_related("services")
        .filter(pk=pk)
        .first()
        if pk
        else None
    )
    if booking is None or booking.created_at < clock.now() - RECEIPT_FOR:
        return redirect("booking:start")
    return _render(request, "booking/done.html", _booking_context(request, booking))


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


# --- The citizen's own booking ----------------------------------------------------


def _booking_by_link(code: str, token: str) -> Booking:
    booking = booking_get_by_code(code=code, token=token)
    if booking is None:
        raise Http404
    return booking


@never_cache
@require_safe
def manage(request, code: str, token: str):
    """The citizen's booking from the link in the SMS or e-mail."""
    booking = _booking_by_link(code, token)
    return _render(request, "booking/manage.html", _booking_context(request, booking))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_cancel(request, code: str, token: str):
    """Cancel the booking, after a confirmation step."""
    booking = _booking_by_link(code, token)
    context = _booking_context(request, booking)
    back = context["manage_path"]
    if not context["can_change"]:
        return redirect(back)
    if request.method == "POST":
        try:
            with contextlib.suppress(BookingNotActive):
                booking_cancel(booking=booking)
        except BookingInThePast as exc:
            messages.error(request, str(exc.message))
            return redirect(back)
        messages.success(request, _("Din tid er aflyst. Vi sender dig en bekræftelse."))
        return redirect(back)
    context.update({"action": request.path, "back_url": back, "staff": False})
    return _render(request, "booking/cancel.html", context)


def _move_page(request, booking: Booking, *, flow: Flow, here: str, back: str, by=None, after=None):
    """Pick a new day (calendar), then a time (POST → booking_move)."""
    services = tuple(booking.services.all())
    day = _parse_date(request.GET.get("date"))
    state = State(services=services, location=booking.location, day=day)
    move = {
        "move": booking,
        "move_start": booking.start,
        "back_url": back,
    }
    try:
        if day is None:
            calendar = _calendar_context(
                request,
                state=State(services, booking.location, booking.start.astimezone(TZ).date()),
                day_url=lambda d: f"{here}?{urlencode({'date': d.isoformat()})}",
                week_url=lambda w: f"{here}?{urlencode({'week': w.isoformat()})}",
                exclude=booking,
            )
            context = {
                **_base_context(flow, "calendar", state),
                **calendar,
                **move,
                "minutes": _length_minutes(state),
            }
            return _render(request, "booking/calendar.html", context)
        slots = _free_days(state, day, day, exclude=booking).get(day, [])
    except (NoDeskForServices, NotBookable) as exc:
        messages.error(request, str(exc.message))
        return redirect(back)
    starts = [s.start for s in slots]
    if request.method == "POST":
        form = TimeForm(request.POST, starts=starts)
        if form.is_valid():
            try:
                booking_move(booking=booking, start=form.cleaned_data["start"], by=by)
            except (
                SlotTaken,
                NotASlot,
                PhoneLimitReached,
                BookingNotActive,
                BookingInThePast,
            ) as exc:
                message = _slot_taken_message() if isinstance(exc, SlotTaken) else exc.message
                slots = _free_days(state, day, day, exclude=booking).get(day, [])
                form = TimeForm(QueryDict(), starts=[s.start for s in slots])
                form.is_valid()
                form.errors.clear()
                form.add_error("start", str(message))
                status = 409 if isinstance(exc, SlotTaken) else 400
                return _move_time_page(request, flow, state, form, slots, here, move, status)
            booking.refresh_from_db()
            messages.success(
                request,
                _("Tiden er flyttet til %(when)s. Vi sender en bekræftelse.")
                % {"when": _when(booking.start)},
            )
            return redirect(after(booking) if after else back)
        return _move_time_page(request, flow, state, form, slots, here, move, 400)
    form = TimeForm(starts=starts)
    return _move_time_page(request, flow, state, form, slots, here, move, 200)


def _move_time_page(request, flow, state, form, slots, here, move, status):
    week = _monday(state.day).isoformat()
    return _time_page(
        request,
        flow,
        state,
        form,
        slots,
        status=status,
        move={
            **move,
            "action": f"{here}?{urlencode({'date': state.day.isoformat()})}",
            "method": "post",
            "hidden": [],
            "calendar_url": f"{here}?{urlencode({'week': week})}",
            "back_url": f"{here}?{urlencode({'week': week})}",
        },
    )


def _when(instant: datetime) -> str:
    local = instant.astimezone(TZ)
    return _("%(day)s kl. %(time)s") % {
        "day": date_format(local, pgettext("date format with weekday", "l j. F")),
        "time": f"{local.hour}.{local.minute:02d}",
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_move(request, code: str, token: str):
    """Move the booking to another day and time."""
    booking = _booking_by_link(code, token)
    back = reverse("booking:manage", kwargs={"code": booking.code, "token": booking.cancel_token})
    if not (booking.is_active and booking.start > clock.now()):
        return redirect(back)
    return _move_page(request, booking, flow=CITIZEN, here=request.path, back=back)


# --- Staff --------------------------------------------------------------------


def _staff_back_url(request) -> str:
    """From staff's first step back to the day it came from."""
    day = _parse_date(request.GET.get("date"))
    location = Location.objects.filter(slug=request.GET.get("location") or "").first()
    if location is None or day is None:
        return reverse("booking:staff_day")
    return _day_url(location, day)


def _staff(view):
    return never_cache(role_required(*STAFF_ROLES)(view))


def _day_url(location: Location, day: date) -> str:
    query = urlencode({"location": location.slug, "date": day.isoformat()})
    return f"{reverse('booking:staff_day')}?{query}"


@_staff
@require_safe
def staff_day(request):
    """A location's bookings on a day, by time and desk, with move and cancel."""
    locations = bookable_locations() or list(location_list())
    today = clock.today()
    data = request.GET.copy()
    data.setdefault("location", locations[0].slug if locations else "")
    data.setdefault("date", today.isoformat())
    form = StaffDayForm(data, locations=locations)
    location, day = None, today
    if form.is_valid():
        location = next(loc for loc in locations if loc.slug == form.cleaned_data["location"])
        day = form.cleaned_data["date"]
    bookings = list(bookings_for_day(location=location, day=day)) if location else []
    rows = [
        {
            "booking": b,
            "services": list(b.services.all()),
            "phone": phone_display(b.phone) if b.phone else "",
            "can_change": b.is_active,
        }
        for b in bookings
    ]
    context = {
        "form": form,
        "location": location,
        "day": day,
        "rows": rows,
        "active_count": sum(1 for b in bookings if b.is_active),
        "new_url": STAFF.url("start", State(location=location, day=day)) if location else "",
        "prev_url": _day_url(location, day - timedelta(days=1)) if location else "",
        "next_url": _day_url(location, day + timedelta(days=1)) if location else "",
        "today_url": _day_url(location, today) if location else "",
        "is_today": day == today,
    }
    return _render(request, "booking/staff_day.html", context)


@_staff
@require_http_methods(["GET", "HEAD", "POST"])
def staff_details(request):
    """Staff's last step: the citizen's details and the channel; books at once."""
    flow = STAFF
    state = _state_get(request.GET)
    if missing := _missing(flow, state, "location", "day", "start"):
        return redirect(missing)
    if request.method == "POST":
        form = StaffContactForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            booking, error = _book(
                request,
                flow,
                state,
                contact=data,
                form_class=StaffContactForm,
                channel=data["channel"],
                created_by=request.user,
                idempotency_key=_idempotency_key(request.POST.get("key")),
                language=data["language"],
            )
            if error is not None:
                return error
            messages.success(
                request,
                _("Tiden er bestilt: %(when)s. Bookingkode: %(code)s.")
                % {"when": _when(booking.start), "code": booking.code},
            )
            return redirect(_day_url(booking.location, booking.start.astimezone(TZ).date()))
        return _render_details(request, flow, state, form, status=400)
    form = StaffContactForm()
    return _render_details(request, flow, state, form)


def _staff_booking(pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("location", "desk").prefetch_related("services"), pk=pk
    )


@_staff
@require_http_methods(["GET", "HEAD", "POST"])
def staff_move(request, pk: int):
    booking = _staff_booking(pk)
    back = _day_url(booking.location, booking.start.astimezone(TZ).date())
    if not booking.is_active:
        return redirect(back)
    return _move_page(
        request,
        booking,
        flow=STAFF,
        here=request.path,
        back=back,
        by=request.user,
        after=lambda moved: _day_url(moved.location, moved.start.astimezone(TZ).date()),
    )


@_staff
@require_http_methods(["GET", "HEAD", "POST"])
def staff_cancel(request, pk: int):
    booking = _staff_booking(pk)
    back = _day_url(booking.location, booking.start.astimezone(TZ).date())
    if not booking.is_active:
        return redirect(back)
    if request.method == "POST":
        try:
            with contextlib.suppress(BookingNotActive):
                booking_cancel(booking=booking, by=request.user)
        except BookingInThePast as exc:
            messages.error(request, str(exc.message))
            return redirect(back)
        messages.success(
            request,
            _("Tiden %(when)s (%(code)s) er aflyst. Borgeren får besked.")
            % {"when": _when(booking.start), "code": booking.code},
        )
        return redirect(back)
    context = {
        **_booking_context(request, booking),
        "action": request.path,
        "back_url": back,
        "staff": True,
    }
    return _render(request, "booking/cancel.html", context)


def _staff_step(view):
    """A citizen step view in the staff flow, behind the staff roles."""

    def wrapped(request):
        return view(request, flow=STAFF)

    wrapped.__name__ = f"staff_{view.__name__}"
    wrapped.__doc__ = view.__doc__
    return _staff(wrapped)


staff_new = _staff_step(services_step)
staff_calendar = _staff_step(calendar_step)
staff_time = _staff_step(time_step)
