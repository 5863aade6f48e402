"""Front-desk measures: served on time, no-show rate, walk-in waiting and
expeditions per point. Pure functions over plain data plus one selector.

Served on time compares when a booked citizen was *called* with the booked
start (`Ticket.due_at`):

- ``before``: called before the booked start (``called_at < due_at``);
- ``on_time``: called 0 up to (not including) 1 minute late;
- ``late_1_10``: called 1 minute up to and including 10 minutes late;
- ``late_over_10``: called more than 10 minutes late.

The buckets use the same values as the survey's "were you served on time"
question (`OnTime`), so the two can be read side by side. "On-time share" on
the manager page counts ``before`` and ``on_time`` together: called less than
one minute after the booked start.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from .models import Expedition, OnTime, Point, Ticket, TicketKind, TicketStatus

ON_TIME_LIMIT = timedelta(minutes=1)
LATE_LIMIT = timedelta(minutes=10)

BUCKETS = (OnTime.BEFORE, OnTime.ON_TIME, OnTime.LATE_1_10, OnTime.LATE_OVER_10)
PUNCTUAL = (OnTime.BEFORE, OnTime.ON_TIME)


def served_on_time_bucket(*, due_at: datetime, called_at: datetime) -> str:
    """The on-time bucket (an `OnTime` value) of a call against the booked start."""
    late = called_at - due_at
    if late < timedelta(0):
        return OnTime.BEFORE.value
    if late < ON_TIME_LIMIT:
        return OnTime.ON_TIME.value
    if late <= LATE_LIMIT:
        return OnTime.LATE_1_10.value
    return OnTime.LATE_OVER_10.value


def share(part: int, whole: int) -> float | None:
    """`part / whole` as a fraction, or None when there is nothing to divide."""
    return part / whole if whole else None


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the
    smallest value with at least p % of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: list[float]) -> float | None:
    """The middle value (mean of the two middle ones for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def bucket_counts(calls: list[tuple[datetime, datetime]]) -> dict:
    """{"total": n, "buckets": [{"bucket", "label", "count", "share"}, …],
    "on_time_share": …} for (due_at, called_at) pairs."""
    counts = Counter(served_on_time_bucket(due_at=due, called_at=called) for due, called in calls)
    total = len(calls)
    return {
        "total": total,
        "buckets": [
            {
                "bucket": bucket.value,
                "label": bucket.label,
                "count": counts[bucket.value],
                "share": share(counts[bucket.value], total),
            }
            for bucket in BUCKETS
        ],
        "on_time_share": share(sum(counts[b.value] for b in PUNCTUAL), total),
    }


def frontdesk_measures(*, location=None, date_from: date, date_to: date) -> dict:
    """The measures of one location (None: all) for the days date_from–date_to
    (both included). Shares are fractions 0–1, or None when nothing counted.

    - ``on_time``: buckets over booked tickets that were called;
    - ``per_day``: the same per day, for the chart;
    - ``no_show``: no-shows / (served + no-shows) among booked tickets;
    - ``walk_in_wait``: minutes from arrival to call of walk-ins that were called;
    - ``points``: expeditions per point (desk, information, …).
    """
    tickets = Ticket.objects.filter(day__gte=date_from, day__lte=date_to)
    expeditions = Expedition.objects.filter(
        occurred_at__date__gte=date_from, occurred_at__date__lte=date_to
    )
    if location is not None:
        tickets = tickets.filter(location=location)
        expeditions = expeditions.filter(location=location)

    booked_calls = list(
        tickets.filter(kind=TicketKind.BOOKED, called_at__isnull=False)
        .order_by()
        .values_list("day", "due_at", "called_at")
    )
    by_day: dict[date, list] = defaultdict(list)
    for day, due, called in booked_calls:
        by_day[day].append((due, called))
    per_day = []
    day = date_from
    while day <= date_to:
        per_day.append({"day": day, **bucket_counts(by_day.get(day, []))})
        day += timedelta(days=1)

    status_counts = Counter(
        tickets.filter(
            kind=TicketKind.BOOKED, status__in=(TicketStatus.SERVED, TicketStatus.NO_SHOW)
        )
        .order_by()
        .values_list("status", flat=True)
    )
    served, no_show = status_counts[TicketStatus.SERVED], status_counts[TicketStatus.NO_SHOW]

    waits = [
        (called - arrived).total_seconds() / 60
        for arrived, called in tickets.filter(kind=TicketKind.WALK_IN, called_at__isnull=False)
        .order_by()
        .values_list("arrived_at", "called_at")
    ]

    point_counts = Counter(expeditions.order_by().values_list("point", flat=True))
    points_total = sum(point_counts.values())

    return {
        "date_from": date_from,
        "date_to": date_to,
        "on_time": bucket_counts([(due, called) for _day, due, called in booked_calls]),
        "per_day": per_day,
        "no_show": {
            "served": served,
            "no_show": no_show,
            "rate": share(no_show, served + no_show),
        },
        "walk_in_wait": {
            "count": len(waits),
            "median_minutes": median(waits),
            "p90_minutes": percentile(waits, 90),
        },
        "points": {
            "total": points_total,
            "rows": [
                {
                    "point": point.value,
                    "label": point.label,
                    "count": point_counts[point.value],
                    "share": share(point_counts[point.value], points_total),
                }
                for point in Point
            ],
        },
    }
