"""Front-desk services and selectors: check-in, walk-ins, call next and the
ticket's life after the call, expeditions."""

from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from indgang.catalogue.models import Outcome
from indgang.core import clock
from indgang.frontdesk import signals
from indgang.frontdesk.errors import (
    DeskCannotServe,
    NotToday,
    QueueEmpty,
    TicketNotActive,
    TooEarly,
    TooLate,
    UnknownCode,
    WrongLocation,
)
from indgang.frontdesk.models import Expedition, Point, TicketKind, TicketStatus
from indgang.frontdesk.selectors import (
    called_tickets,
    expected_wait_minutes,
    first_free_time_today,
    queue_get,
    today_bookings,
)
from indgang.frontdesk.services import (
    checkin_create,
    point_contact_register,
    ticket_call_next,
    ticket_no_show,
    ticket_recall,
    ticket_served,
    ticket_transfer,
    walkin_create,
)
from tests.booking.factories import office_build
from tests.catalogue.factories import DeskFactory, LocationFactory
from tests.conftest import local
from tests.frontdesk.factories import KioskPolicyFactory, booking_make, ticket_make

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 10, 0)  # Monday; the office is open 10–15


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


@pytest.fixture
def office():
    return office_build(desks=2)


@pytest.fixture
def staff(make_staff):
    from indgang.core.permissions import Role

    return make_staff(Role.FRONT_DESK)


# --- Check-in -----------------------------------------------------------------------


def test_checkin_by_code_in_any_case_gives_a_numbered_ticket_due_at_the_booked_start(office):
    booking = booking_make(office, start=local(2026, 11, 23, 10, 15), code="K7MXQ4")

    ticket = checkin_create(location=office.location, code=" k7mxq4 ")

    assert ticket.number == "A001"
    assert ticket.kind == TicketKind.BOOKED
    assert ticket.status == TicketStatus.WAITING
    assert ticket.booking == booking
    assert ticket.due_at == booking.start
    assert ticket.arrived_at == NOW
    assert (ticket.phone, ticket.email) == (booking.phone, booking.email)
    assert list(ticket.services.all()) == [office.pas]
    assert ticket.day == NOW.date()


def test_checkin_numbers_count_up_per_location_and_day(office):
    first = booking_make(office, start=local(2026, 11, 23, 10, 15))
    second = booking_make(office, start=local(2026, 11, 23, 10, 30), desk=office.desks[1])

    assert checkin_create(location=office.location, code=first.code).number == "A001"
    assert checkin_create(location=office.location, code=second.code).number == "A002"


def test_checking_in_twice_returns_the_first_ticket(office):
    booking = booking_make(office, start=local(2026, 11, 23, 10, 15))

    first = checkin_create(location=office.location, code=booking.code)
    again = checkin_create(location=office.location, code=booking.code.lower())

    assert again.pk == first.pk
    assert again.number == "A001"


def test_checkin_refuses_an_unknown_or_cancelled_code(office):
    booking = booking_make(office, start=local(2026, 11, 23, 10, 15))
    booking.status = "cancelled"
    booking.save()

    with pytest.raises(UnknownCode):
        checkin_create(location=office.location, code="NOSUCH")
    with pytest.raises(UnknownCode):
        checkin_create(location=office.location, code=booking.code)


def test_checkin_refuses_a_booking_at_another_location(office):
    booking = booking_make(office, start=local(2026, 11, 23, 10, 15))
    elsewhere = LocationFactory()

    with pytest.raises(WrongLocation) as error:
        checkin_create(location=elsewhere, code=booking.code)
    assert "andet" in str(error.value.message)


def test_checkin_refuses_a_booking_on_another_day(office):
    booking = booking_make(office, start=local(2026, 11, 24, 10, 15))

    with pytest.raises(NotToday):
        checkin_create(location=office.location, code=booking.code)


@pytest.mark.parametrize(
    ("arrival", "error"),
    [
        (local(2026, 11, 23, 10, 29), TooEarly),  # 31 minutes early
        (local(2026, 11, 23, 10, 30), None),  # 30 minutes early: the first minute
        (local(2026, 11, 23, 11, 10), None),  # 10 minutes late: the last minute
        (local(2026, 11, 23, 11, 11), TooLate),
    ],
)
def test_checkin_window_comes_from_the_kiosk_policy(office, arrival, error):
    KioskPolicyFactory(location=office.location, early_minutes=30, late_minutes=10)
    booking = booking_make(office, start=local(2026, 11, 23, 11, 0))

    if error is None:
        assert checkin_create(location=office.location, code=booking.code, at=arrival).pk
    else:
        with pytest.raises(error):
            checkin_create(location=office.location, code=booking.code, at=arrival)


def test_too_early_says_when_checking_in_opens(office):
    booking = booking_make(office, start=local(2026, 11, 23, 11, 0))

    with pytest.raises(TooEarly) as error:
        checkin_create(location=office.location, code=booking.code)
    assert "10:30" in str(error.value.message)


def test_checkin_with_a_prefix_from_the_policy(office):
    KioskPolicyFactory(location=office.location, booked_prefix="T")
    booking = booking_make(office, start=local(2026, 11, 23, 10, 15))

    assert checkin_create(location=office.location, code=booking.code).number == "T001"


def test_checkin_by_phone_takes_todays_earliest_booking_not_yet_checked_in(office):
    later = booking_make(office, start=local(2026, 11, 23, 10, 20), phone="+4512345678")
    earlier = booking_make(
        office, start=local(2026, 11, 23, 10, 5), phone="+4512345678", desk=office.desks[1]
    )
    booking_make(office, start=local(2026, 11, 24, 10, 0), phone="+4512345678")

    first = checkin_create(location=office.location, phone="12 34 56 78")
    second = checkin_create(location=office.location, phone="+45 12345678")
    third = checkin_create(location=office.location, phone="12345678")

    assert first.booking == earlier
    assert second.booking == later
    assert third.pk == first.pk  # everything checked in: the earliest ticket again


def test_checkin_by_unknown_phone_is_refused(office):
    booking_make(office, start=local(2026, 11, 23, 10, 20), phone="+4512345678")

    with pytest.raises(UnknownCode):
        checkin_create(location=office.location, phone="87654321")
    with pytest.raises(UnknownCode):
        checkin_create(location=office.location, phone="not a phone")
    with pytest.raises(UnknownCode):
        checkin_create(location=office.location)


# --- Walk-ins -----------------------------------------------------------------------


def test_walkins_are_numbered_with_their_own_prefix_and_due_at_arrival(office, staff):
    first = walkin_create(location=office.location, services=[office.pas], by=staff)
    second = walkin_create(
        location=office.location, services=[office.koerekort], by=staff, phone="12345678"
    )

    assert (first.number, second.number) == ("B001", "B002")
    assert first.kind == TicketKind.WALK_IN
    assert first.due_at == first.arrived_at == NOW
    assert second.phone == "+4512345678"
    assert list(second.services.all()) == [office.koerekort]


def test_walkin_needs_a_desk_that_handles_every_service(office, staff):
    from indgang.booking.errors import NoDeskForServices
    from tests.catalogue.factories import ServiceFactory

    with pytest.raises(NoDeskForServices):
        walkin_create(location=office.location, services=[ServiceFactory()], by=staff)
    with pytest.raises(NoDeskForServices):
        walkin_create(location=office.location, services=[], by=staff)


def test_urgent_walkin_is_fitted_into_the_next_gap_at_a_capable_desk(staff):
    office = office_build(desks=1, min_notice_minutes=120)  # the notice is ignored
    booking_make(office, start=local(2026, 11, 23, 10, 0))  # 10:00–10:15
    booking_make(office, start=local(2026, 11, 23, 10, 15))  # 10:15–10:30
    booking_make(office, start=local(2026, 11, 23, 10, 45))  # 10:45–11:00

    pas = walkin_create(location=office.location, services=[office.pas], by=staff, urgent=True)
    koerekort = walkin_create(
        location=office.location,
        services=[office.koerekort],
        by=staff,
        urgent=True,
        at=local(2026, 11, 23, 10, 2),
    )

    assert pas.urgent
    assert pas.due_at == local(2026, 11, 23, 10, 30)  # 15 min fit 10:30–10:45
    # 10:30–10:45 is now the first urgent walk-in's: the next gap is after 11:00.
    assert koerekort.due_at == local(2026, 11, 23, 11, 0)
    assert koerekort.arrived_at == local(2026, 11, 23, 10, 2)


def test_urgent_walkins_share_the_gaps_of_several_desks(staff):
    office = office_build(desks=2)
    for desk in office.desks:
        booking_make(office, start=local(2026, 11, 23, 10, 0), desk=desk)  # 10:00–10:15

    first = walkin_create(location=office.location, services=[office.pas], by=staff, urgent=True)
    second = walkin_create(location=office.location, services=[office.pas], by=staff, urgent=True)
    third = walkin_create(location=office.location, services=[office.pas], by=staff, urgent=True)

    assert first.due_at == second.due_at == local(2026, 11, 23, 10, 15)  # one per desk
    assert third.due_at == local(2026, 11, 23, 10, 30)


def test_urgent_walkin_without_a_gap_today_is_due_at_arrival(staff):
    office = office_build(desks=1, hours={0: [("10:00", "10:30")]})
    booking_make(office, start=local(2026, 11, 23, 10, 0))
    booking_make(office, start=local(2026, 11, 23, 10, 15))

    ticket = walkin_create(location=office.location, services=[office.pas], by=staff, urgent=True)

    assert ticket.due_at == NOW
    assert first_free_time_today(location=office.location, services=[office.pas]) is None


# --- Call next ----------------------------------------------------------------------


def test_call_next_takes_the_earliest_due_then_the_earliest_ticket(office, staff):
    later = ticket_make(office, due_at=local(2026, 11, 23, 10, 20))
    earliest = ticket_make(office, due_at=local(2026, 11, 23, 10, 5))
    same_time_second = ticket_make(office, due_at=local(2026, 11, 23, 10, 5))

    called = [ticket_call_next(desk=office.desks[0], by=staff) for _ in range(3)]

    assert [t.pk for t in called] == [earliest.pk, same_time_second.pk, later.pk]
    first = called[0]
    assert first.status == TicketStatus.CALLED
    assert first.desk == office.desks[0]
    assert first.called_at == NOW
    assert first.called_by == staff
    assert first.call_count == 1
    with pytest.raises(QueueEmpty):
        ticket_call_next(desk=office.desks[0], by=staff)


def test_call_next_skips_citizens_the_desk_cannot_serve(office, staff):
    koerekort_only = DeskFactory(location=office.location, number=9, services=[office.koerekort])
    both = ticket_make(
        office, due_at=local(2026, 11, 23, 10, 0), services=[office.pas, office.koerekort]
    )
    pas = ticket_make(office, due_at=local(2026, 11, 23, 10, 1), services=[office.pas])
    koerekort = ticket_make(office, due_at=local(2026, 11, 23, 10, 2), services=[office.koerekort])

    assert ticket_call_next(desk=koerekort_only, by=staff).pk == koerekort.pk
    with pytest.raises(QueueEmpty):
        ticket_call_next(desk=koerekort_only, by=staff)
    assert ticket_call_next(desk=office.desks[0], by=staff).pk == both.pk
    assert ticket_call_next(desk=office.desks[0], by=staff).pk == pas.pk


def test_call_next_skips_citizen_already_called_and_other_locations_and_days(office, staff):
    ticket_make(office, due_at=local(2026, 11, 23, 9, 0), status=TicketStatus.CALLED)
    yesterday = ticket_make(office, due_at=local(2026, 11, 22, 10, 0))
    yesterday.day = NOW.date() - timedelta(days=1)
    yesterday.save()
    elsewhere = ticket_make(office, due_at=local(2026, 11, 23, 9, 30), number="E001")
    elsewhere.location = LocationFactory()
    elsewhere.save()
    waiting = ticket_make(office, due_at=local(2026, 11, 23, 10, 30))

    assert ticket_call_next(desk=office.desks[1], by=staff).pk == waiting.pk
    with pytest.raises(QueueEmpty):
        ticket_call_next(desk=office.desks[1], by=staff)


def test_call_next_announces_after_commit(office, staff, django_capture_on_commit_callbacks):
    ticket_make(office, due_at=NOW)
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(signals.location_group(office.location.pk), channel)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ticket_call_next(desk=office.desks[0], by=staff)

    assert callbacks
    assert async_to_sync(layer.receive)(channel) == {"type": "queue.changed"}


def test_queue_changed_swallows_channel_layer_errors(monkeypatch, caplog):
    class Broken:
        async def group_send(self, group, message):
            raise ConnectionError("redis is down")

    monkeypatch.setattr("channels.layers.get_channel_layer", lambda: Broken())

    signals.queue_changed(location_id=1)

    assert "channel layer" in caplog.text


# --- After the call -----------------------------------------------------------------


def test_transfer_puts_the_citizen_back_in_the_queue_for_that_desk_only(office, staff):
    ticket_make(office, due_at=NOW)
    called = ticket_call_next(desk=office.desks[0], by=staff)

    moved = ticket_transfer(ticket=called, desk=office.desks[1], by=staff)

    assert moved.status == TicketStatus.WAITING
    assert moved.transferred_to == office.desks[1]
    assert moved.desk is None
    with pytest.raises(QueueEmpty):
        ticket_call_next(desk=office.desks[0], by=staff)
    again = ticket_call_next(desk=office.desks[1], by=staff)
    assert again.pk == called.pk
    assert again.call_count == 2


def test_transfer_refuses_a_desk_that_cannot_serve_or_a_finished_ticket(office, staff):
    koerekort_only = DeskFactory(location=office.location, number=9, services=[office.koerekort])
    ticket = ticket_make(office, due_at=NOW, services=[office.pas])

    with pytest.raises(DeskCannotServe):
        ticket_transfer(ticket=ticket, desk=koerekort_only, by=staff)
    with pytest.raises(DeskCannotServe):
        ticket_transfer(ticket=ticket, desk=DeskFactory(services=[office.pas]), by=staff)
    ticket_no_show(ticket=ticket, by=staff)
    with pytest.raises(TicketNotActive):
        ticket_transfer(ticket=ticket, desk=office.desks[1], by=staff)


def test_recall_calls_the_same_citizen_again(office, staff):
    ticket_make(office, due_at=NOW)
    called = ticket_call_next(desk=office.desks[0], by=staff)

    with clock.frozen(at=NOW + timedelta(minutes=2)):
        recalled = ticket_recall(ticket=called, by=staff)

    assert recalled.call_count == 2
    assert recalled.status == TicketStatus.CALLED
    assert recalled.called_at == NOW


def test_recall_refuses_a_ticket_that_is_not_called(office, staff):
    waiting = ticket_make(office, due_at=NOW)

    with pytest.raises(TicketNotActive):
        ticket_recall(ticket=waiting, by=staff)


def test_no_show_finishes_the_ticket(office, staff):
    ticket_make(office, due_at=NOW)
    called = ticket_call_next(desk=office.desks[0], by=staff)

    gone = ticket_no_show(ticket=called, by=staff, at=NOW + timedelta(minutes=3))

    assert gone.status == TicketStatus.NO_SHOW
    assert gone.finished_at == NOW + timedelta(minutes=3)
    with pytest.raises(TicketNotActive):
        ticket_no_show(ticket=gone, by=staff)


def test_served_registers_an_expedition_with_wait_and_handling_seconds(
    office, staff, django_capture_on_commit_callbacks
):
    ticket_make(
        office,
        due_at=local(2026, 11, 23, 10, 0),
        arrived_at=local(2026, 11, 23, 9, 50),
        kind=TicketKind.BOOKED,
    )
    heard = []

    def receiver(sender, expedition_id, **kwargs):
        heard.append(expedition_id)

    signals.ticket_served.connect(receiver)
    try:
        called = ticket_call_next(desk=office.desks[0], by=staff, at=local(2026, 11, 23, 10, 7))
        with django_capture_on_commit_callbacks(execute=True):
            expedition = ticket_served(ticket=called, by=staff, at=local(2026, 11, 23, 10, 19))
    finally:
        signals.ticket_served.disconnect(receiver)

    called.refresh_from_db()
    assert called.status == TicketStatus.SERVED
    assert called.finished_at == local(2026, 11, 23, 10, 19)
    assert expedition.point == Point.DESK
    assert expedition.ticket == called
    assert expedition.desk == office.desks[0]
    assert expedition.location == office.location
    assert expedition.staff == staff
    assert expedition.wait_seconds == 7 * 60  # from the booked start, not the early arrival
    assert expedition.handling_seconds == 12 * 60
    assert expedition.subject_area == office.pas.subject_area
    assert expedition.outcome == Outcome.RESOLVED
    assert expedition.co_service is False
    assert heard == [expedition.pk]


def test_served_wait_counts_from_a_late_arrival_and_is_never_negative(office, staff):
    ticket_make(office, due_at=local(2026, 11, 23, 10, 0), arrived_at=local(2026, 11, 23, 10, 5))
    called = ticket_call_next(desk=office.desks[0], by=staff, at=local(2026, 11, 23, 10, 4))

    expedition = ticket_served(
        ticket=called,
        by=staff,
        service=office.koerekort,
        outcome=Outcome.CALLBACK,
        co_service=True,
        at=local(2026, 11, 23, 10, 10),
    )

    assert expedition.wait_seconds == 0
    assert expedition.handling_seconds == 6 * 60
    assert expedition.service == office.koerekort
    assert expedition.subject_area == office.koerekort.subject_area
    assert expedition.outcome == Outcome.CALLBACK
    assert expedition.co_service is True


def test_served_refuses_a_ticket_that_is_not_called(office, staff):
    waiting = ticket_make(office, due_at=NOW)

    with pytest.raises(TicketNotActive):
        ticket_served(ticket=waiting, by=staff)
    assert not Expedition.objects.exists()


@pytest.mark.parametrize(
    ("point", "co_service"), [(Point.CO_SERVICE, True), (Point.INFORMATION, False)]
)
def test_point_contact_is_one_expedition_without_a_ticket(office, staff, point, co_service):
    expedition = point_contact_register(
        location=office.location, point=point, by=staff, service=office.pas
    )

    assert expedition.point == point
    assert expedition.co_service is co_service
    assert expedition.ticket is None
    assert expedition.subject_area == office.pas.subject_area
    assert expedition.occurred_at == NOW
    assert expedition.staff == staff
    assert expedition.wait_seconds is None


# --- Selectors ----------------------------------------------------------------------


def test_expected_wait_counts_tickets_ahead_sharing_a_desk_over_the_capable_desks(office):
    for minute in range(4):
        ticket_make(office, due_at=NOW - timedelta(minutes=10 - minute))  # pas, 15 min
    mine = ticket_make(office, due_at=NOW)

    assert expected_wait_minutes(ticket=mine) == 4 * 15 // 2


def test_expected_wait_is_the_time_until_due_when_later(office):
    mine = ticket_make(office, due_at=NOW + timedelta(minutes=40))

    assert expected_wait_minutes(ticket=mine) == 40


def test_expected_wait_ignores_tickets_no_shared_desk_can_serve(office):
    koerekort_only = DeskFactory(location=office.location, number=9, services=[office.koerekort])
    ticket_make(office, due_at=NOW - timedelta(minutes=5), transferred_to=office.desks[0])
    mine = ticket_make(
        office, due_at=NOW, services=[office.koerekort], transferred_to=koerekort_only
    )

    assert expected_wait_minutes(ticket=mine) == 0


def test_queue_lists_waiting_and_called_with_waiting_minutes(office, staff):
    first = ticket_make(office, due_at=NOW, arrived_at=NOW - timedelta(minutes=12))
    second = ticket_make(office, due_at=NOW + timedelta(minutes=5), arrived_at=NOW)
    ticket_make(office, due_at=NOW, status=TicketStatus.SERVED)
    with clock.frozen(at=NOW + timedelta(minutes=3)):
        ticket_call_next(desk=office.desks[0], by=staff)

    queue = queue_get(location=office.location, at=NOW + timedelta(minutes=9))

    assert [t.pk for t in queue.waiting] == [second.pk]
    assert queue.waiting[0].waiting_minutes == 9
    assert [t.pk for t in queue.called] == [first.pk]
    assert queue.called[0].waiting_minutes == 15
    assert [t.pk for t in called_tickets(location=office.location)] == [first.pk]


def test_today_bookings_by_desk_with_their_tickets(office):
    checked_in = booking_make(office, start=local(2026, 11, 23, 10, 15))
    not_yet = booking_make(office, start=local(2026, 11, 23, 11, 0), desk=office.desks[1])
    booking_make(office, start=local(2026, 11, 24, 10, 0))
    ticket = checkin_create(location=office.location, code=checked_in.code)

    rows = today_bookings(location=office.location)

    assert [row.desk for row in rows] == office.desks
    assert [b.pk for b in rows[0].bookings] == [checked_in.pk]
    assert rows[0].bookings[0].checkin_ticket == ticket
    assert [b.pk for b in rows[1].bookings] == [not_yet.pk]
    assert rows[1].bookings[0].checkin_ticket is None


# --- Admin --------------------------------------------------------------------------


def test_admin_lists_tickets_and_marks_no_show_through_the_service(client, admin_user, office):
    ticket = ticket_make(office, due_at=NOW)
    client.force_login(admin_user)

    assert client.get("/admin/frontdesk/ticket/").status_code == 200
    assert client.get("/admin/frontdesk/expedition/").status_code == 200
    assert client.get("/admin/frontdesk/kioskpolicy/").status_code == 200
    response = client.post(
        "/admin/frontdesk/ticket/",
        {"action": "mark_no_show", "_selected_action": [ticket.pk]},
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.NO_SHOW
