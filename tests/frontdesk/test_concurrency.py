"""Two desks pressing "call next" at once get two citizens, proven against
real PostgreSQL: row locks with SKIP LOCKED, each desk in its own thread and
database connection."""

import threading
from collections import Counter

import pytest
from django.db import connection, transaction

from indgang.core import clock
from indgang.frontdesk.errors import QueueEmpty
from indgang.frontdesk.models import Ticket, TicketStatus
from indgang.frontdesk.services import checkin_create, ticket_call_next, walkin_create
from tests.accounts.factories import UserFactory
from tests.booking.factories import office_build
from tests.conftest import local
from tests.frontdesk.factories import booking_make, ticket_make

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]

NOW = local(2026, 11, 23, 10, 0)  # Monday
DESKS = 8
TICKETS = 200


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks with SKIP LOCKED and real concurrency need PostgreSQL")


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


def _run_threads(target, n: int) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a desk hung"


def test_eight_desks_calling_at_once_call_every_citizen_exactly_once():
    office = office_build(desks=DESKS)
    staff = UserFactory()
    for i in range(TICKETS):
        services = [office.pas] if i % 3 else [office.pas, office.koerekort]
        ticket_make(office, due_at=NOW, services=services, number=f"A{i + 1:03d}")
    barrier = threading.Barrier(DESKS)
    calls: list[list[int]] = [[] for _ in range(DESKS)]
    errors: list[str] = []

    def desk_worker(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            while True:
                try:
                    calls[i].append(ticket_call_next(desk=office.desks[i], by=staff).pk)
                except QueueEmpty:
                    return
        except Exception as exc:  # reported, not swallowed: a crash fails the test
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    _run_threads(desk_worker, DESKS)

    assert errors == []
    called = [pk for desk_calls in calls for pk in desk_calls]
    twice = [pk for pk, n in Counter(called).items() if n > 1]
    assert len(called) == TICKETS
    assert len(set(called)) == TICKETS
    assert twice == []
    assert Ticket.objects.filter(status=TicketStatus.WAITING).count() == 0
    assert Ticket.objects.filter(status=TicketStatus.CALLED, call_count=1).count() == TICKETS
    # Every desk's calls are its own, and more than one desk did the work.
    for i, desk_calls in enumerate(calls):
        assert set(Ticket.objects.filter(pk__in=desk_calls).values_list("desk_id", flat=True)) <= {
            office.desks[i].pk
        }
    assert sum(1 for desk_calls in calls if desk_calls) > 1


def test_two_desks_pressing_call_next_at_the_same_moment_get_two_citizens():
    office = office_build(desks=2)
    staff = UserFactory()
    first = ticket_make(office, due_at=NOW, number="A001")
    second = ticket_make(office, due_at=NOW, number="A002")
    barrier = threading.Barrier(2)
    got: list = [None, None]

    def press(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            got[i] = ticket_call_next(desk=office.desks[i], by=staff).pk
        except Exception as exc:
            got[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    _run_threads(press, 2)

    assert sorted(got, key=str) == sorted([first.pk, second.pk])


def test_a_desk_does_not_wait_for_a_call_in_progress_it_takes_the_next_citizen():
    """Desk 1 has locked the first citizen and not yet committed; desk 2 is not
    blocked and gets the second (without SKIP LOCKED it would wait, then find
    nobody or the same row)."""
    office = office_build(desks=2)
    staff = UserFactory()
    first = ticket_make(office, due_at=NOW, number="A001")
    second = ticket_make(office, due_at=NOW, number="A002")
    locked = threading.Event()
    release = threading.Event()
    got: dict = {}

    def slow_desk(_i: int) -> None:
        try:
            with transaction.atomic():
                got["slow"] = ticket_call_next(desk=office.desks[0], by=staff).pk
                locked.set()
                assert release.wait(timeout=30)
        except Exception as exc:
            got["slow"] = f"{type(exc).__name__}: {exc}"
            locked.set()
        finally:
            connection.close()

    def fast_desk(_i: int) -> None:
        try:
            assert locked.wait(timeout=30)
            got["fast"] = ticket_call_next(desk=office.desks[1], by=staff).pk
        except Exception as exc:
            got["fast"] = f"{type(exc).__name__}: {exc}"
        finally:
            release.set()
            connection.close()

    slow = threading.Thread(target=slow_desk, args=(0,))
    fast = threading.Thread(target=fast_desk, args=(1,))
    slow.start()
    fast.start()
    fast.join(timeout=60)
    slow.join(timeout=60)

    assert not slow.is_alive() and not fast.is_alive()
    assert got == {"slow": first.pk, "fast": second.pk}


def test_walkins_entered_at_once_get_distinct_numbers():
    office = office_build(desks=2)
    staff = UserFactory()
    n = 12
    barrier = threading.Barrier(n)
    numbers: list = [None] * n

    def enter(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            numbers[i] = walkin_create(
                location=office.location, services=[office.pas], by=staff
            ).number
        except Exception as exc:
            numbers[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    _run_threads(enter, n)

    assert sorted(numbers, key=str) == [f"B{i:03d}" for i in range(1, n + 1)]


def test_a_double_tap_at_the_kiosk_gives_one_ticket_and_other_citizens_their_own():
    office = office_build(desks=5)
    same, *others = [
        booking_make(office, start=local(2026, 11, 23, 10, 15), desk=desk) for desk in office.desks
    ]
    codes = [same.code] * 4 + [b.code for b in others]
    barrier = threading.Barrier(len(codes))
    tickets: list = [None] * len(codes)

    def check_in(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            ticket = checkin_create(location=office.location, code=codes[i])
            tickets[i] = (ticket.pk, ticket.number)
        except Exception as exc:
            tickets[i] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    _run_threads(check_in, len(codes))

    assert all(isinstance(t, tuple) for t in tickets), tickets
    assert len(set(tickets[:4])) == 1  # the double taps: one ticket
    assert sorted(number for _pk, number in set(tickets)) == [f"A{i:03d}" for i in range(1, 6)]
    assert Ticket.objects.count() == 5
