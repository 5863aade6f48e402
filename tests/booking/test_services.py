"""The booking services against a real database: create, move, cancel and
anonymise, with their ledger rows (SMS and e-mail) in the same transaction."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from indgang.booking import selectors, services
from indgang.booking.errors import (
    BookingNotActive,
    NoDeskForServices,
    NotASlot,
    NotBookable,
    PhoneLimitReached,
    SlotTaken,
)
from indgang.booking.models import Booking, BookingStatus, DeskClosure, ServiceDuration
from indgang.catalogue.models import Closure
from indgang.core import clock
from indgang.notifications.models import Message, MessageChannel, MessageStatus
from tests.booking.factories import office_build
from tests.catalogue.factories import DeskFactory
from tests.conftest import CPH, local

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 09:00 (winter time, UTC+1). The test office is open
# Monday to Saturday 10:00–15:00.
NOW = local(2026, 11, 23, 9, 0)
WEDNESDAY_10 = local(2026, 11, 25, 10, 0)


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield NOW


def book(office, start, services_=None, **kwargs):
    kwargs.setdefault("name", "Mette Hansen")
    kwargs.setdefault("phone", "12 34 56 78")
    kwargs.setdefault("email", "mette@example.dk")
    return services.booking_create(
        services=services_ or [office.pas], location=office.location, start=start, **kwargs
    )


def messages(booking, **filters):
    return Message.objects.filter(reference=f"booking:{booking.pk}", **filters)


def kinds(booking, **filters) -> set[tuple[str, str, str]]:
    return {(m.kind, m.channel, m.status) for m in messages(booking, **filters)}


# --- Create ---------------------------------------------------------------------


def test_booking_create_picks_a_capable_desk_and_writes_confirmation_and_reminder():
    office = office_build(desks=0)
    DeskFactory(location=office.location, number=1, services=[office.koerekort])
    passport_desk = DeskFactory(location=office.location, number=2, services=[office.pas])

    booking = book(office, WEDNESDAY_10)

    booking.refresh_from_db()
    assert booking.desk == passport_desk
    assert booking.start == WEDNESDAY_10
    assert booking.end == WEDNESDAY_10 + timedelta(minutes=15)
    assert booking.blocked_until == booking.end
    assert booking.status == BookingStatus.BOOKED
    assert booking.channel == "web"
    assert booking.phone == "+4512345678"  # normalised
    assert len(booking.code) == 6 and set(booking.code) <= set(services.CODE_ALPHABET)
    assert len(booking.cancel_token) >= 40
    assert list(booking.services.all()) == [office.pas]
    assert kinds(booking) == {
        ("booking.confirmed", MessageChannel.SMS, MessageStatus.PENDING),
        ("booking.confirmed", MessageChannel.EMAIL, MessageStatus.PENDING),
        ("booking.reminder", MessageChannel.SMS, MessageStatus.PENDING),
        ("booking.reminder", MessageChannel.EMAIL, MessageStatus.PENDING),
    }
    for confirmation in messages(booking, kind="booking.confirmed"):
        assert confirmation.next_attempt_at == NOW
        assert booking.code in confirmation.body
        assert services.booking_manage_url(booking) in confirmation.body
    for reminder in messages(booking, kind="booking.reminder"):
        assert reminder.next_attempt_at == WEDNESDAY_10 - timedelta(hours=24)
    sms = messages(booking, kind="booking.confirmed", channel=MessageChannel.SMS).get()
    assert sms.recipient == "+4512345678"
    assert "25/11 kl. 10.00" in sms.body


def test_no_reminder_when_booked_less_than_24_hours_ahead():
    office = office_build(hours={d: [("08:00", "15:00")] for d in range(6)})

    booking = book(office, local(2026, 11, 24, 8, 45))  # 23 h 45 min ahead

    assert kinds(booking) == {
        ("booking.confirmed", MessageChannel.SMS, MessageStatus.PENDING),
        ("booking.confirmed", MessageChannel.EMAIL, MessageStatus.PENDING),
    }


def test_only_the_channels_given_get_a_message():
    office = office_build()

    booking = book(office, WEDNESDAY_10, phone="", email="mette@example.dk")

    assert {m.channel for m in messages(booking)} == {MessageChannel.EMAIL}


def test_two_services_last_their_sum_on_a_desk_that_handles_both():
    office = office_build(desks=0)
    DeskFactory(location=office.location, number=1, services=[office.pas])
    DeskFactory(location=office.location, number=2, services=[office.koerekort])
    both = DeskFactory(location=office.location, number=3, services=[office.pas, office.koerekort])

    booking = book(office, WEDNESDAY_10, [office.pas, office.koerekort])

    assert booking.desk == both
    assert booking.end - booking.start == timedelta(minutes=25)
    assert set(booking.services.all()) == {office.pas, office.koerekort}
    # The desk that handles both is now busy; nobody else can take both at 10:00.
    with pytest.raises(SlotTaken):
        book(office, WEDNESDAY_10, [office.pas, office.koerekort], phone="87654321")
    # One service alone still fits at desk 1 or 2.
    assert book(office, WEDNESDAY_10, [office.pas], phone="87654321").desk.number == 1


def test_services_no_desk_handles_together_are_refused():
    office = office_build(desks=0)
    DeskFactory(location=office.location, number=1, services=[office.pas])
    DeskFactory(location=office.location, number=2, services=[office.koerekort])

    with pytest.raises(NoDeskForServices):
        book(office, WEDNESDAY_10, [office.pas, office.koerekort])


def test_a_location_that_takes_no_bookings_is_refused():
    office = office_build(is_bookable=False)

    with pytest.raises(NotBookable):
        book(office, WEDNESDAY_10)


def test_service_duration_of_the_location_overrides_the_catalogue():
    office = office_build()
    ServiceDuration.objects.create(location=office.location, service=office.pas, minutes=30)

    booking = book(office, WEDNESDAY_10)

    assert booking.end == WEDNESDAY_10 + timedelta(minutes=30)
    # The last start of the day leaves room for the 30 minutes before 15:00.
    slots = selectors.free_slots_get(
        location=office.location,
        services=[office.pas],
        date_from=WEDNESDAY_10.date(),
        date_to=WEDNESDAY_10.date(),
    )
    assert slots[-1].start == local(2026, 11, 25, 14, 30)
    assert slots[-1].end == local(2026, 11, 25, 15, 0)


def test_buffer_keeps_the_desk_free_after_a_booking():
    office = office_build(desks=1, buffer_minutes=10)

    booking = book(office, WEDNESDAY_10)

    assert booking.end == WEDNESDAY_10 + timedelta(minutes=15)
    assert booking.blocked_until == WEDNESDAY_10 + timedelta(minutes=25)
    starts = {
        s.start
        for s in selectors.free_slots_get(
            location=office.location,
            services=[office.pas],
            date_from=WEDNESDAY_10.date(),
            date_to=WEDNESDAY_10.date(),
        )
    }
    assert local(2026, 11, 25, 10, 20) not in starts
    assert local(2026, 11, 25, 10, 25) in starts
    with pytest.raises(SlotTaken):
        book(office, local(2026, 11, 25, 10, 20), phone="87654321")
    assert book(office, local(2026, 11, 25, 10, 25), phone="87654321").start == local(
        2026, 11, 25, 10, 25
    )


def test_phone_number_cap_per_day():
    office = office_build(desks=3, max_bookings_per_phone_per_day=2)
    first = book(office, WEDNESDAY_10, phone="12 34 56 78")
    book(office, WEDNESDAY_10 + timedelta(hours=1), phone="+45 12345678")

    with pytest.raises(PhoneLimitReached) as caught:
        book(office, WEDNESDAY_10 + timedelta(hours=2), phone="12345678")
    assert caught.value.field == "phone"

    # Another day is fine, and a cancelled booking no longer counts.
    book(office, WEDNESDAY_10 + timedelta(days=1), phone="12345678")
    services.booking_cancel(booking=first)
    book(office, WEDNESDAY_10 + timedelta(hours=2), phone="12345678")


@pytest.mark.parametrize(
    "start",
    [
        pytest.param(local(2026, 11, 25, 10, 2), id="off-the-slot-step"),
        pytest.param(local(2026, 11, 25, 9, 0), id="before-opening"),
        pytest.param(local(2026, 11, 25, 14, 50), id="would-end-after-closing"),
        pytest.param(local(2026, 11, 29, 10, 0), id="closed-on-sunday"),
        pytest.param(local(2026, 11, 20, 10, 0), id="in-the-past"),
        pytest.param(local(2026, 11, 23, 8, 0), id="earlier-today"),
        pytest.param(local(2027, 1, 23, 10, 0), id="beyond-the-horizon"),
    ],
)
def test_a_start_that_can_never_be_a_slot_is_not_a_slot(start):
    office = office_build()

    with pytest.raises(NotASlot) as caught:
        book(office, start)
    assert caught.value.field == "start"
    assert Booking.objects.count() == 0


def test_minimum_notice_makes_a_start_too_soon_not_a_slot():
    office = office_build(min_notice_minutes=120)

    with pytest.raises(NotASlot):
        book(office, local(2026, 11, 23, 10, 30))  # 90 minutes from now
    assert book(office, local(2026, 11, 23, 11, 0)).start == local(2026, 11, 23, 11, 0)


def test_last_day_of_the_horizon_can_be_booked():
    office = office_build(horizon_days=10)

    booking = book(office, local(2026, 12, 3, 14, 45))

    assert booking.start == local(2026, 12, 3, 14, 45)
    with pytest.raises(NotASlot):
        book(office, local(2026, 12, 4, 10, 0), phone="87654321")


def test_slot_taken_when_every_desk_is_busy():
    office = office_build(desks=2)
    a = book(office, WEDNESDAY_10, phone="11111111")
    b = book(office, WEDNESDAY_10, phone="22222222")

    assert {a.desk, b.desk} == set(office.desks)
    with pytest.raises(SlotTaken):
        book(office, WEDNESDAY_10, phone="33333333")
    assert Booking.objects.count() == 2


def test_a_desk_closure_blocks_the_desk():
    office = office_build(desks=1)
    DeskClosure.objects.create(
        desk=office.desks[0],
        starts_at=local(2026, 11, 25, 9, 0),
        ends_at=local(2026, 11, 25, 12, 0),
        reason="Kursus",
    )

    slots = selectors.free_slots_get(
        location=office.location,
        services=[office.pas],
        date_from=WEDNESDAY_10.date(),
        date_to=WEDNESDAY_10.date(),
    )
    assert slots[0].start == local(2026, 11, 25, 12, 0)
    with pytest.raises(SlotTaken):
        book(office, WEDNESDAY_10)


def test_a_location_closure_blocks_everything():
    office = office_build()
    Closure.objects.create(
        location=office.location, starts_on=WEDNESDAY_10.date(), ends_on=WEDNESDAY_10.date()
    )

    assert (
        selectors.free_slots_get(
            location=office.location,
            services=[office.pas],
            date_from=WEDNESDAY_10.date(),
            date_to=WEDNESDAY_10.date(),
        )
        == []
    )
    with pytest.raises(NotASlot):
        book(office, WEDNESDAY_10)


def test_christmas_day_has_no_slots():
    office = office_build()  # open Mon–Sat; 25 December 2026 is a Friday
    days = selectors.free_days_get(
        location=office.location,
        services=[office.pas],
        date_from=local(2026, 12, 23, 0, 0).date(),
        date_to=local(2026, 12, 28, 0, 0).date(),
    )

    # 24, 25, 26 December are closed (juleaftensdag, juledag, 2. juledag); the 27th is a Sunday.
    assert sorted(d.isoformat() for d in days) == ["2026-12-23", "2026-12-28"]
    with pytest.raises(NotASlot):
        book(office, local(2026, 12, 25, 10, 0))


def test_free_slots_leave_out_booked_time():
    office = office_build(desks=1)
    book(office, WEDNESDAY_10)

    starts = [
        s.start.astimezone(CPH).strftime("%H:%M")
        for s in selectors.free_slots_get(
            location=office.location,
            services=[office.pas],
            date_from=WEDNESDAY_10.date(),
            date_to=WEDNESDAY_10.date(),
        )
    ]
    assert starts[:2] == ["10:15", "10:20"]
    assert starts[-1] == "14:45"


# --- Contact details ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        ({"name": "  "}, "name"),
        ({"phone": "", "email": ""}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"email": "ikke-en-adresse"}, "email"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Mette 010190-1234"}, "name"),
        ({"name": "Mette 0101901234"}, "name"),
    ],
)
def test_bad_contact_details_are_field_errors(contact, field):
    office = office_build()

    with pytest.raises(ValidationError) as caught:
        book(office, WEDNESDAY_10, **contact)

    assert field in caught.value.message_dict
    assert Booking.objects.count() == 0
    assert Message.objects.count() == 0


# --- Move and cancel -------------------------------------------------------------


def test_move_cancels_the_pending_reminder_and_queues_moved_and_a_new_reminder():
    office = office_build()
    booking = book(office, WEDNESDAY_10)
    new_start = local(2026, 11, 26, 11, 0)

    moved = services.booking_move(booking=booking, start=new_start)

    moved.refresh_from_db()
    assert moved.start == new_start
    assert moved.end == new_start + timedelta(minutes=15)
    reminders = messages(booking, kind="booking.reminder")
    assert sorted((m.status, m.next_attempt_at) for m in reminders) == sorted(
        [
            (MessageStatus.CANCELLED, WEDNESDAY_10 - timedelta(hours=24)),
            (MessageStatus.CANCELLED, WEDNESDAY_10 - timedelta(hours=24)),
            (MessageStatus.PENDING, new_start - timedelta(hours=24)),
            (MessageStatus.PENDING, new_start - timedelta(hours=24)),
        ]
    )
    assert kinds(booking, kind="booking.moved") == {
        ("booking.moved", MessageChannel.SMS, MessageStatus.PENDING),
        ("booking.moved", MessageChannel.EMAIL, MessageStatus.PENDING),
    }
    # The confirmation already queued is left alone.
    assert messages(booking, kind="booking.confirmed", status=MessageStatus.PENDING).count() == 2


def test_moving_there_and_back_queues_a_reminder_and_a_moved_message_each_time():
    office = office_build()
    booking = book(office, WEDNESDAY_10)
    thursday = local(2026, 11, 26, 11, 0)

    services.booking_move(booking=booking, start=thursday)
    services.booking_move(booking=booking, start=WEDNESDAY_10)
    services.booking_move(booking=booking, start=thursday)

    pending = messages(booking, kind="booking.reminder", status=MessageStatus.PENDING)
    assert [m.next_attempt_at for m in pending] == [thursday - timedelta(hours=24)] * 2
    assert messages(booking, kind="booking.moved").count() == 6  # 3 moves × SMS + e-mail


def test_move_may_overlap_its_own_old_time():
    office = office_build(desks=1)
    booking = book(office, WEDNESDAY_10)

    services.booking_move(booking=booking, start=WEDNESDAY_10 + timedelta(minutes=5))

    booking.refresh_from_db()
    assert booking.start == WEDNESDAY_10 + timedelta(minutes=5)


def test_move_to_a_taken_time_or_a_non_slot_changes_nothing():
    office = office_build(desks=1)
    booking = book(office, WEDNESDAY_10, phone="11111111")
    book(office, WEDNESDAY_10 + timedelta(hours=1), phone="22222222")

    with pytest.raises(SlotTaken):
        services.booking_move(booking=booking, start=WEDNESDAY_10 + timedelta(hours=1))
    with pytest.raises(NotASlot):
        services.booking_move(booking=booking, start=WEDNESDAY_10 + timedelta(minutes=3))

    booking.refresh_from_db()
    assert booking.start == WEDNESDAY_10
    assert not messages(booking, kind="booking.moved").exists()
    assert messages(booking, kind="booking.reminder", status=MessageStatus.PENDING).count() == 2


def test_cancel_cancels_the_reminder_and_queues_a_cancellation():
    office = office_build(desks=1)
    booking = book(office, WEDNESDAY_10)

    services.booking_cancel(booking=booking)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.cancelled_at == NOW
    assert kinds(booking, kind="booking.reminder") == {
        ("booking.reminder", MessageChannel.SMS, MessageStatus.CANCELLED),
        ("booking.reminder", MessageChannel.EMAIL, MessageStatus.CANCELLED),
    }
    assert kinds(booking, kind="booking.cancelled") == {
        ("booking.cancelled", MessageChannel.SMS, MessageStatus.PENDING),
        ("booking.cancelled", MessageChannel.EMAIL, MessageStatus.PENDING),
    }
    # The time is free again, and a booking cannot be cancelled twice.
    assert book(office, WEDNESDAY_10, phone="87654321").desk == booking.desk
    with pytest.raises(BookingNotActive):
        services.booking_cancel(booking=booking)
    with pytest.raises(BookingNotActive):
        services.booking_move(booking=booking, start=local(2026, 11, 26, 10, 0))


# --- Transactions and idempotency --------------------------------------------------


def test_an_error_after_booking_inside_an_outer_transaction_leaves_nothing():
    office = office_build()

    with pytest.raises(RuntimeError), transaction.atomic():
        book(office, WEDNESDAY_10)
        assert Message.objects.count() == 4
        raise RuntimeError("the caller failed after booking")

    assert Booking.objects.count() == 0
    assert Message.objects.count() == 0


def test_the_same_idempotency_key_returns_the_first_booking():
    office = office_build()

    first = book(office, WEDNESDAY_10, idempotency_key="api:abc")
    again = book(office, WEDNESDAY_10, idempotency_key="api:abc")

    assert first.replayed is False
    assert again.replayed is True
    assert again.pk == first.pk
    assert Booking.objects.count() == 1
    assert Message.objects.count() == 4
    other = book(office, WEDNESDAY_10, idempotency_key="api:def", phone="87654321")
    assert other.pk != first.pk


def test_booking_get_by_code_needs_the_right_token():
    office = office_build()
    booking = book(office, WEDNESDAY_10)

    assert selectors.booking_get_by_code(code=booking.code, token=booking.cancel_token) == booking
    assert (
        selectors.booking_get_by_code(code=booking.code.lower(), token=booking.cancel_token)
        == booking
    )
    assert selectors.booking_get_by_code(code=booking.code, token="forkert") is None
    assert selectors.booking_get_by_code(code=booking.code, token="") is None
    assert selectors.booking_get_by_code(code="AAAAAA", token=booking.cancel_token) is None
    assert services.booking_manage_url(booking).endswith(f"/{booking.cancel_token}")


# --- Retention -------------------------------------------------------------------


def _old_and_new(office):
    old = book(office, WEDNESDAY_10, phone="11111111")
    new = book(office, local(2026, 12, 30, 10, 0), phone="22222222")
    return old, new


@override_settings(BOOKING_RETENTION_DAYS=30)
def test_anonymise_old_clears_personal_data_after_the_retention_period():
    office = office_build()
    old, new = _old_and_new(office)

    with clock.frozen(at=WEDNESDAY_10 + timedelta(days=30, minutes=16)):
        assert services.bookings_anonymise_old() == 1
        assert services.bookings_anonymise_old() == 0  # idempotent

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.name, old.phone, old.email) == ("", "", "")
    assert old.anonymised_at is not None
    assert old.start == WEDNESDAY_10 and list(old.services.all()) == [office.pas]
    assert (new.name, new.phone) == ("Mette Hansen", "+4522222222")


@override_settings(BOOKING_RETENTION_DAYS=30)
def test_anonymise_command_runs_the_service():
    office = office_build()
    old, new = _old_and_new(office)
    out = StringIO()

    with clock.frozen(at=WEDNESDAY_10 + timedelta(days=31)):
        call_command("anonymise_old_bookings", stdout=out)

    old.refresh_from_db()
    assert old.name == "" and old.anonymised_at is not None
    assert "1" in out.getvalue()
    new.refresh_from_db()
    assert new.name == "Mette Hansen"


def test_anonymise_command_takes_days():
    office = office_build()
    old, _new = _old_and_new(office)
    out = StringIO()

    with clock.frozen(at=WEDNESDAY_10 + timedelta(days=3)):
        call_command("anonymise_old_bookings", "--days", "2", stdout=out)

    old.refresh_from_db()
    assert old.name == ""


# --- CPR -------------------------------------------------------------------------


def test_the_cpr_number_is_never_asked_for():
    from indgang.booking.api import serializers as api_serializers

    model_fields = {f.name for f in Booking._meta.get_fields()}
    assert not any("cpr" in name.lower() for name in model_fields), model_fields
    for serializer_class in (
        api_serializers.AppointmentCreateSerializer,
        api_serializers.AppointmentSerializer,
        api_serializers.AvailabilityQuerySerializer,
        api_serializers.CancelSerializer,
        api_serializers.CancelledSerializer,
    ):
        fields = set(serializer_class().fields)
        assert fields, serializer_class
        assert not any("cpr" in name.lower() for name in fields), (serializer_class, fields)


# --- DST -------------------------------------------------------------------------


def test_a_booking_in_the_repeated_hour_lasts_real_minutes():
    office = office_build(hours={6: [("01:00", "04:00")]})
    second_0230 = datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=CPH)  # 02:30 winter time

    with clock.frozen(at=local(2026, 10, 20, 12, 0)):
        booking = book(office, second_0230)

    assert booking.start == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert booking.end - booking.start == timedelta(minutes=15)
    booking.refresh_from_db()
    assert booking.end == datetime(2026, 10, 25, 1, 45, tzinfo=UTC)


def test_a_booking_across_the_spring_jump_lasts_real_minutes():
    office = office_build(hours={6: [("01:00", "04:00")]})

    with clock.frozen(at=local(2026, 3, 20, 12, 0)):
        booking = book(office, local(2026, 3, 29, 1, 45), [office.pas, office.koerekort])

    assert booking.end.astimezone(CPH).isoformat() == "2026-03-29T03:10:00+02:00"


def test_the_reminder_is_real_hours_before_across_a_clock_change():
    office = office_build(reminder_hours_before=48)
    monday = local(2026, 10, 26, 10, 0)  # the clocks went back on Sunday

    with clock.frozen(at=local(2026, 10, 20, 12, 0)):
        booking = book(office, monday)

    for reminder in messages(booking, kind="booking.reminder"):
        assert reminder.next_attempt_at == monday.astimezone(UTC) - timedelta(hours=48)
        assert reminder.next_attempt_at.astimezone(CPH).hour == 11  # Saturday 11:00 summer time


def test_moving_into_the_repeated_hour_lasts_real_minutes():
    office = office_build(hours={6: [("01:00", "04:00")]})

    with clock.frozen(at=local(2026, 10, 20, 12, 0)):
        booking = book(office, local(2026, 10, 25, 1, 0))
        services.booking_move(
            booking=booking, start=datetime(2026, 10, 25, 2, 45, fold=1, tzinfo=CPH)
        )

    booking.refresh_from_db()
    assert booking.end - booking.start == timedelta(minutes=15)
    assert booking.start == datetime(2026, 10, 25, 1, 45, tzinfo=UTC)


def test_a_booking_that_has_begun_can_be_neither_moved_nor_cancelled():
    from indgang.booking.errors import BookingInThePast

    office = office_build()
    booking = book(office, WEDNESDAY_10)
    with clock.frozen(at=WEDNESDAY_10 + timedelta(minutes=1)):
        with pytest.raises(BookingInThePast):
            services.booking_cancel(booking=booking)
        with pytest.raises(BookingInThePast):
            services.booking_move(booking=booking, start=local(2026, 11, 26, 10, 0))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
    assert booking.start == WEDNESDAY_10
    assert not messages(booking, kind="booking.cancelled").exists()


def test_messages_are_written_in_the_language_the_citizen_booked_in():
    office = office_build()
    english = book(office, WEDNESDAY_10, language="en")
    danish = book(office, local(2026, 11, 25, 11, 0), phone="87654321", language="da")

    sms_en = messages(english, kind="booking.confirmed", channel=MessageChannel.SMS).get().body
    sms_da = messages(danish, kind="booking.confirmed", channel=MessageChannel.SMS).get().body
    assert "25/11 at 10.00" in sms_en and "kl." not in sms_en
    assert "25/11 kl. 11.00" in sms_da
