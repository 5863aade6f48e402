"""The catalogue's database-backed answers to "is L open at T" and "what are
its hours on D", with closures and extra openings stored as rows."""

from datetime import date, time

from indgang.catalogue import selectors
from indgang.catalogue.models import Closure, ExtraOpening
from tests.catalogue.factories import DepartmentFactory, LocationFactory, PhoneHoursFactory
from tests.conftest import local


def test_location_is_open_follows_weekly_hours_saturday_and_holidays(db):
    town_hall = LocationFactory(hours={0: [("10:00", "15:00")], 5: [("10:00", "13:00")]})

    assert selectors.location_is_open(location=town_hall, at=local(2026, 11, 23, 10, 0))
    assert not selectors.location_is_open(location=town_hall, at=local(2026, 11, 23, 15, 0))
    assert selectors.location_is_open(location=town_hall, at=local(2026, 11, 28, 12, 59))
    # Second day of Christmas 2026 is a Saturday: closed.
    assert not selectors.location_is_open(location=town_hall, at=local(2026, 12, 26, 11, 0))


def test_stored_closure_and_extra_opening_change_the_day(db):
    town_hall = LocationFactory(hours={0: [("10:00", "15:00")]})
    Closure.objects.create(
        location=town_hall,
        starts_on=date(2026, 11, 30),
        ends_on=date(2026, 11, 30),
        reason="Personaledag",
    )
    ExtraOpening.objects.create(
        location=town_hall, date=date(2026, 11, 29), opens=time(10), closes=time(12)
    )

    monday = selectors.location_hours_on(location=town_hall, day=date(2026, 11, 30))
    assert not monday.is_open
    assert monday.closure_reason == "Personaledag"
    sunday = selectors.location_hours_on(location=town_hall, day=date(2026, 11, 29))
    assert sunday.is_open
    assert selectors.location_is_open(location=town_hall, at=local(2026, 11, 29, 11, 0))


def test_location_days_lists_a_week_from_the_start(db):
    town_hall = LocationFactory(hours={5: [("10:00", "13:00")]})

    days = selectors.location_days(location=town_hall, start=date(2026, 11, 23), days=7)

    assert days[0].day == date(2026, 11, 23)
    assert days[-1].day == date(2026, 11, 29)
    assert [d.is_open for d in days] == [False] * 5 + [True, False]


def test_department_phone_is_closed_outside_phone_hours_and_on_holidays(db):
    department = DepartmentFactory()
    PhoneHoursFactory(department=department, weekday=4, opens=time(9), closes=time(13))

    assert selectors.department_phone_open(department=department, at=local(2026, 11, 27, 9, 30))
    assert not selectors.department_phone_open(
        department=department, at=local(2026, 11, 27, 13, 30)
    )
    # Friday 25 December 2026 is Christmas Day.
    assert not selectors.department_phone_open(department=department, at=local(2026, 12, 25, 9, 30))
