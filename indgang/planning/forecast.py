"""The forecast: how many calls, chats and front-desk contacts to expect per
half hour, made from the contact registry and kept explainable.

Kinds (`KINDS`):
- ``phone``: calls on the main line (`contacts.Call`, line main), by `arrived_at`;
- ``chat``: contacts in the chat channel (`contacts.Contact`);
- ``desk``: personal contacts at the desks: `Contact` (channel personal, point
  desk or co_service) plus `frontdesk.Expedition` at those points;
- ``walk_in``: the desk ones without a booking: `Contact.booking` empty, and
  expeditions without a ticket or with a walk-in ticket.
`location_id` narrows ``desk`` and ``walk_in`` to one location; ``phone`` and
``chat`` belong to the whole municipality and ignore it.

Counts are by local time (Europe/Copenhagen), in 48 half hours a day (slot 0 =
00:00–00:30), grouped in the database with time-zone-aware functions. On the
day clocks go forward slots 4–5 (02:00–03:00) stay empty; on the day they go
back both readings of 02:00–03:00 count in slots 4–5.

The method, for a day D, with data before `as_of` only:

1. Base weeks: the 8 complete Monday–Sunday weeks before the week of `as_of`.
   A day is *open* when it is no Danish holiday (`catalogue.hours.holiday_name`)
   and lies on or after the first recorded day of the kind.
2. Level: the mean daily total of D's weekday over the open days of that weekday
   in the base weeks (holidays left out, not counted as 0).
3. Season: the same weeks one year earlier (52 weeks = 364 days back, so the
   weekdays match). Season = the total of D's week last year ÷ what last year's
   levels (step 2 on the base weeks − 364 days) predicted for its open days. It
   carries last year's movement from the base weeks to the target week: summer,
   Christmas, the January peak, and last year's trend over those weeks. Used
   only when the data reach back over all of last year's base weeks and D's
   week last year lies before `as_of`; otherwise 1.
4. Trend guard: with a season factor the trend is already in it (the level is
   recent and the season ratio carries the movement), so the trend factor is 1.
   Without last year's data the trend is the least-squares line through the 8
   base weeks' indices (each week's total ÷ its open days' levels), carried
   from the middle of the base weeks to D's week, relative to the mean. Both
   factors are guarded: season within 0.5–2, trend within 0.8–1.25, so one odd
   week cannot make a wild forecast.
5. Daily volume = level × season × trend; 0 on Danish holidays, on days whose
   weekday had nothing in the base weeks and, with a location, on days the
   location is closed.
6. Intraday: the volume is spread over the 48 half hours by the weekday's
   profile in the base weeks (each half hour's share of that weekday's counts).

Accuracy (`forecast_accuracy`): for each complete week, the forecast made with
data before its Monday is compared with what came; MAPE = the mean over the
days with an actual count > 0 of |forecast − actual| ÷ actual × 100.

One grouped query per source reads the counts, the rest is arithmetic in
memory; a year of weekly forecasts reads two years of daily totals once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractHour, TruncDate

from indgang.catalogue.hours import holiday_name, hours_on, period_instants
from indgang.catalogue.models import Channel, Location
from indgang.catalogue.selectors import location_schedule
from indgang.contacts.models import Call, CallTally, Contact, ContactTally, Line, Point
from indgang.core import clock
from indgang.frontdesk.models import Expedition, TicketKind

SLOTS = 48  # half hours of a local day, index 0 = 00:00–00:30
KINDS = ("phone", "chat", "desk", "walk_in")
LOCATION_KINDS = ("desk", "walk_in")
DESK_POINTS = (Point.DESK, Point.CO_SERVICE)

BASE_WEEKS = 8
YEAR = timedelta(days=364)  # 52 weeks: the same weekday a year earlier
SEASON_LIMITS = (0.5, 2.0)
TREND_LIMITS = (0.8, 1.25)
TREND_MIN_WEEKS = 4  # weeks with data needed to draw a trend line


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- Reading ------------------------------------------------------------------


def _sources(kind: str, location_id: int | None) -> list[tuple[QuerySet, str]]:
    """(queryset, time field) of every source of the kind."""
    _check_kind(kind)
    if kind == "phone":
        return [(Call.objects.filter(line=Line.MAIN), "arrived_at")]
    if kind == "chat":
        return [(Contact.objects.filter(channel=Channel.CHAT), "occurred_at")]
    contacts = Contact.objects.filter(channel=Channel.PERSONAL, point__in=DESK_POINTS)
    expeditions = Expedition.objects.filter(point__in=DESK_POINTS)
    if kind == "walk_in":
        contacts = contacts.filter(booking__isnull=True)
        expeditions = expeditions.filter(
            Q(ticket__isnull=True) | Q(ticket__kind=TicketKind.WALK_IN)
        )
    if location_id is not None:
        contacts = contacts.filter(location_id=location_id)
        expeditions = expeditions.filter(location_id=location_id)
    return [(contacts, "occurred_at"), (expeditions, "occurred_at")]


def _counts(
    kind: str, first: date, last: date, location_id: int | None, *, by_slot: bool
) -> dict[date, list[int]] | dict[date, int]:
    """Counts per local day (and half hour when `by_slot`) from `first` to `last`."""
    if not by_slot and kind in ("phone", "chat"):
        return _tally_totals(kind, first, last)
    tz = _tz()
    start, end = period_instants(first, last, tz)
    slots: dict[date, list[int]] = {}
    totals: dict[date, int] = defaultdict(int)
    for qs, field in _sources(kind, location_id):
        rows = (
            qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})
            .order_by()
            .annotate(d=TruncDate(field, tzinfo=tz))
        )
        if not by_slot:
            for row in rows.values("d").annotate(n=Count("pk")):
                totals[row["d"]] += row["n"]
            continue
        rows = rows.annotate(
            h=ExtractHour(field, tzinfo=tz),
            half=Case(
                When(**{f"{field}__minute__gte": 30}, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        for row in rows.values("d", "h", "half").annotate(n=Count("pk")):
            day = slots.setdefault(row["d"], [0] * SLOTS)
            day[row["h"] * 2 + row["half"]] += row["n"]
    return slots if by_slot else dict(totals)


def _tally_totals(kind: str, first: date, last: date) -> dict[date, int]:
    """Daily totals of calls or chats from the registry's daily tallies (kept by
    local day with the rows), so a year of weekly accuracy reads no call rows."""
    if kind == "phone":
        qs = CallTally.objects.filter(line=Line.MAIN).values("day").annotate(n=Sum("calls"))
    else:
        qs = (
            ContactTally.objects.filter(channel=Channel.CHAT)
            .values("day")
            .annotate(n=Sum("contacts"))
        )
    rows = qs.filter(day__gte=first, day__lte=last).order_by()
    return {row["day"]: row["n"] for row in rows if row["n"]}


def _first_day(kind: str, location_id: int | None) -> date | None:
    """The local date of the kind's first record (None: no records)."""
    tz = _tz()
    firsts = []
    for qs, field in _sources(kind, location_id):
        first = qs.order_by().aggregate(first=Min(field))["first"]
        if first is not None:
            firsts.append(first.astimezone(tz).date())
    return min(firsts) if firsts else None


def history(
    kind: str, first: date, last: date, *, location_id: int | None = None
) -> dict[date, list[int]]:
    """Every day `first`..`last` with its 48 half-hour counts (local time)."""
    counts = _counts(kind, first, last, location_id, by_slot=True)
    return {day: list(counts.get(day, [0] * SLOTS)) for day in _days(first, last)}


# --- The method (pure: plain dicts in, numbers out) ------------------------------


def _open(day: date, data_start: date | None) -> bool:
    return data_start is not None and day >= data_start and holiday_name(day) is None


def _base_days(base_start: date, data_start: date | None) -> dict[int, list[date]]:
    """weekday → the open days of that weekday in the 8 weeks from `base_start`."""
    days: dict[int, list[date]] = defaultdict(list)
    for day in _days(base_start, base_start + timedelta(days=7 * BASE_WEEKS - 1)):
        if _open(day, data_start):
            days[day.weekday()].append(day)
    return days


def _levels(totals: dict[date, int], base: dict[int, list[date]]) -> dict[int, float]:
    """weekday → mean daily total over its open base days."""
    return {
        weekday: sum(totals.get(d, 0) for d in days) / len(days)
        for weekday, days in base.items()
        if days
    }


def _clamp(value: float, limits: tuple[float, float]) -> float:
    return min(max(value, limits[0]), limits[1])


def _season(
    totals: dict[date, int], monday: date, base_start: date, as_of: date, data_start: date | None
) -> float | None:
    """Last year's ratio of the target week to its base weeks; None: no last year."""
    last_base = base_start - YEAR
    last_week = monday - YEAR
    if data_start is None or data_start > last_base or last_week + timedelta(days=6) >= as_of:
        return None
    levels = _levels(totals, _base_days(last_base, data_start))
    actual = expected = 0.0
    for day in _days(last_week, last_week + timedelta(days=6)):
        if _open(day, data_start) and day.weekday() in levels:
            actual += totals.get(day, 0)
            expected += levels[day.weekday()]
    if expected <= 0:
        return None
    return _clamp(actual / expected, SEASON_LIMITS)


def _trend(
    totals: dict[date, int],
    levels: dict[int, float],
    base: dict[int, list[date]],
    base_start: date,
    monday: date,
) -> float:
    """The base weeks' least-squares line carried to the target week, ÷ its mean."""
    points = []
    for k in range(BASE_WEEKS):
        week = {d for days in base.values() for d in days if (d - base_start).days // 7 == k}
        expected = sum(levels.get(d.weekday(), 0) for d in week)
        if expected > 0:
            points.append((k, sum(totals.get(d, 0) for d in week) / expected))
    if len(points) < TREND_MIN_WEEKS:
        return 1.0
    n = len(points)
    mean_x = sum(x for x, _y in points) / n
    mean_y = sum(y for _x, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _y in points)
    if mean_y <= 0 or sxx == 0:
        return 1.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    target_x = (monday - base_start).days / 7
    return _clamp((mean_y + slope * (target_x - mean_x)) / mean_y, TREND_LIMITS)


def daily_forecast(
    totals: dict[date, int],
    first: date,
    last: date,
    *,
    as_of: date,
    data_start: date | None,
) -> dict[date, float]:
    """The expected daily totals `first`..`last` from the daily `totals` before `as_of`."""
    base_start = monday_of(as_of) - timedelta(days=7 * BASE_WEEKS)
    base = _base_days(base_start, data_start)
    levels = _levels(totals, base)
    factors: dict[date, float] = {}
    result = {}
    for day in _days(first, last):
        monday = monday_of(day)
        if monday not in factors:
            season = _season(totals, monday, base_start, as_of, data_start)
            trend = 1.0 if season is not None else _trend(totals, levels, base, base_start, monday)
            factors[monday] = (1.0 if season is None else season) * trend
        level = levels.get(day.weekday(), 0.0)
        result[day] = 0.0 if holiday_name(day) else level * factors[monday]
    return result


def profiles(slots: dict[date, list[int]], base: dict[int, list[date]]) -> dict[int, list[float]]:
    """weekday → the share of each half hour in the weekday's base-day counts."""
    shares = {}
    for weekday, days in base.items():
        sums = [sum(slots.get(d, [0] * SLOTS)[s] for d in days) for s in range(SLOTS)]
        total = sum(sums)
        if total:
            shares[weekday] = [n / total for n in sums]
    return shares


# --- Public -------------------------------------------------------------------


def forecast(
    kind: str,
    first: date,
    last: date,
    *,
    as_of: date | None = None,
    location_id: int | None = None,
) -> dict[date, list[float]]:
    """Expected counts per half hour for every day `first`..`last`, made with
    the data before `as_of` (default today); 0 on holidays and closed days."""
    _check_kind(kind)
    as_of = as_of or clock.today()
    base_start = monday_of(as_of) - timedelta(days=7 * BASE_WEEKS)
    base_end = monday_of(as_of) - timedelta(days=1)
    data_start = _first_day(kind, location_id)
    slots = _counts(kind, base_start, base_end, location_id, by_slot=True)
    totals = {day: sum(counts) for day, counts in slots.items()}
    last_year_end = min(monday_of(last) + timedelta(days=6) - YEAR, as_of - timedelta(days=1))
    if last_year_end >= base_start - YEAR:
        totals.update(_counts(kind, base_start - YEAR, last_year_end, location_id, by_slot=False))
    volumes = daily_forecast(totals, first, last, as_of=as_of, data_start=data_start)
    shares = profiles(slots, _base_days(base_start, data_start))
    schedule = None
    if location_id is not None and kind in LOCATION_KINDS:
        location = Location.objects.filter(pk=location_id).first()
        schedule = location_schedule(location=location) if location else None
    result = {}
    for day, volume in volumes.items():
        share = shares.get(day.weekday())
        if schedule is not None and volume and not hours_on(schedule, day).is_open:
            volume = 0.0
        result[day] = [volume * p for p in share] if share and volume else [0.0] * SLOTS
    return result


def iso_week_label(monday: date) -> str:
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


def mape(forecasts: list[float], actuals: list[int]) -> float | None:
    """Mean absolute percentage error over the days with actual > 0; None if none."""
    errors = [abs(f - a) / a * 100 for f, a in zip(forecasts, actuals, strict=True) if a > 0]
    return sum(errors) / len(errors) if errors else None


def forecast_accuracy(
    kind: str,
    *,
    weeks: int = 52,
    as_of: date | None = None,
    location_id: int | None = None,
) -> list[dict]:
    """One dict per complete week before `as_of` (oldest first): the week's
    forecast made with the data before its Monday, what came, and the MAPE of
    the daily totals (None when no day had any, or no data came before the week)."""
    _check_kind(kind)
    as_of = as_of or clock.today()
    mondays = [monday_of(as_of) - timedelta(days=7 * i) for i in range(weeks, 0, -1)]
    if not mondays:
        return []
    data_start = _first_day(kind, location_id)
    read_from = mondays[0] - timedelta(days=7 * BASE_WEEKS) - YEAR
    totals = _counts(
        kind, read_from, monday_of(as_of) - timedelta(days=1), location_id, by_slot=False
    )
    rows = []
    for monday in mondays:
        sunday = monday + timedelta(days=6)
        days = _days(monday, sunday)
        measurable = data_start is not None and data_start < monday
        predicted = daily_forecast(totals, monday, sunday, as_of=monday, data_start=data_start)
        forecasts = [predicted[d] for d in days]
        actuals = [totals.get(d, 0) for d in days]
        rows.append(
            {
                "week_start": monday,
                "week": iso_week_label(monday),
                "forecast": sum(forecasts),
                "actual": sum(actuals),
                # No forecast could be made before the first recorded day.
                "mape": mape(forecasts, actuals) if measurable else None,
            }
        )
    return rows
