"""The citizen's own booking by the link in the SMS and e-mail (/tid/<code>/<token>):
see, cancel or move it. Staff moves use the same move page."""

from __future__ import annotations

import contextlib
from datetime import datetime

from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from indgang.core import clock

from ..errors import (
    BookingInThePast,
    BookingNotActive,
    NoDeskForServices,
    NotASlot,
    NotBookable,
    PhoneLimitReached,
    SlotTaken,
)
from ..forms import TimeForm
from ..models import Booking
from ..selectors import TZ, booking_get_by_code
from ..services import booking_cancel, booking_move
from ._common import (
    CITIZEN,
    Flow,
    State,
    _base_context,
    _booking_context,
    _calendar_context,
    _free_days,
    _length_minutes,
    _monday,
    _parse_date,
    _render,
    _slot_taken_message,
    _time_page,
)

MOVE_ERRORS = (SlotTaken, NotASlot, PhoneLimitReached, BookingNotActive, BookingInThePast)


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
            except MOVE_ERRORS as exc:
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
