"""Never two citizens on one desk-slot, proven under load against real
PostgreSQL: many clients POST for the last free time at the same instant."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from indgang.booking.models import Booking, BookingStatus
from indgang.core import clock
from tests.booking.factories import office_build
from tests.conftest import local

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

CLIENTS = 50
NOW = local(2026, 11, 23, 8, 0)  # Monday
# Wednesday 25 November: the office is open 10:00–11:00; 15-minute times.
DAY_HOURS = {2: [("10:00", "11:00")]}
LAST_FREE = local(2026, 11, 25, 10, 45)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint and real concurrency need PostgreSQL")


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


def _fill_all_but_the_last_time(office):
    """Book every desk at every time of the day except 10:45, bypassing the
    service (as old bookings would be)."""
    n = 0
    for desk in office.desks:
        for minutes in (0, 15, 30):
            start = local(2026, 11, 25, 10, minutes)
            n += 1
            Booking.objects.create(
                code=f"OLD{n:03d}",
                cancel_token=f"token-{n}",
                location=office.location,
                desk=desk,
                start=start,
                end=start + timedelta(minutes=15),
                blocked_until=start + timedelta(minutes=15),
                name="Tidligere borger",
                phone=f"+45200000{n:02d}",
                created_at=NOW,
            )


def _post_all_at_once(bodies: list[dict], headers: dict | None = None) -> list[tuple]:
    """POST every body from its own thread and client, released together by a
    barrier; each answer as (status code, JSON body)."""
    barrier = threading.Barrier(len(bodies))
    results: list[tuple] = [("not run", None)] * len(bodies)

    def worker(i: int) -> None:
        client = Client()
        try:
            barrier.wait(timeout=30)
            response = client.post(
                "/api/v1/appointments/",
                bodies[i],
                content_type="application/json",
                REMOTE_ADDR=f"192.0.2.{i + 1}",
                **(headers or {}),
            )
            results[i] = (response.status_code, response.json())
        except Exception as exc:  # reported, not swallowed: a crash fails the test
            results[i] = (f"{type(exc).__name__}: {exc}", None)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a request hung"
    return results


def _bodies(n: int) -> list[dict]:
    return [
        {
            "services": ["pas"],
            "location": "borgerservice-test",
            "start": LAST_FREE.isoformat(),
            "name": f"Borger {i}",
            "phone": f"+4530{i:06d}",
        }
        for i in range(n)
    ]


@pytest.mark.parametrize("desks", [1, 2])
def test_many_clients_for_the_last_free_time_get_one_booking_per_desk(desks):
    office = office_build(desks=desks, hours=DAY_HOURS, slot_step_minutes=15)
    _fill_all_but_the_last_time(office)

    results = _post_all_at_once(_bodies(CLIENTS))

    counts = Counter(status for status, _body in results)
    assert counts == {201: desks, 409: CLIENTS - desks}, counts
    booked = Booking.objects.filter(start=LAST_FREE, status=BookingStatus.BOOKED)
    assert booked.count() == desks
    assert {b.desk_id for b in booked} == {d.pk for d in office.desks}
    conflicts = [body for status, body in results if status == 409]
    assert all(
        b == {"detail": "Tiden er ikke længere ledig. Vælg en anden tid."} for b in conflicts
    )


def test_concurrent_retries_with_one_idempotency_key_make_one_booking():
    office_build(desks=3, hours=DAY_HOURS, slot_step_minutes=15)
    body = _bodies(1)[0]

    results = _post_all_at_once([body] * 20, headers={"HTTP_IDEMPOTENCY_KEY": "retry-storm"})

    assert Counter(status for status, _body in results) == {201: 20}, results
    assert Booking.objects.count() == 1
    assert {body["code"] for _status, body in results} == {Booking.objects.get().code}


def test_the_database_refuses_an_overlapping_booking_on_one_desk():
    office = office_build(desks=2, hours=DAY_HOURS, slot_step_minutes=15)
    desk, other_desk = office.desks
    start = local(2026, 11, 25, 10, 0)

    def create(code, desk, start, minutes=15, **extra):
        return Booking.objects.create(
            code=code,
            cancel_token=f"token-{code}",
            location=office.location,
            desk=desk,
            start=start,
            end=start + timedelta(minutes=minutes),
            blocked_until=start + timedelta(minutes=minutes),
            name="Borger",
            created_at=NOW,
            **extra,
        )

    create("AAAAAA", desk, start)
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        create("CCCCCC", desk, start + timedelta(minutes=10))
    # Back to back, another desk, or a cancelled booking: all allowed.
    create("DDDDDD", desk, start + timedelta(minutes=15))
    create("EEEEEE", other_desk, start + timedelta(minutes=5))
    create("FFFFFF", desk, start + timedelta(minutes=5), status=BookingStatus.CANCELLED)
    assert Booking.objects.count() == 4
