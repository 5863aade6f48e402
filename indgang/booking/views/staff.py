"""Staff booking under /personale/tidsbestilling/: a location's day, booking for
a citizen (the citizen's steps behind the staff roles), moving and cancelling."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from indgang.catalogue.selectors import location_list
from indgang.core import clock
from indgang.core.permissions import Role, role_required
from indgang.core.phone import phone_display

from ..errors import BookingInThePast, BookingNotActive
from ..forms import StaffContactForm, StaffDayForm
from ..models import Booking
from ..selectors import TZ, bookable_locations, bookings_for_day
from ..services import booking_cancel
from ._common import STAFF, State, _booking_context, _day_url, _missing, _render, _state_get
from .flow import _book, _idempotency_key, _render_details, calendar_step, services_step, time_step
from .manage import _move_page, _when

STAFF_ROLES = (Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.MANAGER, Role.ADMINISTRATOR)


def _staff(view):
    return never_cache(role_required(*STAFF_ROLES)(view))


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
