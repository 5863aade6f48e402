"""Every read the front desk's pages, display and API need."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from indgang.booking import availability
from indgang.booking.errors import NoDeskForServices, NotBookable
from indgang.booking.models import Booking, BookingStatus, ServiceDuration
from indgang.booking.selectors import bookings_for_day, desks_for_services, slot_query_build
from indgang.catalogue.models import Desk, Location, Service
from indgang.core import clock

from .models import KioskPolicy, Ticket, TicketStatus


def kiosk_policy_get(*, location: Location) -> KioskPolicy:
    """The location's kiosk rules, or an unsaved row with the defaults."""
    try:
        return location.kiosk_policy
    except KioskPolicy.DoesNotExist:
        return KioskPolicy(location=location)


def location_get(*, slug: str) -> Location | None:
    """The active location with this slug."""
    return Location.objects.filter(slug=slug, is_active=True).first()


def desks_capable(*, location: Location, services: list[Service]) -> QuerySet[Desk]:
    """Active desks at the location that handle every one of the services."""
    return desks_for_services(location=location, services=services)


def _today(at: datetime | None) -> tuple[datetime, date]:
    at = at or clock.now()
    return at, timezone.localtime(at).date()


def first_free_time_today(
    *, location: Location, services: list[Service], at: datetime | None = None
) -> datetime | None:
    """The first time from now, today, when some desk that handles all the
    services is free for their length (bookings, buffers and desk closures
    counted; the booking notice is not). None: no such gap today."""
    at, today = _today(at)
    try:
        query = slot_query_build(
            location=location, services=list(services), date_from=today, date_to=today, at=at
        )
    except (NotBookable, NoDeskForServices):
        return None
    request = dataclasses.replace(query.request, earliest=at)
    desks = _with_urgent_walkins(query.desks, location=location, day=today, at=at)
    slots = availability.free_slots(desks, request)
    return slots[0].start if slots else None


def _with_urgent_walkins(
    desks: list[availability.DeskPlan], *, location: Location, day: date, at: datetime
) -> list[availability.DeskPlan]:
    """The desks' plans with the gaps already given to waiting urgent walk-ins:
    each holds [due_at, due_at + its length) on the first of these desks that
    can serve it and is free then (none: it is fitted at a desk not counted here)."""
    urgent = list(
        Ticket.objects.waiting(location=location)
        .filter(day=day, urgent=True, due_at__gte=at - timedelta(hours=12))
        .prefetch_related("services")
        .order_by("due_at", "pk")
    )
    if not urgent:
        return desks
    skills: dict[int, set[int]] = {d.desk_id: set() for d in desks}
    for desk_id, service_id in Desk.services.through.objects.filter(
        desk_id__in=list(skills)
    ).values_list("desk_id", "service_id"):
        skills[desk_id].add(service_id)
    overrides = _duration_overrides(location_id=location.pk)
    busy = {d.desk_id: list(d.busy) for d in desks}
    for ticket in urgent:
        needed = {s.pk for s in ticket.services.all()}
        until = ticket.due_at + timedelta(minutes=_length(ticket, overrides))
        for desk in desks:
            plan = availability.DeskPlan(desk_id=desk.desk_id, busy=busy[desk.desk_id])
            if needed <= skills[desk.desk_id] and plan.is_free(ticket.due_at, until):
                busy[desk.desk_id].append((ticket.due_at, until))
                break
    return [availability.DeskPlan(desk_id=d.desk_id, busy=busy[d.desk_id]) for d in desks]


def _duration_overrides(*, location_id: int) -> dict[int, int]:
    return dict(
        ServiceDuration.objects.filter(location_id=location_id).values_list("service_id", "minutes")
    )


def _length(ticket: Ticket, overrides: dict[int, int]) -> int:
    """A ticket's minutes: its services' (with the location's overrides)."""
    return sum(overrides.get(s.pk, s.minutes_per_expedition) for s in ticket.services.all())


def _minutes(seconds: float) -> int:
    return max(0, int(seconds // 60))


@dataclass
class Queue:
    """A location's queue today. Each ticket carries `waiting_minutes`: from
    arrival until now (waiting) or until the call (called)."""

    waiting: list[Ticket] = field(default_factory=list)
    called: list[Ticket] = field(default_factory=list)


def queue_get(*, location: Location, at: datetime | None = None) -> Queue:
    """Today's waiting tickets in call order, and the called ones, latest call first."""
    at, today = _today(at)
    tickets = (
        Ticket.objects.filter(
            location=location, day=today, status__in=[TicketStatus.WAITING, TicketStatus.CALLED]
        )
        .select_related("desk", "transferred_to", "booking")
        .prefetch_related("services")
        .order_by("due_at", "pk")
    )
    queue = Queue()
    for ticket in tickets:
        if ticket.status == TicketStatus.WAITING:
            ticket.waiting_minutes = _minutes((at - ticket.arrived_at).total_seconds())
            queue.waiting.append(ticket)
        else:
            waited = ticket.called_at - ticket.arrived_at
            ticket.waiting_minutes = _minutes(waited.total_seconds())
            queue.called.append(ticket)
    queue.called.sort(key=lambda t: (t.called_at, t.pk), reverse=True)
    return queue


def expected_wait_minutes(*, ticket: Ticket, at: datetime | None = None) -> int:
    """A simple, honest estimate: the waiting tickets ahead of this one that
    share a capable desk with it, times their average length, divided by the
    number of active desks that can serve it; or the minutes until it is due
    when that is later. 0 once called."""
    at = at or clock.now()
    if ticket.status != TicketStatus.WAITING:
        return 0
    desks = Desk.objects.filter(location_id=ticket.location_id, is_active=True)
    skills = {d.pk: {s.pk for s in d.services.all()} for d in desks.prefetch_related("services")}
    overrides = _duration_overrides(location_id=ticket.location_id)
    waiting = list(
        Ticket.objects.waiting(location=ticket.location_id)
        .filter(day=ticket.day)
        .prefetch_related("services")
        .order_by("due_at", "pk")
    )

    def capable(t: Ticket) -> set[int]:
        needed = {s.pk for s in t.services.all()}
        return {
            desk_id
            for desk_id, handles in skills.items()
            if needed <= handles and t.transferred_to_id in (None, desk_id)
        }

    me = next((t for t in waiting if t.pk == ticket.pk), ticket)
    mine = capable(me)
    ahead = [t for t in waiting if (t.due_at, t.pk) < (me.due_at, me.pk) and capable(t) & mine]
    in_queue = 0
    if ahead:
        average = sum(_length(t, overrides) for t in ahead) / len(ahead)
        in_queue = math.ceil(len(ahead) * average / max(1, len(mine)))
    until_due = math.ceil((me.due_at - at).total_seconds() / 60)
    return max(0, in_queue, until_due)


@dataclass
class DeskBookings:
    """One desk's bookings of the day; each booking carries `checkin_ticket`
    (its Ticket, or None while not checked in)."""

    desk: Desk
    bookings: list[Booking] = field(default_factory=list)


def today_bookings(*, location: Location, day: date | None = None) -> list[DeskBookings]:
    """The day's active bookings by desk (every active desk, in number order)."""
    day = day or clock.today()
    bookings = list(
        bookings_for_day(location=location, day=day).filter(status=BookingStatus.BOOKED)
    )
    tickets = {
        t.booking_id: t
        for t in Ticket.objects.filter(booking__in=[b.pk for b in bookings]).select_related("desk")
    }
    desks = Desk.objects.filter(location=location, is_active=True)
    rows = {d.pk: DeskBookings(desk=d) for d in desks}
    for booking in bookings:
        booking.checkin_ticket = tickets.get(booking.pk)
        rows.setdefault(booking.desk_id, DeskBookings(desk=booking.desk)).bookings.append(booking)
    return sorted(rows.values(), key=lambda row: row.desk.number)


def called_tickets(
    *, location: Location, limit: int = 8, at: datetime | None = None
) -> list[Ticket]:
    """Today's called tickets, latest call first, with their desks (the display)."""
    _at, today = _today(at)
    return list(
        Ticket.objects.filter(location=location, day=today, status=TicketStatus.CALLED)
        .select_related("desk")
        .order_by("-called_at", "-pk")[:limit]
    )


def ticket_get(*, pk: int) -> Ticket | None:
    return Ticket.objects.select_related("location", "desk").filter(pk=pk).first()


def desk_get(*, pk: int) -> Desk | None:
    return Desk.objects.select_related("location").filter(pk=pk).first()


def services_for_slugs(*, slugs: Iterable[str]) -> dict[str, Service]:
    return {s.slug: s for s in Service.objects.active().filter(slug__in=list(slugs))}
