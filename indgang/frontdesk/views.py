"""Front-desk pages: the kiosk at the entrance, the staff queue screen and the
waiting-room display. Views check permission, call one service or selector,
render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indgang.catalogue.models import Desk, Location, Service
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from . import selectors, services
from .consumers import display_state
from .forms import CheckinForm, DeskChoiceForm, ServedForm, TransferForm, WalkinForm
from .models import Point, Ticket, TicketStatus

STAFF_ROLES = (Role.FRONT_DESK, Role.MANAGER, Role.ADMINISTRATOR)
KIOSK_RETURN_SECONDS = 20


def _location(slug: str) -> Location:
    location = selectors.location_get(slug=slug)
    if location is None:
        raise Http404
    return location


# ---------------------------------------------------------------- the kiosk


def kiosk(request, slug: str):
    """Check in with the booking code or the phone number → a ticket number."""
    location = _location(slug)
    form = CheckinForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            ticket = services.checkin_create(
                location=location,
                code=form.cleaned_data["code"] or None,
                phone=form.cleaned_data["phone"] or None,
            )
        except DomainError as exc:
            error = str(exc.message)
        else:
            return render(
                request,
                "frontdesk/kiosk_ticket.html",
                {
                    "location": location,
                    "ticket": ticket,
                    "wait": selectors.expected_wait_minutes(ticket=ticket),
                    "return_seconds": KIOSK_RETURN_SECONDS,
                },
            )
    if error is None and form.errors:
        error = " ".join(str(e) for errs in form.errors.values() for e in errs)
    return render(
        request,
        "frontdesk/kiosk.html",
        {"location": location, "form": form, "error": error},
        status=400 if error else 200,
    )


def kiosk_no_booking(request, slug: str):
    """No booking: the self-service routes and the first free time today."""
    location = _location(slug)
    offered = list(
        Service.objects.active()
        .filter(desks__location=location, desks__is_active=True)
        .distinct()
        .order_by("name")
    )
    self_service = [s for s in offered if s.self_service_url]
    rows = []
    for service in offered[:8]:
        rows.append(
            {
                "service": service,
                "first_free": selectors.first_free_time_today(
                    location=location, services=[service]
                ),
            }
        )
    return render(
        request,
        "frontdesk/kiosk_no_booking.html",
        {
            "location": location,
            "self_service": self_service,
            "rows": rows,
            "return_seconds": KIOSK_RETURN_SECONDS,
        },
    )


# ------------------------------------------------------- waiting-room display


def display(request, slug: str):
    location = _location(slug)
    state = display_state(location)
    return render(
        request,
        "frontdesk/display.html",
        {"location": location, "called": state["called"]},
    )


def display_json(request, slug: str):
    """Polling fallback of the display (and of the staff screens)."""
    response = JsonResponse(display_state(_location(slug)))
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------- staff queue screen


def _queue_context(location: Location, desk: Desk | None) -> dict:
    queue = selectors.queue_get(location=location)
    return {
        "location": location,
        "desk": desk,
        "waiting": queue.waiting,
        "called": queue.called,
        "bookings_by_desk": selectors.today_bookings(location=location),
    }


def _staff_url(location: Location, desk_id) -> str:
    url = reverse("frontdesk:staff", args=[location.slug])
    return f"{url}?desk={desk_id}" if desk_id else url


def _desk_from(request, location: Location) -> Desk | None:
    desk_id = request.POST.get("desk") or request.GET.get("desk")
    if not desk_id or not str(desk_id).isdigit():
        return None
    return Desk.objects.filter(location=location, pk=desk_id).first()


@role_required(*STAFF_ROLES)
def staff(request, slug: str):
    location = _location(slug)
    desk = _desk_from(request, location)
    context = _queue_context(location, desk)
    if request.htmx:
        return render(request, "frontdesk/_queue.html", context)
    current = None
    if desk is not None:
        current = (
            Ticket.objects.filter(
                location=location,
                day=clock.today(),
                desk=desk,
                status=TicketStatus.CALLED,
            )
            .prefetch_related("services")
            .order_by("-called_at")
            .first()
        )
    served_form = None
    if current is not None:
        first_service = current.services.first()
        served_form = ServedForm(
            initial={
                "service": first_service,
                "subject_area": first_service.subject_area_id if first_service else None,
            }
        )
    context.update(
        {
            "desk_form": DeskChoiceForm(
                initial={"desk": desk.pk if desk else None}, location=location
            ),
            "current": current,
            "served_form": served_form,
            "transfer_form": TransferForm(location=location),
            "walkin_form": WalkinForm(location=location),
            "points": [Point.INFORMATION, Point.CO_SERVICE],
        }
    )
    return render(request, "frontdesk/staff.html", context)


def _done(request, location, desk, text=None, *, error: DomainError | None = None):
    if error is not None:
        messages.error(request, str(error.message))
    elif text:
        messages.success(request, text)
    return redirect(_staff_url(location, desk.pk if desk else None))


@require_POST
@role_required(*STAFF_ROLES)
def staff_call_next(request, slug: str):
    location = _location(slug)
    desk = _desk_from(request, location)
    if desk is None:
        messages.error(request, _("Vælg din skranke først."))
        return redirect(_staff_url(location, None))
    try:
        ticket = services.ticket_call_next(desk=desk, by=request.user)
    except DomainError as exc:
        return _done(request, location, desk, error=exc)
    return _done(
        request,
        location,
        desk,
        _("%(number)s er kaldt til skranke %(desk)s.")
        % {"number": ticket.number, "desk": desk.number},
    )


ACTIONS = {"genkald", "udeblevet", "flyt", "betjent"}


@require_POST
@role_required(*STAFF_ROLES)
def staff_ticket_action(request, slug: str, pk: int, action: str):
    location = _location(slug)
    if action not in ACTIONS:
        raise Http404
    desk = _desk_from(request, location)
    ticket = get_object_or_404(Ticket, pk=pk, location=location)
    user = request.user
    try:
        if action == "genkald":
            services.ticket_recall(ticket=ticket, by=user)
            text = _("%(number)s er kaldt igen.") % {"number": ticket.number}
        elif action == "udeblevet":
            services.ticket_no_show(ticket=ticket, by=user)
            text = _("%(number)s er registreret som udeblevet.") % {"number": ticket.number}
        elif action == "flyt":
            form = TransferForm(request.POST, location=location, prefix="transfer")
            if not form.is_valid():
                messages.error(request, _("Vælg den skranke, borgeren skal flyttes til."))
                return redirect(_staff_url(location, desk.pk if desk else None))
            target = form.cleaned_data["desk"]
            services.ticket_transfer(ticket=ticket, desk=target, by=user)
            text = _("%(number)s er flyttet til skranke %(desk)s.") % {
                "number": ticket.number,
                "desk": target.number,
            }
        else:
            form = ServedForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Udfyld registreringen igen."))
                return redirect(_staff_url(location, desk.pk if desk else None))
            data = form.cleaned_data
            services.ticket_served(
                ticket=ticket,
                by=user,
                subject_area=data["subject_area"],
                service=data["service"],
                outcome=data["outcome"],
                co_service=data["co_service"],
            )
            text = _("%(number)s er registreret som betjent.") % {"number": ticket.number}
    except DomainError as exc:
        return _done(request, location, desk, error=exc)
    return _done(request, location, desk, text)


@require_POST
@role_required(*STAFF_ROLES)
def staff_walkin(request, slug: str):
    location = _location(slug)
    desk = _desk_from(request, location)
    form = WalkinForm(request.POST, location=location, prefix="walkin")
    if not form.is_valid():
        messages.error(request, _("Vælg mindst én ydelse til borgeren uden tid."))
        return redirect(_staff_url(location, desk.pk if desk else None))
    try:
        ticket = services.walkin_create(
            location=location,
            services=list(form.cleaned_data["services"]),
            by=request.user,
            urgent=form.cleaned_data["urgent"],
            phone=form.cleaned_data["phone"],
        )
    except DomainError as exc:
        return _done(request, location, desk, error=exc)
    return _done(
        request,
        location,
        desk,
        _("Borgeren har fået nummer %(number)s.") % {"number": ticket.number},
    )


@require_POST
@role_required(*STAFF_ROLES)
def staff_point_contact(request, slug: str, point: str):
    location = _location(slug)
    desk = _desk_from(request, location)
    if point not in (Point.INFORMATION, Point.CO_SERVICE):
        raise Http404
    try:
        services.point_contact_register(location=location, point=point, by=request.user)
    except DomainError as exc:
        return _done(request, location, desk, error=exc)
    return _done(
        request, location, desk, _("Registreret: %(point)s.") % {"point": Point(point).label}
    )
