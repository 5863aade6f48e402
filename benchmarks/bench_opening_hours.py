"""Opening hours for a whole year: the full rules against a plain weekly lookup.

Baseline: looking up 365 days in a weekly dict (what a naive implementation
does). Measured: `catalogue.hours.hours_on` with Danish holidays, closures,
extra openings and DST-safe instants. The ratio is the price of correctness.
"""

from datetime import date, time, timedelta

from benchmarks._timing import best_of
from indgang.catalogue import hours

WEEKLY = {
    0: [(time(10), time(15))],
    1: [(time(10), time(15))],
    2: [(time(10), time(12)), (time(13), time(15))],
    3: [(time(10), time(17, 30))],
    4: [(time(10), time(13))],
    5: [(time(10), time(13))],
}
SCHEDULE = hours.Schedule(
    weekly=WEEKLY,
    closures=[hours.Closed(date(2027, 3, 1), date(2027, 3, 3), reason="Flytning")],
    extra={date(2027, 6, 5): [(time(9), time(12))]},
)
DAYS = [date(2027, 1, 1) + timedelta(days=n) for n in range(365)]


def baseline():
    return [WEEKLY.get(d.weekday(), []) for d in DAYS]


def full_rules():
    return [hours.hours_on(SCHEDULE, d) for d in DAYS]


def run() -> None:
    base = best_of(baseline, repeat=7, number=20) / 20
    full = best_of(full_rules, repeat=7, number=20) / 20
    print(f"baseline weekly lookup, 365 days: {base * 1e3:8.3f} ms")
    print(
        f"hours_on with all rules, 365 days: {full * 1e3:8.3f} ms ({full / 365 * 1e6:.1f} µs a day)"
    )
    print(f"ratio full/baseline: {full / base:.1f}")
