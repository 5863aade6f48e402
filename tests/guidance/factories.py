"""Caseworkers with meeting calendars, and plans, for the guidance tests."""

from __future__ import annotations

from datetime import time

from indgang.booking.models import StaffCalendar, StaffCalendarHours
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import DepartmentFactory, LocationFactory

# Mon–Thu 9–12 and 13–15, as the demo.
HOURS = [(d, time(9), time(12)) for d in range(4)] + [(d, time(13), time(15)) for d in range(4)]


def caseworker_build(*, department_name: str, first_name: str, last_name: str, place: str = ""):
    """A back-office user in a new department with a bookable calendar."""
    department = DepartmentFactory(name=department_name)
    user = UserFactory(
        roles=[str(Role.BACK_OFFICE)],
        first_name=first_name,
        last_name=last_name,
        department=department,
    )
    calendar = StaffCalendar.objects.create(
        user=user,
        department=department,
        location=LocationFactory(),
        place=place,
        meeting_minutes=45,
        slot_step_minutes=15,
        buffer_minutes=15,
        min_notice_minutes=60,
        reminder_hours_before=24,
    )
    for weekday, opens, closes in HOURS:
        StaffCalendarHours.objects.create(
            calendar=calendar, weekday=weekday, opens=opens, closes=closes
        )
    return calendar
