"""Reads for booking: policies, durations and free slots."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db import connection
from django.db.models import BigIntegerField, Count, Func, Q, QuerySet

from indgang.catalogue import hours
from indgang.catalogue.models import Channel, Desk, Location, Service
from indgang.catalogue.selectors import location_list, location_schedule, service_list
from indgang.core import clock

from . import availability
from .errors import NoDeskForServices, NotBookable
from .models import (
    Booking,
    BookingPolicy,
    DeskClosure,
    ServiceDuration,
    StaffCalendar,
    StaffCalendarAbsence,
    StaffCalendarHours,
    StaffMeeting,
)

TZ = hours.DEFAULT_TZ  # Europe/Copenhagen, as settings.TIME_ZONE


def services_by_slugs(*, slugs: list[str]) -> dict[str, Service]:
    """The active services with these slugs, by slug (one light query)."""
    return {s.slug: s for s in Service.objects.active().filter(slug__in=slugs)}


def bookable_location_get(*, slug: str) -> Location | None:
    """The active location with this slug, with everything `slot_query_build`
    reads about it (hours, closures, extra openings, policy) loaded up front."""
    return location_list().select_related("booking_policy").filter(slug=slug).first()


def booking_policy_get(*, location: Location) -> BookingPolicy:
    """The location's policy, or an unsaved one with the defaults."""
    try:
        return location.booking_policy
    except BookingPolicy.DoesNotExist:
        return BookingPolicy(location=location)


def booking_length(*, location: Location, services: list[Service]) -> timedelta:
    """The sum of the services' minutes, with the location's overrides."""
    overrides = dict(
        ServiceDuration.objects.filter(location=location, service__in=services).values_list(
            "service_id", "minutes"
        )
    )
    return timedelta(minutes=sum(overrides.get(s.pk, s.minutes_per_expedition) for s in services))


def desks_for_services(*, location: Location, services: list[Service]) -> QuerySet[Desk]:
    """Active desks at the location that handle every one of the services."""
    ids = {s.pk for s in services}
    return (
        Desk.objects.filter(location=location, is_active=True)
        .annotate(skills=Count("services", filter=Q(services__in=ids), distinct=True))
        .filter(skills=len(ids))
        .order_by("number")
    )


@dataclass(frozen=True)
class SlotQuery:
    """Everything `free_slots` needs, loaded once."""

    request: availability.Request
    desks: list[availability.DeskPlan]


class EpochSeconds(Func):
    """Whole seconds since 1970-01-01 UTC of a timestamp column."""

    output_field = BigIntegerField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "EXTRACT(EPOCH FROM %(expressions)s)::bigint"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)


def _busy_rows(bookings: QuerySet[Booking]):
    """(desk id, start, blocked until) of each booking, unordered.

    A month of a busy location is thousands of rows; on PostgreSQL Django
    parses each timestamp in Python (several µs). Integers come through fast
    and become datetimes in C: about three times as fast.
    """
    if connection.vendor not in ("postgresql", "sqlite"):
        return bookings.order_by().values_list("desk_id", "start", "blocked_until")
    rows = bookings.order_by().values_list(
        "desk_id", EpochSeconds("start"), EpochSeconds("blocked_until")
    )
    at = datetime.fromtimestamp
    return ((desk_id, at(start, UTC), at(until, UTC)) for desk_id, start, until in rows)


def _schedule_spans(schedule: hours.Schedule, first: date, last: date) -> list[availability.Span]:
    """The open intervals of a weekly schedule from `first` to `last`, in order."""
    spans = []
    day = first
    while day <= last:
        spans += [
            availability.Span(i.start, i.end) for i in hours.hours_on(schedule, day).intervals
        ]
        day += timedelta(days=1)
    return spans


def _open_spans(location: Location, first: date, last: date) -> list[availability.Span]:
    return _schedule_spans(location_schedule(location=location), first, last)


def slot_query_build(
    *,
    location: Location,
    services: list[Service],
    date_from: date,
    date_to: date,
    exclude_booking: Booking | None = None,
    at: datetime | None = None,
) -> SlotQuery:
    """Load opening hours, capable desks and their busy time for the period."""
    policy = booking_policy_get(location=location)
    if not policy.is_bookable:
        raise NotBookable
    desks = list(desks_for_services(location=location, services=services))
    if not desks:
        raise NoDeskForServices
    now = at or clock.now()
    today = now.astimezone(TZ).date()
    last_day = today + timedelta(days=policy.horizon_days)
    date_from = max(date_from, today)
    date_to = min(date_to, last_day)
    period_start, period_end = hours.period_instants(date_from, date_to)
    busy: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    # A booking fits inside one opening interval of one day, so it starts less
    # than a day (plus the buffer) before it stops blocking its desk. The lower
    # bound on `start` lets the (desk, start) index skip the desks' whole past.
    earliest_start = period_start - timedelta(days=1, minutes=policy.buffer_minutes)
    bookings = Booking.objects.active().filter(
        desk__in=desks,
        start__gte=earliest_start,
        start__lt=period_end,
        blocked_until__gt=period_start,
    )
    if exclude_booking is not None:
        bookings = bookings.exclude(pk=exclude_booking.pk)
    for desk_id, start, until in _busy_rows(bookings):
        busy[desk_id].append((start, until))
    closures = DeskClosure.objects.filter(
        desk__in=desks, starts_at__lt=period_end, ends_at__gt=period_start
    ).order_by()
    for desk_id, start, until in closures.values_list("desk_id", "starts_at", "ends_at"):
        busy[desk_id].append((start, until))
    request = availability.Request(
        open=_open_spans(location, date_from, date_to) if date_from <= date_to else [],
        length=booking_length(location=location, services=services),
        buffer=timedelta(minutes=policy.buffer_minutes),
        step=timedelta(minutes=policy.slot_step_minutes),
        earliest=now + timedelta(minutes=policy.min_notice_minutes),
        latest=hours.period_instants(last_day, last_day)[1],
    )
    return SlotQuery(
        request=request,
        desks=[availability.DeskPlan(desk_id=d.pk, busy=busy[d.pk]) for d in desks],
    )


def free_slots_get(
    *,
    location: Location,
    services: list[Service],
    date_from: date,
    date_to: date,
    exclude_booking: Booking | None = None,
    at: datetime | None = None,
) -> list[availability.Span]:
    """Free appointment slots for the services at the location, in order; with
    `exclude_booking` (a move), that booking's own time counts as free."""
    query = slot_query_build(
        location=location,
        services=services,
        date_from=date_from,
        date_to=date_to,
        exclude_booking=exclude_booking,
        at=at,
    )
    return availability.free_slots(query.desks, query.request)


def free_days_get(
    *,
    location: Location,
    services: list[Service],
    date_from: date,
    date_to: date,
    exclude_booking: Booking | None = None,
) -> dict[date, list[availability.Span]]:
    """Free slots grouped by local date, for a calendar."""
    days: dict[date, list[availability.Span]] = defaultdict(list)
    for slot in free_slots_get(
        location=location,
        services=services,
        date_from=date_from,
        date_to=date_to,
        exclude_booking=exclude_booking,
    ):
        days[slot.start.astimezone(TZ).date()].append(slot)
    return dict(days)


def booking_get_by_code(*, code: str, token: str) -> Booking | None:
    """The booking with this code and link token; None for any mismatch, so a
    wrong token never reveals that the code exists."""
    booking = (
        Booking.objects.select_related("location", "desk")
        .prefetch_related("services")
        .filter(code=code.strip().upper())
        .first()
    )
    if booking is None or not secrets.compare_digest(booking.cancel_token, token or ""):
        return None
    return booking


def bookings_for_day(*, location: Location, day: date) -> QuerySet[Booking]:
    """A location's bookings on a local date (staff pages)."""
    start, end = hours.period_instants(day, day)
    return (
        Booking.objects.filter(location=location, start__gte=start, start__lt=end)
        .select_related("desk")
        .prefetch_related("services")
        .order_by("start", "desk__number")
    )


def bookable_services() -> QuerySet[Service]:
    """Active services offered in the personal channel that some active desk
    at an active location handles, in catalogue order."""
    desks = Desk.objects.filter(is_active=True, location__is_active=True)
    return service_list(channel=Channel.PERSONAL).filter(pk__in=desks.values("services"))


def bookable_locations() -> list[Location]:
    """Active locations that take bookings and have at least one active desk."""
    locations = location_list().filter(desks__is_active=True).distinct()
    return [loc for loc in locations if booking_policy_get(location=loc).is_bookable]


def locations_for_services(*, services: Iterable[Service]) -> list[Location]:
    """Bookable locations with one desk that handles every one of the services."""
    services = list(services)
    return [
        loc
        for loc in bookable_locations()
        if desks_for_services(location=loc, services=services).exists()
    ]


# --- Caseworkers' own calendars ----------------------------------------------


def staff_calendars_bookable(*, department=None) -> QuerySet[StaffCalendar]:
    """Active meeting calendars of active staff, with user and department, in
    department and name order; only one department's when given."""
    calendars = StaffCalendar.objects.filter(is_active=True, user__is_active=True).select_related(
        "user", "department", "location"
    )
    if department is not None:
        calendars = calendars.filter(department=department)
    return calendars


def staff_calendar_for(*, user) -> StaffCalendar | None:
    """The user's own meeting calendar (active or not), if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return StaffCalendar.objects.select_related("department", "location").filter(user=user).first()


def _staff_schedule(calendar: StaffCalendar) -> hours.Schedule:
    """The calendar's weekly meeting hours as a catalogue Schedule: the same
    DST-safe instants as opening hours, and no hours on Danish public holidays."""
    weekly: dict[int, list] = defaultdict(list)
    for weekday, opens, closes in StaffCalendarHours.objects.filter(calendar=calendar).values_list(
        "weekday", "opens", "closes"
    ):
        weekly[weekday].append((opens, closes))
    return hours.Schedule(weekly=dict(weekly), closed_on_public_holidays=True)


def staff_slot_query_build(
    *,
    calendar: StaffCalendar,
    date_from: date,
    date_to: date,
    at: datetime | None = None,
    exclude_meeting: StaffMeeting | None = None,
) -> SlotQuery:
    """Meeting hours, absences and active meetings of one calendar for the
    period, as one DeskPlan (desk_id = calendar.pk) for `availability`."""
    now = at or clock.now()
    today = now.astimezone(TZ).date()
    last_day = today + timedelta(days=calendar.horizon_days)
    date_from = max(date_from, today)
    date_to = min(date_to, last_day)
    busy: list[tuple[datetime, datetime]] = []
    if calendar.is_active and date_from <= date_to:
        period_start, period_end = hours.period_instants(date_from, date_to)
        meetings = StaffMeeting.objects.active().filter(
            calendar=calendar, start__lt=period_end, blocked_until__gt=period_start
        )
        if exclude_meeting is not None:
            meetings = meetings.exclude(pk=exclude_meeting.pk)
        busy += list(meetings.order_by().values_list("start", "blocked_until"))
        busy += list(
            StaffCalendarAbsence.objects.filter(
                calendar=calendar, starts_at__lt=period_end, ends_at__gt=period_start
            )
            .order_by()
            .values_list("starts_at", "ends_at")
        )
        spans = _schedule_spans(_staff_schedule(calendar), date_from, date_to)
    else:
        spans = []
    request = availability.Request(
        open=spans,
        length=timedelta(minutes=calendar.meeting_minutes),
        buffer=timedelta(minutes=calendar.buffer_minutes),
        step=timedelta(minutes=calendar.slot_step_minutes),
        earliest=now + timedelta(minutes=calendar.min_notice_minutes),
        latest=hours.period_instants(last_day, last_day)[1],
    )
    return SlotQuery(request=request, desks=[availability.DeskPlan(desk_id=calendar.pk, busy=busy)])


def staff_slots_get(
    *, calendar: StaffCalendar, date_from: date, date_to: date, at: datetime | None = None
) -> list[availability.Span]:
    """Free meeting starts (with their ends) in the caseworker's calendar, in
    order: inside the weekly meeting hours (none on public holidays), clear of
    absences and of active meetings plus the buffer, after the minimum notice
    and within the horizon. An inactive calendar has none."""
    query = staff_slot_query_build(calendar=calendar, date_from=date_from, date_to=date_to, at=at)
    return availability.free_slots(query.desks, query.request)


def staff_free_days_get(*, calendar: StaffCalendar, date_from: date, date_to: date) -> list[date]:
    """The local dates with at least one free meeting start, in order."""
    days = {
        slot.start.astimezone(TZ).date()
        for slot in staff_slots_get(calendar=calendar, date_from=date_from, date_to=date_to)
    }
    return sorted(days)


def staff_meetings_for(*, user, date_from: date | None = None) -> QuerySet[StaffMeeting]:
    """The user's active meetings in their own calendar, in time order: those
    not yet ended by default, or from the local date `date_from` on."""
    meetings = (
        StaffMeeting.objects.active()
        .filter(calendar__user=user)
        .select_related("calendar", "calendar__department", "calendar__location")
        .order_by("start")
    )
    if date_from is None:
        return meetings.filter(end__gt=clock.now())
    return meetings.filter(start__gte=hours.period_instants(date_from, date_from)[0])


def staff_calendar_hours_list(*, calendar: StaffCalendar) -> QuerySet[StaffCalendarHours]:
    return StaffCalendarHours.objects.filter(calendar=calendar).order_by("weekday", "opens")


def staff_calendar_absences_upcoming(*, calendar: StaffCalendar) -> QuerySet[StaffCalendarAbsence]:
    """Absences that have not ended yet, in order."""
    return StaffCalendarAbsence.objects.filter(calendar=calendar, ends_at__gt=clock.now()).order_by(
        "starts_at"
    )
