"""Demo Kommune's 360-degree guidance: two caseworkers in Social og Sundhed
and Boliganvisningen with bookable meeting hours (Mon–Thu 9–12 and 13–15),
and one open plan, "Mistet job og skal flytte", with three actions (one
overdue) and a meeting in each department in the coming week.

Idempotent: `make run` calls it on every start. Users keep their password,
calendars and hours are created once, and the plan is created only when no
plan with its title exists (meetings only when it has none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

from django.db import transaction

from indgang.accounts.models import User
from indgang.accounts.services import staff_user_upsert
from indgang.booking.models import StaffCalendar, StaffCalendarHours
from indgang.booking.selectors import staff_slots_get
from indgang.catalogue.models import Department, Location, Weekday
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.guidance import services
from indgang.guidance.models import GuidancePlan
from indgang.guides.models import Guide

from . import data
from .services import StaffAccount, _random_password

PLAN_TITLE = "Mistet job og skal flytte"
MEETING_HOURS = [
    (weekday, opens, closes)
    for weekday in (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY)
    for opens, closes in ((time(9), time(12)), (time(13), time(15)))
]


@dataclass(frozen=True)
class Caseworker:
    username: str
    first_name: str
    last_name: str
    department: str  # slug
    place: str


CASEWORKERS = (
    Caseworker(
        "socialraadgiver",
        "Lene",
        "Holm",
        data.SOCIAL_HEALTH,
        "Rådhuset, Social og Sundhed, lokale 2.14",
    ),
    Caseworker(
        "boligraadgiver",
        "Karim",
        "Nielsen",
        data.HOUSING,
        "Rådhuset, Boliganvisningen, 1. sal",
    ),
)


@dataclass
class GuidanceSeedResult:
    staff: list[StaffAccount] = field(default_factory=list)
    calendars: int = 0  # created
    plans: int = 0  # created
    actions: int = 0  # created
    meetings: int = 0  # booked


def _caseworker(cw: Caseworker, password: str | None, result: GuidanceSeedResult):
    department = Department.objects.filter(slug=cw.department).first()
    if department is None:
        return None
    exists = User.objects.filter(username=cw.username).exists()
    new_password = None if exists else (password or _random_password())
    user, created = staff_user_upsert(
        username=cw.username,
        first_name=cw.first_name,
        last_name=cw.last_name,
        email=f"{cw.username}@{data.MUNICIPALITY_DOMAIN}",
        roles=[str(Role.BACK_OFFICE)],
        department=department,
        password=new_password,
    )
    result.staff.append(
        StaffAccount(
            username=user.username,
            full_name=user.get_full_name(),
            roles=(str(Role.BACK_OFFICE),),
            created=created,
            password=new_password if created else None,
        )
    )
    calendar, created = StaffCalendar.objects.get_or_create(
        user=user,
        defaults={
            "department": department,
            "location": Location.objects.filter(slug=data.TOWN_HALL).first(),
            "place": cw.place,
            "meeting_minutes": 45,
            "slot_step_minutes": 15,
            "buffer_minutes": 15,
            "reminder_hours_before": 24,
        },
    )
    result.calendars += created
    for weekday, opens, closes in MEETING_HOURS:
        StaffCalendarHours.objects.get_or_create(
            calendar=calendar, weekday=weekday, opens=opens, defaults={"closes": closes}
        )
    return calendar


def _first_free(calendar: StaffCalendar):
    tomorrow = clock.today() + timedelta(days=1)
    slots = staff_slots_get(
        calendar=calendar, date_from=tomorrow, date_to=tomorrow + timedelta(days=7)
    )
    return slots[0].start if slots else None


def _plan(calendars: list[StaffCalendar], result: GuidanceSeedResult) -> None:
    by = User.objects.filter(username="skranke").first()
    if by is None or len(calendars) < 2:
        return
    plan = GuidancePlan.objects.filter(title=PLAN_TITLE).first()
    if plan is None:
        plan = services.plan_open(
            by=by,
            title=PLAN_TITLE,
            citizen_name="Lise Andersen",
            phone="20 30 40 50",
            email="lise.andersen@example.org",
            notes="Opsagt fra sit job i oktober. Kan ikke betale huslejen og vil flytte "
            "til en mindre bolig. To børn i skolealderen.",
            # The moving guide, when seed_demo has written it (it runs first).
            guide=Guide.objects.filter(slug="flytning").first(),
        )
        result.plans += 1
        social, housing = calendars
        today = clock.today()
        for title, department, assignee, deadline in (
            ("Søg kontanthjælp og send lønsedler", social.department, social.user, -3),
            ("Skriv op til en mindre almen bolig", housing.department, housing.user, 7),
            ("Søg boligstøtte, når den nye bolig er fundet", None, None, 30),
        ):
            services.action_add(
                plan=plan,
                by=by,
                title=title,
                department=department,
                assignee=assignee,
                deadline=today + timedelta(days=deadline),
            )
            result.actions += 1
    if not plan.is_open or plan.meetings.exists():
        return
    for calendar, topic in zip(
        calendars, ("Kontanthjælp og økonomi", "Boligsøgning og venteliste"), strict=False
    ):
        start = _first_free(calendar)
        if start is not None:
            services.meeting_book(plan=plan, by=by, calendar=calendar, start=start, topic=topic)
            result.meetings += 1


@transaction.atomic
def demo_guidance_seed(*, password: str | None = None) -> GuidanceSeedResult:
    result = GuidanceSeedResult()
    calendars = [c for cw in CASEWORKERS if (c := _caseworker(cw, password, result)) is not None]
    _plan(calendars, result)
    return result
