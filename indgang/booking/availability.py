"""Free appointment slots as pure functions over plain data.

The one computation behind the API, the citizen pages and staff booking:
`free_slots()` walks the location's open intervals on a grid of `step` minutes
from each interval's start, and keeps the starts where the whole appointment
fits before the interval ends and at least one capable desk's blocked time
[start, start + length + buffer) meets nothing busy on that desk (existing
bookings' [start, blocked_until) and the desk's closures). Instants are aware
UTC datetimes, so DST days need no special case: the grid counts real minutes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True, slots=True)
class Span:
    start: datetime
    end: datetime


@dataclass
class DeskPlan:
    """One capable desk and its busy spans in the period: existing bookings'
    [start, blocked_until) and the desk's closures.

    `busy` takes Spans or plain (start, end) pairs and keeps sorted pairs.
    Selectors pass pairs: a month of a busy location is thousands of spans,
    and tuples of datetimes are dropped from the garbage collector's watch
    at once, while objects that live through a request would be promoted and
    make the next full collection (tens of ms) come sooner.
    """

    desk_id: int
    busy: list[Span | tuple[datetime, datetime]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.busy = sorted((b.start, b.end) if isinstance(b, Span) else b for b in self.busy)
        self._starts = [start for start, _end in self.busy]
        # Running maximum of busy ends, so "does anything before x end after y"
        # is one bisect.
        self._max_end: list[datetime] = []
        latest = None
        for _start, end in self.busy:
            latest = end if latest is None or end > latest else latest
            self._max_end.append(latest)

    def is_free(self, start: datetime, until: datetime) -> bool:
        """No busy span meets [start, until)."""
        i = bisect.bisect_left(self._starts, until)  # busy spans starting before `until`
        return i == 0 or self._max_end[i - 1] <= start


@dataclass(frozen=True)
class Request:
    open: Sequence[Span]  # the location's open intervals in the period, in order
    length: timedelta  # the appointment (sum of its services' minutes)
    buffer: timedelta  # kept free after it
    step: timedelta  # grid
    earliest: datetime  # now + minimum notice
    latest: datetime  # end of the booking horizon (exclusive)


def candidate_starts(interval: Span, req: Request) -> Iterable[datetime]:
    """Grid starts inside one open interval where the appointment fits."""
    last = interval.end - req.length
    if last < interval.start:
        return
    t = interval.start
    if t < req.earliest:  # jump to the first grid point at or after `earliest`
        steps = -((interval.start - req.earliest) // req.step)
        t = interval.start + steps * req.step
    while t <= last and t < req.latest:
        yield t
        t += req.step


def is_grid_start(start: datetime, req: Request) -> bool:
    """Whether `start` can ever be a slot for this request: on the grid of an
    open interval, fitting before it closes, within notice and horizon."""
    start = start.astimezone(UTC)  # real minutes, not wall-clock ones
    if start < req.earliest or start >= req.latest:
        return False
    for interval in req.open:
        if interval.start <= start and start + req.length <= interval.end:
            return (start - interval.start) % req.step == timedelta(0)
    return False


def free_desks_at(desks: Sequence[DeskPlan], start: datetime, req: Request) -> list[int]:
    """Desks (ids, in the given order) free for an appointment at `start`."""
    if not is_grid_start(start, req):
        return []
    start = start.astimezone(UTC)
    until = start + req.length + req.buffer
    return [d.desk_id for d in desks if d.is_free(start, until)]


def free_slots(desks: Sequence[DeskPlan], req: Request) -> list[Span]:
    """Every start (with its end) at which at least one desk is free, in order."""
    blocked = req.length + req.buffer
    slots: list[Span] = []
    for interval in req.open:
        for t in candidate_starts(interval, req):
            until = t + blocked
            for desk in desks:  # a plain loop: no generator per start (hot path)
                if desk.is_free(t, until):
                    slots.append(Span(t, t + req.length))
                    break
    return slots
