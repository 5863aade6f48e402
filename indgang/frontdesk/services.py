"""Every write of the front desk: check-in, walk-ins, call next and the
ticket's life after the call, and expeditions. Each service owns its
transaction; live screens and the survey hear of it after commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from indgang.booking.errors import NoDeskForServices
from indgang.booking.models import Booking, BookingStatus
from indgang.booking.selectors import bookings_for_day
from indgang.catalogue.models import Desk, Location, Outcome, Service, SubjectArea
from indgang.core import clock
from indgang.core.phone import phone_normalise

from . import signals
from .errors import (
    DeskCannotServe,
    NotToday,
    QueueEmpty,
    TicketNotActive,
    TooEarly,
    TooLate,
    UnknownCode,
    UnknownPhone,
    WrongLocation,
)
from .models import Expedition, Point, Ticket, TicketKind, TicketStatus
from .selectors import desks_capable, first_free_time_today, kiosk_policy_get

NUMBER_ATTEMPTS = 20


def _announce(location_id: int) -> None:
    transaction.on_commit(lambda: signals.queue_changed(location_id=location_id))


def _next_number(*, location: Location, day, prefix: str) -> str:
    """The next free number with this prefix today: A001, A002, …"""
    taken = Ticket.objects.filter(location=location, day=day, number__startswith=prefix)
    highest = 0
    for number in taken.values_list("number", flat=True):
        tail = number[len(prefix) :]
        if tail.isdigit():
            highest = max(highest, int(tail))
    return f"{prefix}{highest + 1:03d}"


def _ticket_save_numbered(ticket: Ticket, *, prefix: str) -> Ticket:
    """Save a new ticket with the next number; two kiosks taking a number at
    once collide on the unique constraint, and the loser takes the next one."""
    for _attempt in range(NUMBER_ATTEMPTS):
        ticket.number = _next_number(location=ticket.location, day=ticket.day, prefix=prefix)
        try:
            with transaction.atomic():  # a savepoint: the outer transaction survives
                ticket.save()
            return ticket
        except IntegrityError:
            if ticket.booking_id and Ticket.objects.filter(booking_id=ticket.booking_id).exists():
                raise
            ticket.pk = None
            continue
    raise IntegrityError(f"no free ticket number after {NUMBER_ATTEMPTS} attempts")


def _local_day(at: datetime):
    return timezone.localtime(at).date()


def _booking_for_phone(*, location: Location, phone: str, day) -> Booking:
    try:
        phone = phone_normalise(phone)
    except ValidationError as exc:
        raise UnknownPhone from exc
    todays = list(
        bookings_for_day(location=location, day=day)
        .filter(status=BookingStatus.BOOKED, phone=phone)
        .order_by("start", "pk")
    )
    if not todays:
        raise UnknownPhone
    checked_in = set(Ticket.objects.filter(booking__in=todays).values_list("booking_id", flat=True))
    unchecked = [b for b in todays if b.pk not in checked_in]
    return (unchecked or todays)[0]


@transaction.atomic
def checkin_create(
    *,
    location: Location,
    code: str | None = None,
    phone: str | None = None,
    at: datetime | None = None,
) -> Ticket:
    """Check a citizen in with the booking code (any case) or the phone number
    they booked with; a second check-in returns the ticket of the first."""
    at = at or clock.now()
    today = _local_day(at)
    if code:
        booking = Booking.objects.filter(code=code.strip().upper()).first()
        if booking is None or booking.status != BookingStatus.BOOKED:
            raise UnknownCode
    elif phone:
        booking = _booking_for_phone(location=location, phone=phone, day=today)
    else:
        raise UnknownCode
    if booking.location_id != location.pk:
        raise WrongLocation
    if _local_day(booking.start) != today:
        raise NotToday
    # One check-in at a time per booking: a double tap waits, then finds the ticket.
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    existing = Ticket.objects.filter(booking=booking).first()
    if existing is not None:
        return existing
    policy = kiosk_policy_get(location=location)
    opens_at = booking.start - timedelta(minutes=policy.early_minutes)
    if at < opens_at:
        raise TooEarly(opens_at=timezone.localtime(opens_at))
    if at > booking.start + timedelta(minutes=policy.late_minutes):
        raise TooLate
    ticket = Ticket(
        location=location,
        day=today,
        kind=TicketKind.BOOKED,
        booking=booking,
        due_at=booking.start,
        arrived_at=at,
        phone=booking.phone,
        email=booking.email,
    )
    _ticket_save_numbered(ticket, prefix=policy.booked_prefix)
    ticket.services.set(booking.services.all())
    _announce(location.pk)
    return ticket


@transaction.atomic
def walkin_create(
    *,
    location: Location,
    services: Iterable[Service],
    by,
    urgent: bool = False,
    phone: str = "",
    email: str = "",
    at: datetime | None = None,
) -> Ticket:
    """A citizen without a booking, entered by staff. An urgent one is due at
    the first time today a capable desk is free for the services (fitted into
    the next gap); otherwise, and when there is no gap, at arrival."""
    at = at or clock.now()
    services = list(services)
    if not services or not desks_capable(location=location, services=services).exists():
        raise NoDeskForServices
    if phone:
        phone = phone_normalise(phone)
    due_at = at
    if urgent:
        due_at = first_free_time_today(location=location, services=services, at=at) or at
    policy = kiosk_policy_get(location=location)
    ticket = Ticket(
        location=location,
        day=_local_day(at),
        kind=TicketKind.WALK_IN,
        urgent=urgent,
        due_at=due_at,
        arrived_at=at,
        phone=phone,
        email=email.strip(),
    )
    _ticket_save_numbered(ticket, prefix=policy.walk_in_prefix)
    ticket.services.set(services)
    _announce(location.pk)
    return ticket


@transaction.atomic
def ticket_call_next(*, desk: Desk, by, at: datetime | None = None) -> Ticket:
    """Call the earliest due waiting citizen this desk can serve. Two desks
    calling at once get two citizens: the row lock skips tickets another
    transaction is calling."""
    at = at or clock.now()
    ticket = (
        Ticket.objects.waiting(location=desk.location)
        .filter(day=_local_day(at))
        .servable_by(desk)
        .order_by("due_at", "pk")
        .select_for_update(skip_locked=True, of=("self",))
        .first()
    )
    if ticket is None:
        raise QueueEmpty
    ticket.status = TicketStatus.CALLED
    ticket.desk = desk
    ticket.called_at = at
    ticket.called_by = by
    ticket.call_count += 1
    ticket.save(update_fields=["status", "desk", "called_at", "called_by", "call_count"])
    _announce(desk.location_id)
    return ticket


def _locked(ticket: Ticket) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


@transaction.atomic
def ticket_recall(*, ticket: Ticket, by) -> Ticket:
    """Call a called citizen again (the display shows the call once more);
    `called_at` stays the first call's."""
    ticket = _locked(ticket)
    if ticket.status != TicketStatus.CALLED:
        raise TicketNotActive
    ticket.call_count += 1
    ticket.called_by = by
    ticket.save(update_fields=["call_count", "called_by"])
    _announce(ticket.location_id)
    return ticket


@transaction.atomic
def ticket_no_show(*, ticket: Ticket, by, at: datetime | None = None) -> Ticket:
    """The citizen did not come when called (or left the queue)."""
    ticket = _locked(ticket)
    if ticket.status not in (TicketStatus.CALLED, TicketStatus.WAITING):
        raise TicketNotActive
    ticket.status = TicketStatus.NO_SHOW
    ticket.finished_at = at or clock.now()
    ticket.save(update_fields=["status", "finished_at"])
    _announce(ticket.location_id)
    return ticket


@transaction.atomic
def ticket_transfer(*, ticket: Ticket, desk: Desk, by) -> Ticket:
    """Send the citizen back to the queue for one desk only (same location,
    able to serve every service); that desk's next call takes them in turn."""
    ticket = _locked(ticket)
    if ticket.status not in (TicketStatus.CALLED, TicketStatus.WAITING):
        raise TicketNotActive
    if desk.location_id != ticket.location_id:
        raise DeskCannotServe
    if not _desk_handles(desk, ticket):
        raise DeskCannotServe
    ticket.status = TicketStatus.WAITING
    ticket.transferred_to = desk
    ticket.desk = None
    ticket.save(update_fields=["status", "transferred_to", "desk"])
    _announce(ticket.location_id)
    return ticket


def _desk_handles(desk: Desk, ticket: Ticket) -> bool:
    needed = set(ticket.services.values_list("pk", flat=True))
    return needed <= set(desk.services.values_list("pk", flat=True))


def _subject_area_for(
    *, subject_area: SubjectArea | None, service: Service | None, ticket: Ticket | None
) -> SubjectArea | None:
    if subject_area is not None:
        return subject_area
    if service is not None:
        return service.subject_area
    if ticket is not None:
        first = ticket.services.order_by("pk").select_related("subject_area").first()
        return first.subject_area if first else None
    return None


def _seconds(delta: timedelta) -> int:
    return max(0, int(delta.total_seconds()))


@transaction.atomic
def ticket_served(
    *,
    ticket: Ticket,
    by,
    subject_area: SubjectArea | None = None,
    service: Service | None = None,
    outcome: str = Outcome.RESOLVED,
    co_service: bool = False,
    at: datetime | None = None,
) -> Expedition:
    """Finish a called ticket and register the expedition (a personal contact
    for the contact registry)."""
    at = at or clock.now()
    ticket = _locked(ticket)
    if ticket.status != TicketStatus.CALLED:
        raise TicketNotActive
    ticket.status = TicketStatus.SERVED
    ticket.finished_at = at
    ticket.save(update_fields=["status", "finished_at"])
    expedition = Expedition.objects.create(
        location_id=ticket.location_id,
        point=Point.DESK,
        ticket=ticket,
        desk_id=ticket.desk_id,
        subject_area=_subject_area_for(subject_area=subject_area, service=service, ticket=ticket),
        service=service,
        outcome=outcome,
        co_service=co_service,
        staff=by,
        occurred_at=at,
        wait_seconds=_seconds(ticket.called_at - max(ticket.arrived_at, ticket.due_at)),
        handling_seconds=_seconds(at - ticket.called_at),
    )
    _announce(ticket.location_id)
    transaction.on_commit(
        lambda: signals.ticket_served.send(sender=Expedition, expedition_id=expedition.pk)
    )
    return expedition


@transaction.atomic
def point_contact_register(
    *,
    location: Location,
    point: str,
    by,
    subject_area: SubjectArea | None = None,
    service: Service | None = None,
    outcome: str = Outcome.RESOLVED,
    at: datetime | None = None,
) -> Expedition:
    """One click at the information desk, the cash desk or the self-service
    PCs (co-service, floorwalker): a personal contact without a ticket."""
    return Expedition.objects.create(
        location=location,
        point=point,
        subject_area=_subject_area_for(subject_area=subject_area, service=service, ticket=None),
        service=service,
        outcome=outcome,
        co_service=point == Point.CO_SERVICE,
        staff=by,
        occurred_at=at or clock.now(),
    )
