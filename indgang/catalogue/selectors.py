"""Reads of the catalogue for pages, API and other apps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from indgang.core import clock

from . import hours
from .models import (
    Authority,
    Channel,
    Department,
    Location,
    LocationKind,
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


def location_days(*, location: Location, start: date, days: int = 7) -> list[hours.DayHours]:
    """The location's hours for `days` days from `start`."""
    schedule = location_schedule(location=location)
    return [hours.hours_on(schedule, start + timedelta(days=n)) for n in range(days)]


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


def service_channel_options(*, service: Service) -> list[ChannelOption]:
    """The service's channels, fastest first: self-service, then personal
    attendance (booking), then phone, then the rest."""
    offered = service.channel_set()
    options: list[ChannelOption] = []
    if Channel.SELF_SERVICE in offered and service.self_service_url:
        url = service.self_service_url
        options.append(ChannelOption(Channel.SELF_SERVICE, Channel.SELF_SERVICE.label, url))
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


# --- Citizen pages ------------------------------------------------------------
# Everything the start, service and location pages show, computed once per
# request from a fixed number of queries: each location's and each department's
# schedule is built once and shared by every service that refers to it.


@dataclass(frozen=True)
class OpeningState:
    """A place's (or a phone line's) hours on one day and its state at `at`.

    `current_or_next` is the interval open at `at`, or when closed the next one
    to open (None when nothing opens within hours.next_opening's horizon).
    """

    day: hours.DayHours
    open_now: bool
    current_or_next: hours.Interval | None
    next_in_days: int | None  # 0: opens later today, 1: tomorrow, …


def _opening_state(schedule: hours.Schedule, at: datetime) -> OpeningState:
    local_day = at.astimezone(hours.DEFAULT_TZ).date()
    day = hours.hours_on(schedule, local_day)
    open_now = any(i.contains(at) for i in day.intervals)
    upcoming = hours.next_opening(schedule, at)
    next_in_days = (
        (upcoming.start.astimezone(hours.DEFAULT_TZ).date() - local_day).days
        if upcoming is not None
        else None
    )
    return OpeningState(
        day=day, open_now=open_now, current_or_next=upcoming, next_in_days=next_in_days
    )


@dataclass(frozen=True)
class LocationToday:
    location: Location
    state: OpeningState


@dataclass(frozen=True)
class ServiceEntry:
    """A service with its channels fastest first and, when it is offered by
    phone, the owning department's phone hours today."""

    service: Service
    options: list[ChannelOption]
    phone: OpeningState | None
    response_deadlines: dict[str, int | None]

    @property
    def other_options(self) -> list[ChannelOption]:
        """The options after self-service, personal attendance and phone."""
        main = {Channel.SELF_SERVICE, Channel.PERSONAL, Channel.PHONE}
        return [o for o in self.options if o.channel not in main]

    @property
    def option_rows(self) -> list[tuple[ChannelOption, int | None]]:
        """Each option with its response deadline in working days (None: at once)."""
        return [(o, self.response_deadlines.get(o.channel)) for o in self.options]


@dataclass(frozen=True)
class SubjectAreaEntry:
    subject_area: SubjectArea
    services: list[ServiceEntry]


@dataclass(frozen=True)
class StartPage:
    at: datetime
    subject_areas: list[SubjectAreaEntry]
    locations: list[LocationToday]  # every active location
    centres: list[LocationToday]  # where citizens attend in person


@dataclass(frozen=True)
class ServicePage:
    at: datetime
    entry: ServiceEntry
    centres: list[LocationToday]


@dataclass(frozen=True)
class LocationWeek:
    location: Location
    state: OpeningState
    days: list[hours.DayHours]


def _locations_today(at: datetime) -> tuple[list[LocationToday], list[LocationToday]]:
    """(every active location, the citizen-service centres) with today's hours.
    Without a citizen-service centre every location counts as one."""
    locations = [
        LocationToday(location=loc, state=_opening_state(location_schedule(location=loc), at))
        for loc in location_list()
    ]
    centres = [
        e for e in locations if e.location.kind == LocationKind.CITIZEN_SERVICE_CENTRE
    ] or locations
    return locations, centres


def _citizen_services() -> QuerySet[Service]:
    return service_list().prefetch_related(
        Prefetch(
            "department__phone_hours", queryset=PhoneHours.objects.order_by("weekday", "opens")
        )
    )


def _service_entry(
    service: Service, at: datetime, phone_states: dict[int, OpeningState]
) -> ServiceEntry:
    phone = None
    if service.department is not None and Channel.PHONE in service.channel_set():
        department = service.department
        if department.pk not in phone_states:
            phone_states[department.pk] = _opening_state(
                department_phone_schedule(department=department), at
            )
        phone = phone_states[department.pk]
    return ServiceEntry(
        service=service,
        options=service_channel_options(service=service),
        phone=phone,
        response_deadlines={sc.channel: sc.response_deadline_days for sc in service.channels.all()},
    )


def start_page_get(*, at: datetime | None = None) -> StartPage:
    """The citizen start page: active services grouped by subject area, each
    with its channels fastest first, and every location's hours today."""
    at = at or clock.now()
    phone_states: dict[int, OpeningState] = {}
    areas: list[SubjectAreaEntry] = []
    for service in _citizen_services():
        if not areas or areas[-1].subject_area.pk != service.subject_area_id:
            areas.append(SubjectAreaEntry(subject_area=service.subject_area, services=[]))
        areas[-1].services.append(_service_entry(service, at, phone_states))
    locations, centres = _locations_today(at)
    return StartPage(at=at, subject_areas=areas, locations=locations, centres=centres)


def service_page_get(*, slug: str, at: datetime | None = None) -> ServicePage | None:
    """One active service with all its channels; None when unknown or archived."""
    at = at or clock.now()
    service = _citizen_services().filter(slug=slug).first()
    if service is None:
        return None
    _, centres = _locations_today(at)
    return ServicePage(at=at, entry=_service_entry(service, at, {}), centres=centres)


def _location_week(location: Location, at: datetime, days: int) -> LocationWeek:
    schedule = location_schedule(location=location)
    start = at.astimezone(hours.DEFAULT_TZ).date()
    return LocationWeek(
        location=location,
        state=_opening_state(schedule, at),
        days=[hours.hours_on(schedule, start + timedelta(days=n)) for n in range(days)],
    )


def location_week_list(*, at: datetime | None = None, days: int = 7) -> list[LocationWeek]:
    """Every active location with its hours for `days` days from today."""
    at = at or clock.now()
    return [_location_week(loc, at, days) for loc in location_list()]


def location_week_get(
    *, slug: str, at: datetime | None = None, days: int = 7
) -> LocationWeek | None:
    """One active location with its hours for `days` days; None when unknown."""
    at = at or clock.now()
    location = location_list().filter(slug=slug).first()
    return _location_week(location, at, days) if location is not None else None


# --- Read API (catalogue.api) ---------------------------------------------------


def authority_list() -> QuerySet:
    """Every authority, the municipality first."""
    return Authority.objects.all()


def subject_area_list_counted() -> QuerySet[SubjectArea]:
    """Subject areas, each annotated with `service_count`: its services that
    are not archived."""
    return SubjectArea.objects.annotate(
        service_count=Count("services", filter=Q(services__is_archived=False))
    ).order_by("position", "name", "pk")


def location_list_open_on(*, day: date) -> list[Location]:
    """The active locations open on `day`, in `location_list()` order, each with
    `hours_on_day` set to its `hours.DayHours` for that day."""
    open_on_day = []
    for location in location_list():
        location.hours_on_day = hours.hours_on(location_schedule(location=location), day)
        if location.hours_on_day.is_open:
            open_on_day.append(location)
    return open_on_day
