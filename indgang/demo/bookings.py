"""Upcoming appointments for Demo Kommune, so the front desk's day lists and
the staffing plan have bookings for the next two weeks.

Every booking is made through `booking.services.booking_create`, so the
booking rules hold (a free capable desk, no two bookings on one desk at once,
opening hours and closures). Each (location, day) gets its own
`random.Random` seeded by the date, and each booking an idempotency key made
of the location, the date and its number (`demo-booking:<slug>:<date>:<n>`):
a key already stored is skipped, so running the seed again adds nothing, and
run on a later day it adds only the new days.

About a third of the desk visits of an ordinary day (activity.DESK_VISITS)
are booked, spread over the opening hours, for the services and in the
proportions of the demo's desk visits. The demo citizens have e-mail
addresses on example.org only; the confirmation and reminder messages the
booking service puts in the outbox are cancelled at once, so the demo never
sends them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from indgang.booking.errors import NoDeskForServices, NotASlot, NotBookable, SlotTaken
from indgang.booking.models import Booking, BookingChannel
from indgang.booking.selectors import free_slots_get
from indgang.booking.services import booking_create
from indgang.catalogue.models import Channel, Location, Service
from indgang.core import clock
from indgang.notifications.services import messages_cancel_pending

from . import data
from .activity import DESK_SERVICE_WEIGHT, DESK_VISITS, MONTH_FACTOR, SEED

KEY_PREFIX = "demo-booking"
DAYS_AHEAD = 14
# Share of an ordinary day's desk visits that come with a booking.
BOOKED_SHARE = 0.35
CHANNEL_WEIGHTS = {BookingChannel.WEB: 0.75, BookingChannel.PHONE: 0.2, BookingChannel.SMS: 0.05}
FIRST_NAMES = (
    "Anne",
    "Mads",
    "Sofie",
    "Lars",
    "Fatima",
    "Jens",
    "Ida",
    "Mikkel",
    "Amalie",
    "Ali",
    "Karen",
    "Frederik",
)
LAST_NAMES = (
    "Hansen",
    "Pedersen",
    "Nielsen",
    "Jensen",
    "Larsen",
    "Khan",
    "Christensen",
    "Sørensen",
    "Poulsen",
    "Møller",
)


@dataclass
class BookingSeedResult:
    created: int = 0
    first_day: date | None = None
    last_day: date | None = None


def _services_at(location: Location) -> list[Service]:
    """Active services in the personal channel that a desk at the location handles."""
    return list(
        Service.objects.active()
        .filter(
            desks__location=location,
            desks__is_active=True,
            channels__channel=Channel.PERSONAL,
        )
        .distinct()
        .order_by("slug")
    )


def _day_bookings(location: Location, services: list[Service], day: date, stored: set[str]) -> int:
    visits = DESK_VISITS.get(location.slug, {}).get(day.weekday(), 0)
    if not visits or not services:
        return 0
    rng = random.Random(f"{SEED}:booking:{location.slug}:{day.isoformat()}")  # noqa: S311
    mean = visits * BOOKED_SHARE * MONTH_FACTOR[day.month]
    n = max(0, round(rng.gauss(mean, mean * 0.1)))
    weights = [DESK_SERVICE_WEIGHT.get(s.slug, 2) for s in services]
    channels, channel_weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    created = 0
    for i in range(n):
        # Draw everything first so a booking's choices never depend on the
        # ones before it being made or skipped.
        service = rng.choices(services, weights=weights)[0]
        pick, channel = rng.random(), rng.choices(channels, weights=channel_weights)[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        key = f"{KEY_PREFIX}:{location.slug}:{day.isoformat()}:{i}"
        if key in stored:
            continue
        try:
            slots = free_slots_get(
                location=location, services=[service], date_from=day, date_to=day
            )
        except (NoDeskForServices, NotBookable):
            continue
        if not slots:
            continue
        slot = slots[int(pick * len(slots))]
        try:
            booking = booking_create(
                services=[service],
                location=location,
                start=slot.start,
                name=f"{first} {last}",
                email=f"demo.borger.{day:%m%d}.{i}@example.org",
                channel=channel,
                idempotency_key=key,
                language="da",
            )
        except (NotASlot, SlotTaken):
            continue
        messages_cancel_pending(reference=f"booking:{booking.pk}")
        created += 1
    return created


@transaction.atomic
def demo_bookings_seed(*, today: date | None = None, days: int = DAYS_AHEAD) -> BookingSeedResult:
    """Book the demo locations' next `days` days from tomorrow (see the
    module docstring). Needs the catalogue of `demo_seed()`; idempotent."""
    today = today or clock.today()
    result = BookingSeedResult()
    stored = set(
        Booking.objects.filter(idempotency_key__startswith=f"{KEY_PREFIX}:").values_list(
            "idempotency_key", flat=True
        )
    )
    locations = {loc.slug: loc for loc in Location.objects.filter(is_active=True)}
    for spec in data.LOCATIONS:
        location = locations.get(spec.slug)
        if location is None:
            continue
        services = _services_at(location)
        for offset in range(1, days + 1):
            result.created += _day_bookings(
                location, services, today + timedelta(days=offset), stored
            )
    if result.created:
        result.first_day, result.last_day = today + timedelta(days=1), today + timedelta(days=days)
    return result
