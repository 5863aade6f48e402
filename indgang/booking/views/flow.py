"""The citizen's booking flow under /bestil-tid/, one step a page; staff.py
runs the same steps behind the staff roles.

Every step works without JavaScript. The steps up to the time are GET forms
whose state (services, location, date, start) travels in the query string, so
each page survives a reload and can be bookmarked; each step validates its own
input and redirects to the next. The citizen's name, phone and e-mail never go
in a URL: the details step posts them and keeps them in the session until the
booking is made.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from indgang.catalogue.models import Location, Service
from indgang.catalogue.selectors import service_list
from indgang.core import clock
from indgang.core.phone import phone_display

from .. import availability
from ..errors import NoDeskForServices, NotASlot, NotBookable, PhoneLimitReached, SlotTaken
from ..forms import ContactForm, LocationForm, ServicesForm, StaffServicesForm, TimeForm
from ..models import Booking, BookingChannel
from ..selectors import (
    bookable_locations,
    bookable_services,
    booking_length,
    desks_for_services,
    locations_for_services,
)
from ..services import booking_create
from ._common import (
    CITIZEN,
    Flow,
    State,
    _base_context,
    _booking_context,
    _calendar_context,
    _day_url,
    _free_days,
    _length_minutes,
    _missing,
    _parse_date,
    _render,
    _slot_taken_message,
    _slugs,
    _state_get,
    _time_page,
)

# The session keys of the citizen flow: the contact details between the details
# step and the confirmation, and the booking just made (for the receipt page).
CONTACT_KEY = "booking_contact"
DONE_KEY = "booking_done"
# The receipt page shows the booking this long after it was made (a shared PC).
RECEIPT_FOR = timedelta(hours=2)


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


def _staff_back_url(request) -> str:
    """From staff's first step back to the day it came from."""
    day = _parse_date(request.GET.get("date"))
    location = Location.objects.filter(slug=request.GET.get("location") or "").first()
    if location is None or day is None:
        return reverse("booking:staff_day")
    return _day_url(location, day)
