"""Opening hours as pure functions over plain data.

A `Schedule` is a weekly pattern (several intervals a day, Saturday and Sunday
too), dated closures (whole days or part of a day), dated extra openings and
whether Danish public holidays close the place. `hours_on()` answers "what are
the hours on date D" as real instants, and `is_open()` answers "is it open at
time T". No Django models here: selectors build a Schedule from the database.

Wall-clock times are local to the municipality (Europe/Copenhagen). On the
spring-forward day a time inside the missing hour moves to the first real
instant after it (02:30 → 03:00); on the fall-back day an opening time inside
the repeated hour means its first occurrence and a closing time its second, so
an interval keeps its longest reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

DEFAULT_TZ = ZoneInfo("Europe/Copenhagen")
# Days besides the official public holidays on which Danish municipalities keep
# citizen service closed (from the `holidays` package's optional category).
EXTRA_CLOSED_DAYS = {(6, 5), (12, 24), (12, 31)}  # grundlovsdag, juleaftensdag, nytårsaftensdag


@dataclass(frozen=True)
class Closed:
    """Closed from `starts_on` to `ends_on` (inclusive); only between `from_time`
    and `to_time` on each of those days when both are given."""

    starts_on: date
    ends_on: date
    from_time: time | None = None
    to_time: time | None = None
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def whole_day(self) -> bool:
        return self.from_time is None or self.to_time is None


@dataclass(frozen=True)
class Schedule:
    weekly: Mapping[int, Sequence[tuple[time, time]]] = field(default_factory=dict)
    closures: Sequence[Closed] = ()
    extra: Mapping[date, Sequence[tuple[time, time]]] = field(default_factory=dict)
    closed_on_public_holidays: bool = True


@dataclass(frozen=True)
class Interval:
    """An opening interval as real instants (aware, UTC) [start, end)."""

    start: datetime
    end: datetime

    def contains(self, at: datetime) -> bool:
        return self.start <= at < self.end

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def local(self, tz: ZoneInfo = DEFAULT_TZ) -> tuple[datetime, datetime]:
        return self.start.astimezone(tz), self.end.astimezone(tz)


@dataclass(frozen=True)
class DayHours:
    """The answer for one date: its intervals and why it is closed, if it is."""

    day: date
    intervals: tuple[Interval, ...]
    holiday: str | None = None
    closure_reason: str | None = None

    @property
    def is_open(self) -> bool:
        return bool(self.intervals)


@lru_cache(maxsize=64)
def _danish_holidays(year: int) -> dict[date, str]:
    public = holidays.country_holidays("DK", years=year, language="da")
    optional = holidays.country_holidays(
        "DK", years=year, language="da", categories=(holidays.OPTIONAL,)
    )
    days = dict(public.items())
    for day, name in optional.items():
        if (day.month, day.day) in EXTRA_CLOSED_DAYS:
            days[day] = name
    return days


def holiday_name(day: date) -> str | None:
    """The Danish name of the holiday on `day` that closes citizen service, if any."""
    return _danish_holidays(day.year).get(day)


def _merge(spans: list[tuple[time, time]]) -> list[tuple[time, time]]:
    merged: list[tuple[time, time]] = []
    for opens, closes in sorted(s for s in spans if s[1] > s[0]):
        if merged and opens <= merged[-1][1]:
            if closes > merged[-1][1]:
                merged[-1] = (merged[-1][0], closes)
        else:
            merged.append((opens, closes))
    return merged


def _subtract(spans: list[tuple[time, time]], cut: tuple[time, time]) -> list[tuple[time, time]]:
    out: list[tuple[time, time]] = []
    for opens, closes in spans:
        if cut[1] <= opens or cut[0] >= closes:
            out.append((opens, closes))
            continue
        if opens < cut[0]:
            out.append((opens, cut[0]))
        if cut[1] < closes:
            out.append((cut[1], closes))
    return out


def _local_naive(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def to_instant(
    day: date, wall: time, tz: ZoneInfo = DEFAULT_TZ, *, later: bool = False
) -> datetime:
    """The real instant (UTC) of wall-clock `wall` on `day` in `tz`.

    A wall time in the spring-forward gap moves to the first instant after the
    gap; an ambiguous one (fall back) is its first occurrence, or its second
    when `later` is true.
    """
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    if _local_naive(first, tz) == naive:
        if first != second and _local_naive(second, tz) == naive:  # ambiguous
            return second if later else first
        return first
    # Non-existent: the first instant whose wall time is at or after `naive`
    # lies between the two readings; find it to the second.
    lo, hi = min(first, second), max(first, second)
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if _local_naive(mid, tz) >= naive:
            hi = mid
        else:
            lo = mid
    return hi.replace(microsecond=0)


def period_instants(
    first: date, last: date, tz: ZoneInfo = DEFAULT_TZ
) -> tuple[datetime, datetime]:
    """[start, end) of the local dates `first` to `last` (inclusive) as real
    instants: midnight before `first` to midnight after `last`."""
    return to_instant(first, time.min, tz), to_instant(last + timedelta(days=1), time.min, tz)


def hours_on(schedule: Schedule, day: date, tz: ZoneInfo = DEFAULT_TZ) -> DayHours:
    """The opening intervals of `day`, after holidays, closures and extra openings."""
    holiday = holiday_name(day) if schedule.closed_on_public_holidays else None
    spans = [] if holiday else list(schedule.weekly.get(day.weekday(), ()))
    spans += list(schedule.extra.get(day, ()))
    spans = _merge(spans)
    closure_reason = None
    for closure in schedule.closures:
        if not closure.covers(day):
            continue
        if closure.whole_day:
            if spans:
                closure_reason = closure.reason or closure_reason or ""
            spans = []
        else:
            before = spans
            spans = _subtract(spans, (closure.from_time, closure.to_time))
            if spans != before and not spans:
                closure_reason = closure.reason or ""
    intervals = tuple(
        Interval(to_instant(day, opens, tz), to_instant(day, closes, tz, later=True))
        for opens, closes in spans
    )
    intervals = tuple(i for i in intervals if i.end > i.start)
    return DayHours(day=day, intervals=intervals, holiday=holiday, closure_reason=closure_reason)


def is_open(schedule: Schedule, at: datetime, tz: ZoneInfo = DEFAULT_TZ) -> bool:
    """Whether the place is open at the aware instant `at`."""
    day = at.astimezone(tz).date()
    return any(i.contains(at) for i in hours_on(schedule, day, tz).intervals)


def next_opening(
    schedule: Schedule, after: datetime, tz: ZoneInfo = DEFAULT_TZ, *, within_days: int = 60
) -> Interval | None:
    """The first interval that is open at or after `after` (the current one when
    open now), looking at most `within_days` ahead."""
    start_day = after.astimezone(tz).date()
    for offset in range(within_days + 1):
        for interval in hours_on(schedule, start_day + timedelta(days=offset), tz).intervals:
            if interval.end > after:
                return interval
    return None
