"""Factories and builders for front-desk tests."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import factory

from indgang.booking.models import Booking
from indgang.catalogue.models import Desk, Service
from indgang.core import clock
from indgang.frontdesk.models import KioskPolicy, Ticket, TicketKind, TicketStatus
from tests.booking.factories import Office
from tests.catalogue.factories import LocationFactory

_codes = itertools.count(1)


class KioskPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KioskPolicy

    location = factory.SubFactory(LocationFactory)
    early_minutes = 30
    late_minutes = 10


def booking_make(
    office: Office,
    *,
    start: datetime,
    desk: Desk | None = None,
    services: list[Service] | None = None,
    code: str | None = None,
    phone: str = "+4512345678",
    email: str = "borger@example.dk",
) -> Booking:
    """A booked appointment at the office, saved directly (no service, no messages)."""
    services = services if services is not None else [office.pas]
    minutes = sum(s.minutes_per_expedition for s in services)
    n = next(_codes)
    booking = Booking.objects.create(
        code=code or f"T{n:05d}",
        cancel_token=f"token-{n}",
        location=office.location,
        desk=desk or office.desks[0],
        start=start,
        end=start + timedelta(minutes=minutes),
        blocked_until=start + timedelta(minutes=minutes),
        name="Test Borger",
        phone=phone,
        email=email,
        created_at=clock.now(),
    )
    booking.services.set(services)
    return booking


_numbers = itertools.count(1)


def ticket_make(
    office: Office,
    *,
    due_at: datetime,
    services: list[Service] | None = None,
    arrived_at: datetime | None = None,
    kind: str = TicketKind.WALK_IN,
    status: str = TicketStatus.WAITING,
    **fields,
) -> Ticket:
    """A ticket in the office's queue, saved directly."""
    ticket = Ticket.objects.create(
        location=office.location,
        day=clock.today(),
        number=fields.pop("number", f"X{next(_numbers):03d}"),
        kind=kind,
        status=status,
        due_at=due_at,
        arrived_at=arrived_at or due_at,
        **fields,
    )
    ticket.services.set(services if services is not None else [office.pas])
    return ticket
