"""Never two meetings at once in one caseworker's calendar, proven against real
PostgreSQL: many members of staff book the same time at the same instant."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from indgang.booking import services
from indgang.booking.errors import SlotTaken
from indgang.booking.models import BookingStatus, StaffMeeting
from indgang.core import clock
from tests.booking.test_staff_calendar import calendar_build
from tests.catalogue.factories import DepartmentFactory
from tests.conftest import local

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

THREADS = 20
NOW = local(2026, 11, 23, 8, 0)  # Monday
START = local(2026, 11, 25, 10, 0)  # Wednesday, inside the 9–12 meeting hours


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint and real concurrency need PostgreSQL")


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


def _book_all_at_once(calendars: list) -> list[str]:
    """Book START in calendars[i] from thread i, released together by a
    barrier; each outcome as "booked", "taken" or the unexpected error."""
    barrier = threading.Barrier(len(calendars))
    results = ["not run"] * len(calendars)

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            with clock.frozen(at=NOW):
                services.staff_meeting_book(
                    calendar=calendars[i],
                    start=START,
                    topic="Boligstøtte",
                    name=f"Borger {i}",
                    phone=f"+4530{i:06d}",
                )
            results[i] = "booked"
        except SlotTaken:
            results[i] = "taken"
        except Exception as exc:  # reported, not swallowed: a crash fails the test
            results[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(calendars))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a booking hung"
    return results


def test_twenty_bookings_of_one_time_in_one_calendar_give_one_meeting():
    calendar = calendar_build()

    results = _book_all_at_once([calendar] * THREADS)

    assert Counter(results) == {"booked": 1, "taken": THREADS - 1}, results
    assert StaffMeeting.objects.filter(calendar=calendar, status=BookingStatus.BOOKED).count() == 1


def test_the_same_time_in_different_calendars_all_succeed():
    department = DepartmentFactory(name="Ydelsescenter")
    calendars = [calendar_build(department=department) for _ in range(THREADS)]

    results = _book_all_at_once(calendars)

    assert Counter(results) == {"booked": THREADS}, results
    assert StaffMeeting.objects.active().filter(start=START).count() == THREADS


def _raw_meeting(calendar, start, **kwargs):
    return StaffMeeting(
        calendar=calendar,
        start=start,
        end=start + timedelta(minutes=45),
        blocked_until=start + timedelta(minutes=60),
        topic="Direkte i databasen",
        name="Borger",
        created_at=NOW,
        **kwargs,
    )


def test_the_exclusion_constraint_refuses_an_overlapping_insert():
    calendar = calendar_build()
    _raw_meeting(calendar, START).save()

    with pytest.raises(IntegrityError, match="staff_meeting_no_overlap"), transaction.atomic():
        # Starts inside the first meeting's pause: only the database checks here.
        _raw_meeting(calendar, START + timedelta(minutes=50)).save()

    # Touching is fine, cancelled meetings do not count, other calendars neither.
    _raw_meeting(calendar, START + timedelta(minutes=60)).save()
    _raw_meeting(calendar, START, status=BookingStatus.CANCELLED).save()
    _raw_meeting(calendar_build(department=calendar.department), START).save()
    assert StaffMeeting.objects.count() == 4
