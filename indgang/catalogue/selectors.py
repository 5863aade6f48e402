"""Reads of the catalogue for pages, API and other apps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, QuerySet

from indgang.core import clock

from . import hours
from .models import (
    Channel,
    Department,
    Location,
    OpeningHours,
    PhoneHours,
    Service,
    ServiceChannel,
    SubjectArea,
)


def _weekly(rows) -> dict[int, list[tuple]]:
    weekly: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        weekly[row.weekday].append((row.opens, row.closes))
    return dict(weekly)


def location_schedule(*, location: Location) -> hours.Schedule:
    """The location's opening rules as plain data (uses prefetched relations)."""
    extra: dict[date, list[tuple]] = defaultdict(list)
    for row in location.extra_openings.all():
        extra[row.date].append((row.opens, row.closes))
    return hours.Schedule(
        weekly=_weekly(location.opening_hours.all()),
        closures=tuple(
            hours.Closed(c.starts_on, c.ends_on, c.from_time, c.to_time, c.reason)
            for c in location.closures.all()
        ),
        extra=dict(extra),
        closed_on_public_holidays=location.closed_on_public_holidays,
    )


def department_phone_schedule(*, department: Department) -> hours.Schedule:
    """A department's phone hours; public holidays close the phones too."""
    return hours.Schedule(weekly=_weekly(department.phone_hours.all()))


def location_hours_on(*, location: Location, day: date) -> hours.DayHours:
    """The location's opening hours on `day`."""
    return hours.hours_on(location_schedule(location=location), day)


def location_is_open(*, location: Location, at: datetime | None = None) -> bool:
    """Is the location open at `at` (default: now)?"""
    return hours.is_open(location_schedule(location=location), at or clock.now())


def location_week(*, location: Location, start: date | None = None, days: int = 7):
    """The location's hours for `days` days from `start` (default today)."""
    start = start or clock.today()
    schedule = location_schedule(location=location)
    return [hours.hours_on(schedule, start + timedelta(days=n)) for n in range(days)]


def location_next_opening(*, location: Location, after: datetime | None = None):
    return hours.next_opening(location_schedule(location=location), after or clock.now())


def department_phone_hours_on(*, department: Department, day: date) -> hours.DayHours:
    return hours.hours_on(department_phone_schedule(department=department), day)


def department_phone_open(*, department: Department, at: datetime | None = None) -> bool:
    return hours.is_open(department_phone_schedule(department=department), at or clock.now())


def location_list(*, active_only: bool = True) -> QuerySet[Location]:
    """Locations with everything their hours need prefetched."""
    qs = Location.objects.prefetch_related(
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        "closures",
        "extra_openings",
    )
    return qs.filter(is_active=True) if active_only else qs


def service_list(
    *,
    subject_area: str | None = None,
    channel: str | None = None,
    authority: str | None = None,
    include_archived: bool = False,
) -> QuerySet[Service]:
    """Services filtered by subject area, channel and authority slugs."""
    qs = Service.objects.select_related("subject_area", "authority", "department").prefetch_related(
        Prefetch("channels", queryset=ServiceChannel.objects.order_by("channel"))
    )
    if not include_archived:
        qs = qs.active()
    if subject_area:
        qs = qs.filter(subject_area__slug=subject_area)
    if authority:
        qs = qs.filter(authority__slug=authority)
    if channel:
        qs = qs.filter(pk__in=ServiceChannel.objects.filter(channel=channel).values("service"))
    return qs


def subject_area_list() -> QuerySet[SubjectArea]:
    return SubjectArea.objects.all()


@dataclass(frozen=True)
class ChannelOption:
    """One way a citizen can get a service done, best first."""

    channel: str
    label: str
    url: str = ""
    detail: str = ""


def service_channel_options(
    *, service: Service, phone_today: hours.DayHours | None = None
) -> list[ChannelOption]:
    """The service's channels, fastest first: self-service, then personal
    attendance (booking), then phone, then the rest."""
    offered = service.channel_set()
    options: list[ChannelOption] = []
    if Channel.SELF_SERVICE in offered and service.self_service_url:
        options.append(
            ChannelOption(Channel.SELF_SERVICE, Channel.SELF_SERVICE.label, service.self_service_url)
        )
    if Channel.PERSONAL in offered:
        options.append(ChannelOption(Channel.PERSONAL, Channel.PERSONAL.label))
    if Channel.PHONE in offered:
        options.append(ChannelOption(Channel.PHONE, Channel.PHONE.label))
    order = [c.value for c in Channel]
    for channel in sorted(
        offered - {Channel.SELF_SERVICE, Channel.PERSONAL, Channel.PHONE}, key=order.index
    ):
        options.append(ChannelOption(channel, Channel(channel).label))
    return options


def department_list() -> QuerySet[Department]:
    return Department.objects.prefetch_related(
        Prefetch("phone_hours", queryset=PhoneHours.objects.order_by("weekday", "opens"))
    )
