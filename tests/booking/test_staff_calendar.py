"""Caseworkers' own meeting calendars: free meeting times, booking and
cancelling meetings, retention, and the caseworker's page "Min mødekalender"."""

from datetime import UTC, date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from indgang.booking import selectors, services
from indgang.booking.errors import (
    BookingInThePast,
    BookingNotActive,
    NotASlot,
    SlotTaken,
    StaffCalendarNotBookable,
)
from indgang.booking.models import (
    StaffCalendar,
    StaffCalendarAbsence,
    StaffCalendarHours,
    StaffMeeting,
)
from indgang.catalogue import hours
from indgang.core import clock
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import DepartmentFactory
from tests.conftest import CPH, local

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 08:00 (winter time, UTC+1).
NOW = local(2026, 11, 23, 8, 0)
MONDAY = date(2026, 11, 23)
TUESDAY = date(2026, 11, 24)
WEEKDAYS_9_TO_12 = {d: [("09:00", "12:00")] for d in range(5)}


def calendar_build(
    *, user=None, department=None, weekly=None, roles=(Role.BACK_OFFICE,), **settings_
) -> StaffCalendar:
    """A caseworker's calendar: meetings of 45 min on a 15-min grid with a
    15-min pause, Monday–Friday 9–12 (unless `weekly` says otherwise), one
    hour's notice, 30 days ahead."""
    department = department or DepartmentFactory(name="Ydelsescenter")
    user = user or UserFactory(roles=[str(r) for r in roles], department=department)
    values = {
        "meeting_minutes": 45,
        "slot_step_minutes": 15,
        "buffer_minutes": 15,
        "min_notice_minutes": 60,
        "horizon_days": 30,
    }
    values.update(settings_)
    calendar = StaffCalendar.objects.create(user=user, department=department, **values)
    for weekday, spans in (weekly if weekly is not None else WEEKDAYS_9_TO_12).items():
        for opens, closes in spans:
            StaffCalendarHours.objects.create(
                calendar=calendar,
                weekday=weekday,
                opens=time.fromisoformat(opens),
                closes=time.fromisoformat(closes),
            )
    return calendar


def starts(calendar, day_from, day_to=None) -> list[str]:
    """Free starts as local "HH:MM" (or "YYYY-MM-DD HH:MM" over several days)."""
    slots = selectors.staff_slots_get(
        calendar=calendar, date_from=day_from, date_to=day_to or day_from
    )
    fmt = "%H:%M" if day_to is None else "%Y-%m-%d %H:%M"
    return [s.start.astimezone(CPH).strftime(fmt) for s in slots]


def book(calendar, start, **kwargs):
    kwargs.setdefault("topic", "Boligstøtte")
    kwargs.setdefault("name", "Jens Jensen")
    kwargs.setdefault("phone", "12 34 56 78")
    return services.staff_meeting_book(calendar=calendar, start=start, **kwargs)


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield NOW


ALL_TUESDAY = [
    "09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30",
    "10:45", "11:00", "11:15",
]  # fmt: skip


# --- Free times ------------------------------------------------------------------


def test_free_times_follow_the_weekly_hours_and_the_meeting_length():
    calendar = calendar_build()

    assert starts(calendar, TUESDAY) == ALL_TUESDAY  # the last 45-min meeting ends at 12
    assert starts(calendar, date(2026, 11, 28)) == []  # Saturday: no hours
    slot = selectors.staff_slots_get(calendar=calendar, date_from=TUESDAY, date_to=TUESDAY)[0]
    assert slot.end - slot.start == timedelta(minutes=45)


def test_two_intervals_on_one_day_each_give_times():
    calendar = calendar_build(weekly={1: [("09:00", "10:00"), ("13:00", "14:00")]})

    assert starts(calendar, TUESDAY) == ["09:00", "09:15", "13:00", "13:15"]


def test_minimum_notice_hides_the_first_times_today():
    calendar = calendar_build()

    with clock.frozen(at=local(2026, 11, 23, 8, 30)):
        assert starts(calendar, MONDAY)[0] == "09:30"
    with clock.frozen(at=local(2026, 11, 23, 11, 0)):
        assert starts(calendar, MONDAY) == []  # 11:15 is less than an hour away


def test_nothing_beyond_the_horizon():
    calendar = calendar_build(horizon_days=3)  # until Thursday 26 November

    free = starts(calendar, MONDAY, date(2026, 12, 4))
    assert free[-1] == "2026-11-26 11:15"
    assert not any(s.startswith("2026-11-27") for s in free)


def test_no_times_on_danish_public_holidays():
    calendar = calendar_build()
    christmas = date(2026, 12, 24)  # Thursday; 25th Friday
    assert hours.holiday_name(christmas) and hours.holiday_name(date(2026, 12, 25))

    free = starts(calendar, date(2026, 12, 21), date(2026, 12, 25))
    assert {s[:10] for s in free} == {"2026-12-21", "2026-12-22", "2026-12-23"}
    assert selectors.staff_free_days_get(
        calendar=calendar, date_from=date(2026, 12, 21), date_to=date(2026, 12, 25)
    ) == [date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23)]


def test_absence_blocks_its_time():
    calendar = calendar_build()
    StaffCalendarAbsence.objects.create(
        calendar=calendar, starts_at=local(2026, 11, 24, 10, 0), ends_at=local(2026, 11, 24, 11, 0)
    )
    StaffCalendarAbsence.objects.create(  # a whole week's holiday
        calendar=calendar, starts_at=local(2026, 11, 30, 0, 0), ends_at=local(2026, 12, 5, 0, 0)
    )

    # A meeting and its pause must end by 10:00 or begin at 11:00.
    assert starts(calendar, TUESDAY) == ["09:00", "11:00", "11:15"]
    assert (
        selectors.staff_free_days_get(
            calendar=calendar, date_from=date(2026, 11, 30), date_to=date(2026, 12, 4)
        )
        == []
    )


def test_a_booked_meeting_and_its_pause_take_their_time():
    calendar = calendar_build()

    book(calendar, local(2026, 11, 24, 10, 0))

    # Blocked 10:00–11:00 (45 min + 15 min pause): a meeting before it must end
    # and have its pause by 10:00.
    assert starts(calendar, TUESDAY) == ["09:00", "11:00", "11:15"]


def test_free_days_lists_days_with_a_time():
    calendar = calendar_build(weekly={1: [("09:00", "09:45")]})  # one time each Tuesday
    book(calendar, local(2026, 11, 24, 9, 0))

    assert selectors.staff_free_days_get(
        calendar=calendar, date_from=MONDAY, date_to=date(2026, 12, 8)
    ) == [date(2026, 12, 1), date(2026, 12, 8)]


def test_an_inactive_calendar_has_no_times_and_is_not_bookable():
    calendar = calendar_build(is_active=False)

    assert starts(calendar, TUESDAY) == []
    assert calendar not in selectors.staff_calendars_bookable()
    with pytest.raises(StaffCalendarNotBookable):
        book(calendar, local(2026, 11, 24, 9, 0))


def test_bookable_calendars_by_department():
    social = DepartmentFactory(name="Socialafdelingen")
    jobs = DepartmentFactory(name="Jobcentret")
    a = calendar_build(department=social)
    b = calendar_build(department=jobs)

    assert set(selectors.staff_calendars_bookable()) == {a, b}
    assert list(selectors.staff_calendars_bookable(department=jobs)) == [b]


# --- DST: the grid counts real minutes ---------------------------------------------


def _hourly_sunday_night_calendar():
    # Sunday 01:00–04:00 local, one-hour meetings, hourly, no pause.
    return calendar_build(
        weekly={6: [("01:00", "04:00")]},
        meeting_minutes=60,
        slot_step_minutes=60,
        buffer_minutes=0,
        horizon_days=400,
    )


def test_fall_back_night_has_four_real_hours():
    calendar = _hourly_sunday_night_calendar()
    day = date(2026, 10, 25)  # clocks go back 03:00 → 02:00

    with clock.frozen(at=local(2026, 10, 1, 8, 0)):
        slots = selectors.staff_slots_get(calendar=calendar, date_from=day, date_to=day)

    assert [s.start.astimezone(UTC).strftime("%H:%M") for s in slots] == [
        "23:00",
        "00:00",
        "01:00",
        "02:00",
    ]
    assert all(s.end - s.start == timedelta(hours=1) for s in slots)


def test_spring_forward_night_has_two_real_hours_and_books_in_utc():
    calendar = _hourly_sunday_night_calendar()
    day = date(2026, 3, 29)  # clocks go forward 02:00 → 03:00

    with clock.frozen(at=local(2026, 3, 1, 8, 0)):
        slots = selectors.staff_slots_get(calendar=calendar, date_from=day, date_to=day)
        assert [s.start.astimezone(CPH).strftime("%H:%M") for s in slots] == ["01:00", "03:00"]
        meeting = book(calendar, slots[0].start.astimezone(CPH))

    assert meeting.end - meeting.start == timedelta(hours=1)
    assert meeting.end.astimezone(CPH).strftime("%H:%M") == "03:00"


# --- Booking and cancelling ---------------------------------------------------------


def test_book_takes_the_time_and_cancel_frees_it():
    calendar = calendar_build()
    clerk = UserFactory(roles=[Role.FRONT_DESK])

    meeting = book(
        calendar,
        local(2026, 11, 24, 9, 0),
        email=" jens@example.dk ",
        reference="guidance.plan:7",
        created_by=clerk,
    )

    assert meeting.is_active
    assert meeting.end == local(2026, 11, 24, 9, 45)
    assert meeting.blocked_until == local(2026, 11, 24, 10, 0)
    assert (meeting.name, meeting.phone, meeting.email) == (
        "Jens Jensen",
        "+4512345678",
        "jens@example.dk",
    )
    assert meeting.reference == "guidance.plan:7" and meeting.created_by == clerk
    assert "09:00" not in starts(calendar, TUESDAY)

    services.staff_meeting_cancel(meeting=meeting, by=clerk)

    meeting.refresh_from_db()
    assert not meeting.is_active and meeting.cancelled_at == NOW
    assert starts(calendar, TUESDAY) == ALL_TUESDAY


def test_booking_the_same_time_twice_is_slot_taken():
    calendar = calendar_build()
    book(calendar, local(2026, 11, 24, 9, 0))

    with pytest.raises(SlotTaken):
        book(calendar, local(2026, 11, 24, 9, 0), name="Anden Borger")
    with pytest.raises(SlotTaken):  # inside the first meeting's pause
        book(calendar, local(2026, 11, 24, 9, 15), name="Anden Borger")
    assert StaffMeeting.objects.count() == 1


def test_another_calendar_at_the_same_time_is_free():
    a = calendar_build()
    b = calendar_build(department=a.department)

    book(a, local(2026, 11, 24, 9, 0))
    book(b, local(2026, 11, 24, 9, 0))

    assert StaffMeeting.objects.active().count() == 2


def test_absence_makes_the_time_slot_taken():
    calendar = calendar_build()
    StaffCalendarAbsence.objects.create(
        calendar=calendar, starts_at=local(2026, 11, 24, 9, 0), ends_at=local(2026, 11, 24, 9, 30)
    )

    with pytest.raises(SlotTaken):
        book(calendar, local(2026, 11, 24, 9, 0))


@pytest.mark.parametrize(
    "start",
    [
        local(2026, 11, 24, 9, 5),  # off the 15-minute grid
        local(2026, 11, 24, 11, 30),  # would end after 12:00
        local(2026, 11, 24, 13, 0),  # outside the hours
        local(2026, 11, 23, 8, 45),  # too soon (an hour's notice) and before the hours
        local(2026, 11, 23, 9, 0) - timedelta(days=7),  # in the past
        local(2026, 12, 24, 9, 0),  # Christmas Eve
        local(2027, 1, 5, 9, 0),  # beyond 30 days
    ],
)
def test_not_a_slot(start):
    calendar = calendar_build()

    with pytest.raises(NotASlot):
        book(calendar, start)
    assert not StaffMeeting.objects.exists()


def test_naive_start_is_refused():
    calendar = calendar_build()

    with pytest.raises(ValueError):
        book(calendar, datetime(2026, 11, 24, 9, 0))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "Jens 010203-1234"}, "name"),
        ({"phone": "12"}, "phone"),
        ({"email": "ikke-en-adresse"}, "email"),
        ({"topic": ""}, "topic"),
    ],
)
def test_contact_and_topic_are_validated(fields, field):
    calendar = calendar_build()

    with pytest.raises(ValidationError) as exc:
        book(calendar, local(2026, 11, 24, 9, 0), **fields)

    assert field in exc.value.message_dict
    assert not StaffMeeting.objects.exists()


def test_phone_and_email_may_both_be_empty():
    calendar = calendar_build()

    meeting = book(calendar, local(2026, 11, 24, 9, 0), phone="", email="")

    assert meeting.pk and meeting.phone == "" and meeting.email == ""


def test_cancel_twice_and_cancel_after_the_start_are_refused():
    calendar = calendar_build()
    meeting = book(calendar, local(2026, 11, 24, 9, 0))
    services.staff_meeting_cancel(meeting=meeting)

    with pytest.raises(BookingNotActive):
        services.staff_meeting_cancel(meeting=meeting)

    other = book(calendar, local(2026, 11, 24, 10, 0))
    with clock.frozen(at=local(2026, 11, 24, 10, 5)), pytest.raises(BookingInThePast):
        services.staff_meeting_cancel(meeting=other)


def test_meetings_for_the_caseworker_are_their_own_upcoming_active_ones():
    calendar = calendar_build()
    other = calendar_build(department=calendar.department)
    later = book(calendar, local(2026, 11, 25, 9, 0))
    first = book(calendar, local(2026, 11, 24, 9, 0))
    services.staff_meeting_cancel(meeting=book(calendar, local(2026, 11, 26, 9, 0)))
    book(other, local(2026, 11, 24, 9, 0))

    assert list(selectors.staff_meetings_for(user=calendar.user)) == [first, later]
    with clock.frozen(at=local(2026, 11, 24, 10, 0)):  # the first has ended
        assert list(selectors.staff_meetings_for(user=calendar.user)) == [later]
        assert list(selectors.staff_meetings_for(user=calendar.user, date_from=TUESDAY)) == [
            first,
            later,
        ]


# --- Retention ---------------------------------------------------------------------


@override_settings(BOOKING_RETENTION_DAYS=30)
def test_old_meetings_lose_the_citizens_personal_data():
    calendar = calendar_build()
    old = book(calendar, local(2026, 11, 24, 9, 0), email="jens@example.dk")
    new = book(calendar, local(2026, 12, 22, 9, 0), name="Mette Hansen")
    out = StringIO()

    with clock.frozen(at=local(2026, 12, 25, 12, 0)):  # 31 days after the first
        call_command("anonymise_old_bookings", stdout=out)

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.name, old.phone, old.email) == ("", "", "")
    assert old.anonymised_at is not None
    assert old.topic == "Boligstøtte" and old.start == local(2026, 11, 24, 9, 0)
    assert new.name == "Mette Hansen" and new.anonymised_at is None
    assert "1 møder med sagsbehandlere" in out.getvalue()


def test_retention_service_counts_once():
    calendar = calendar_build()
    book(calendar, local(2026, 11, 24, 9, 0))

    with clock.frozen(at=local(2026, 11, 27, 12, 0)):
        assert services.staff_meetings_anonymise_old(older_than_days=2) == 1
        assert services.staff_meetings_anonymise_old(older_than_days=2) == 0


# --- The caseworker's page "Min mødekalender" --------------------------------------

PAGE = "/personale/moedekalender/"


def test_page_url_name():
    assert reverse("booking:my_calendar") == PAGE


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CONTACT_CENTRE])
def test_other_roles_get_403(client, role):
    client.force_login(UserFactory(roles=[role]))

    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"action": "add_hours"}).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("role", [Role.BACK_OFFICE, Role.MANAGER])
def test_caseworker_without_calendar_gets_one_when_saving_hours(client, role):
    department = DepartmentFactory(name="Ydelsescenter")
    user = UserFactory(roles=[role], department=department)
    client.force_login(user)
    assert "ingen mødekalender" in client.get(PAGE).content.decode()

    response = client.post(
        PAGE, {"action": "add_hours", "weekday": "1", "opens": "09:00", "closes": "11:00"}
    )

    assert response.status_code == 302 and response["Location"] == PAGE
    calendar = StaffCalendar.objects.get(user=user)
    assert calendar.department == department and calendar.is_active
    page = client.get(PAGE).content.decode()
    assert "Mødetiden er tilføjet." in page
    assert "tirsdag 09.00–11.00" in page.lower()
    assert selectors.staff_free_days_get(calendar=calendar, date_from=MONDAY, date_to=TUESDAY) == [
        TUESDAY
    ]


def test_caseworker_without_department_is_told_and_gets_no_calendar(client):
    user = UserFactory(roles=[Role.BACK_OFFICE])
    client.force_login(user)
    assert "ikke tilknyttet en afdeling" in client.get(PAGE).content.decode()

    response = client.post(
        PAGE, {"action": "add_hours", "weekday": "1", "opens": "09:00", "closes": "11:00"}
    )

    assert response.status_code == 400
    assert "ikke tilknyttet en afdeling" in response.content.decode()
    assert not StaffCalendar.objects.exists()


def test_bad_hours_are_explained_and_nothing_is_saved(client):
    calendar = calendar_build(weekly={1: [("09:00", "12:00")]})
    client.force_login(calendar.user)

    response = client.post(
        PAGE, {"action": "add_hours", "weekday": "1", "opens": "11:00", "closes": "10:00"}
    )
    assert response.status_code == 400
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in response.content.decode()

    response = client.post(
        PAGE, {"action": "add_hours", "weekday": "1", "opens": "11:00", "closes": "13:00"}
    )
    assert response.status_code == 400
    assert "overlapper" in response.content.decode()
    assert calendar.hours.count() == 1


def test_remove_hours(client):
    calendar = calendar_build(weekly={1: [("09:00", "12:00")], 3: [("13:00", "15:00")]})
    client.force_login(calendar.user)
    tuesday = calendar.hours.get(weekday=1)

    response = client.post(PAGE, {"action": "remove_hours", "pk": str(tuesday.pk)})

    assert response.status_code == 302
    assert list(calendar.hours.values_list("weekday", flat=True)) == [3]
    assert starts(calendar, TUESDAY) == []


def test_cannot_remove_someone_elses_hours(client):
    mine = calendar_build()
    theirs = calendar_build(department=mine.department)
    client.force_login(mine.user)

    client.post(PAGE, {"action": "remove_hours", "pk": str(theirs.hours.first().pk)})

    assert theirs.hours.count() == 5
    assert "findes ikke længere" in client.get(PAGE).content.decode()


def test_add_and_remove_absence(client):
    calendar = calendar_build()
    client.force_login(calendar.user)

    response = client.post(
        PAGE,
        {
            "action": "add_absence",
            "starts_on": "2026-11-24",
            "starts_time": "",
            "ends_on": "2026-11-25",
            "ends_time": "10:00",
            "reason": "Kursus",
        },
    )

    assert response.status_code == 302
    absence = calendar.absences.get()
    assert (absence.starts_at, absence.ends_at) == (
        local(2026, 11, 24, 0, 0),
        local(2026, 11, 25, 10, 0),
    )
    assert starts(calendar, TUESDAY) == []
    assert starts(calendar, date(2026, 11, 25))[0] == "10:00"
    assert "Kursus" in client.get(PAGE).content.decode()

    client.post(PAGE, {"action": "remove_absence", "pk": str(absence.pk)})

    assert not calendar.absences.exists()
    assert starts(calendar, TUESDAY) == ALL_TUESDAY


def test_absence_must_end_after_it_begins(client):
    calendar = calendar_build()
    client.force_login(calendar.user)

    response = client.post(
        PAGE, {"action": "add_absence", "starts_on": "2026-11-25", "ends_on": "2026-11-24"}
    )

    assert response.status_code == 400
    assert "Fraværet skal slutte efter det begynder." in response.content.decode()
    assert not calendar.absences.exists()


def test_meeting_length_and_place(client):
    calendar = calendar_build()
    client.force_login(calendar.user)

    response = client.post(
        PAGE, {"action": "settings", "meeting_minutes": "60", "place": "Rådhuset, lokale 2.14"}
    )

    assert response.status_code == 302
    calendar.refresh_from_db()
    assert (calendar.meeting_minutes, calendar.place) == (60, "Rådhuset, lokale 2.14")
    assert starts(calendar, TUESDAY)[-1] == "11:00"  # a one-hour meeting ends at 12


def test_caseworker_sees_their_upcoming_meetings_with_the_citizen(client):
    calendar = calendar_build()
    other = calendar_build(department=calendar.department)
    book(calendar, local(2026, 11, 24, 9, 0), topic="Boligstøtte", name="Jens Jensen")
    book(other, local(2026, 11, 24, 9, 0), topic="Pension", name="Anna Andersen")
    client.force_login(calendar.user)

    page = client.get(PAGE).content.decode()

    assert "tirsdag 24. november 2026" in page
    assert "9.00–9.45" in page
    assert "Boligstøtte" in page and "Jens Jensen" in page
    assert "Anna Andersen" not in page and "Pension" not in page


def test_front_desk_cannot_see_a_caseworkers_meetings(client):
    calendar = calendar_build()
    book(calendar, local(2026, 11, 24, 9, 0))
    client.force_login(UserFactory(roles=[Role.FRONT_DESK]))

    response = client.get(PAGE)

    assert response.status_code == 403
    assert "Jens Jensen" not in response.content.decode()


# --- Admin -------------------------------------------------------------------------


def test_admin_shows_calendars_with_hours_and_meetings_read_only(client, make_staff):
    calendar = calendar_build()
    meeting = book(calendar, local(2026, 11, 24, 9, 0))
    client.force_login(make_staff(Role.MANAGER, is_staff=True))

    assert client.get(reverse("admin:booking_staffcalendar_changelist")).status_code == 200
    page = client.get(reverse("admin:booking_staffcalendar_change", args=[calendar.pk]))
    assert page.status_code == 200 and "Mødetider" in page.content.decode()
    listing = client.get(reverse("admin:booking_staffmeeting_changelist"))
    assert listing.status_code == 200 and "Boligstøtte" in listing.content.decode()
    assert client.get(reverse("admin:booking_staffmeeting_add")).status_code == 403

    client.post(
        reverse("admin:booking_staffmeeting_changelist"),
        {"action": "cancel_selected", "_selected_action": [meeting.pk]},
    )
    meeting.refresh_from_db()
    assert not meeting.is_active
