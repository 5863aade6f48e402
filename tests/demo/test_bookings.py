"""The demo's upcoming bookings: the next two weeks at the demo locations,
made through the booking service, never two at once on a desk, nothing sent,
and nothing added on a second run."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from itertools import pairwise

import pytest

from indgang.booking.models import Booking, BookingStatus
from indgang.catalogue.selectors import location_hours_on
from indgang.core import clock
from indgang.demo import data
from indgang.demo.bookings import demo_bookings_seed
from indgang.demo.services import demo_seed
from indgang.notifications.models import Message, MessageStatus
from tests.conftest import CPH, local

NOW = local(2026, 3, 4, 8, 0)  # a Wednesday
TODAY = NOW.date()


@pytest.fixture
def catalogue(db):
    with clock.frozen(at=NOW):
        demo_seed(password="korrekt-hest-batteri-haefteklamme")


def seed(at=NOW, days=14):
    with clock.frozen(at=at):
        return demo_bookings_seed(days=days)


def test_the_next_two_weeks_get_bookings_at_both_locations(catalogue):
    result = seed()
    bookings = list(Booking.objects.select_related("location", "desk"))
    assert result.created == len(bookings) > 100
    assert (result.first_day, result.last_day) == (TODAY + timedelta(1), TODAY + timedelta(14))
    assert {b.location.slug for b in bookings} == {data.TOWN_HALL, data.LIBRARY}
    days = {b.start.astimezone(CPH).date() for b in bookings}
    assert min(days) > TODAY
    assert max(days) <= TODAY + timedelta(days=14)
    assert all(b.status == BookingStatus.BOOKED for b in bookings)
    # The town hall is busier than the library, and closed on Sundays.
    per_location = defaultdict(int)
    for b in bookings:
        per_location[b.location.slug] += 1
        assert b.start.astimezone(CPH).weekday() != 6
    assert per_location[data.TOWN_HALL] > per_location[data.LIBRARY]


def test_demo_bookings_keep_the_booking_rules(catalogue):
    seed(days=4)
    by_desk = defaultdict(list)
    for b in Booking.objects.select_related("location", "desk").prefetch_related("services"):
        by_desk[b.desk_id].append((b.start, b.blocked_until))
        # Inside the opening hours, on a desk that handles the service.
        hours = location_hours_on(location=b.location, day=b.start.astimezone(CPH).date())
        assert any(i.start <= b.start and b.end <= i.end for i in hours.intervals)
        assert set(b.services.all()) <= set(b.desk.services.all())
    for spans in by_desk.values():
        spans.sort()
        for (_, until), (start, _) in pairwise(spans):
            assert until <= start


def test_the_demo_sends_nothing_to_its_made_up_citizens(catalogue):
    seed(days=2)
    assert Message.objects.exists()
    assert not Message.objects.filter(status=MessageStatus.PENDING).exists()
    assert all(b.email.endswith("@example.org") for b in Booking.objects.all())


def test_running_again_adds_nothing_and_a_later_day_only_the_new_days(catalogue):
    first = seed(days=3)
    assert seed(days=3).created == 0
    assert Booking.objects.count() == first.created
    later = seed(at=NOW + timedelta(days=2), days=3)
    new_days = {
        b.start.astimezone(CPH).date()
        for b in Booking.objects.filter(idempotency_key__isnull=False).order_by("-pk")[
            : later.created
        ]
    }
    assert later.created > 0
    assert new_days <= {TODAY + timedelta(days=4), TODAY + timedelta(days=5)}
