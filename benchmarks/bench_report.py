"""Citizen-service report for a year with 2,000,000 calls and 1,000,000 contacts.

PostgreSQL only. The rows are generated in the database (INSERT … SELECT
FROM generate_series with random values that satisfy the tables'
constraints: 85 % on the main number, 7 % abandoned, waits mostly short,
contacts in all eight channels), then the daily tallies are rebuilt with
`tally.tallies_rebuild()` (what a bulk load outside the services must run).

Measured: `citizen_service_report(year=2019)` (the JSON figures), median of
several runs after one warm-up. Baseline: one `SELECT count(*)` of both
tables (contacts_call and contacts_contact) in the same run, median of
several. Target (issue 6): the report takes at most 3× the count.

The generated rows (source "bench") and their tallies are deleted afterwards.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection

YEAR = 2019
CALLS = 2_000_000
CONTACTS = 1_000_000
RUNS = 7
TARGET_RATIO = 3.0
SOURCE = "bench"
SUBJECT_AREAS = 18
DEPARTMENTS = 7


def _catalogue() -> tuple[list[int], list[int], list[int]]:
    from indgang.catalogue.models import Department, Location, SubjectArea

    areas = [
        SubjectArea.objects.get_or_create(
            slug=f"bench-area-{n:02d}", defaults={"name": f"Bench-fagområde {n:02d}"}
        )[0].pk
        for n in range(SUBJECT_AREAS)
    ]
    departments = [
        Department.objects.get_or_create(
            slug=f"bench-department-{n}", defaults={"name": f"Bench-afdeling {n}"}
        )[0].pk
        for n in range(DEPARTMENTS)
    ]
    locations = [
        Location.objects.get_or_create(
            slug=f"bench-location-{n}", defaults={"name": f"Bench-borgerservice {n}"}
        )[0].pk
        for n in range(2)
    ]
    return areas, departments, locations


# A random instant in the year's opening/phone hours: a day of the year, then
# 08:00–17:00 local time. `n` is the row number, so days spread evenly.
_INSTANT = (
    "(make_timestamptz(%(year)s, 1, 1, 8, 0, 0, 'Europe/Copenhagen')"
    " + (mod(n, 365) * interval '1 day') + (random() * interval '9 hours'))"
)


def _pick(array: str, r: str) -> str:
    """SQL for a random element of `array` (an SQL array) chosen by the random `r`."""
    return f"({array})[1 + floor({r} * cardinality({array}))::int]"


_AREA = _pick("%(areas)s::int[]", "r_area2")
_DEPARTMENT = _pick("%(departments)s::int[]", "r_dep")
_LOCATION = _pick("%(locations)s::int[]", "r_loc")
_PERSONAL_POINT = _pick(
    "ARRAY['desk', 'desk', 'desk', 'information', 'cash', 'co_service']", "r_point"
)
_OUTCOME = _pick(
    "ARRAY['resolved', 'resolved', 'resolved', 'resolved', 'transferred', 'callback', "
    "'referred_self_service', '']",
    "r_outcome",
)
_CHANNEL = _pick(
    "ARRAY['personal', 'personal', 'personal', 'personal', 'phone', 'self_service', "
    "'chat', 'email', 'email', 'digital_post', 'digital_post', 'letter', 'video']",
    "random()",
)

_CALLS_SQL = f"""
INSERT INTO contacts_call (call_id, line, arrived_at, answered_at, ended_at, result,
    subject_area_id, transferred_to_id, wait_seconds, talk_seconds, source, created_at)
SELECT 'bench-' || n,
       CASE WHEN r_line < 0.85 THEN 'main' ELSE 'department' END,
       arrived,
       CASE WHEN abandoned THEN NULL ELSE arrived + make_interval(secs => wait) END,
       arrived + make_interval(secs => wait + CASE WHEN abandoned THEN 0 ELSE talk END),
       result,
       CASE WHEN r_area < 0.08 THEN NULL ELSE {_AREA} END,
       CASE WHEN result IN ('transferred', 'futile', 'returned') THEN {_DEPARTMENT} END,
       wait,
       CASE WHEN abandoned THEN NULL ELSE talk END,
       %(source)s,
       now()
FROM (
    SELECT n, r_line, r_area, r_area2, r_dep, arrived, abandoned, wait, talk,
           CASE WHEN abandoned THEN 'abandoned'
                WHEN r_result < 0.40 THEN 'resolved'
                WHEN r_result < 0.72 THEN 'transferred'
                WHEN r_result < 0.88 THEN 'callback'
                WHEN r_result < 0.95 THEN 'futile'
                ELSE 'returned' END AS result
    FROM (
        SELECT n,
               random() AS r_line, random() AS r_area, random() AS r_area2,
               random() AS r_dep, random() AS r_result,
               {_INSTANT} AS arrived,
               random() < 0.07 AS abandoned,
               CASE WHEN random() < 0.9 THEN floor(random() * 20)::int
                    ELSE 20 + floor(random() * 180)::int END AS wait,
               30 + floor(random() * 400)::int AS talk
        FROM generate_series(1, %(rows)s) AS n
    ) AS raw
) AS s
"""

_CONTACTS_SQL = f"""
INSERT INTO contacts_contact (external_id, occurred_at, channel, point, location_id,
    subject_area_id, service_id, outcome, wait_seconds, handling_seconds, source, created_at)
SELECT 'bench-' || n,
       occurred,
       channel,
       CASE WHEN channel = 'personal' THEN {_PERSONAL_POINT}
            WHEN channel = 'chat' THEN 'web'
            ELSE '' END,
       CASE WHEN channel = 'personal' THEN {_LOCATION} END,
       CASE WHEN r_area < 0.05 THEN NULL ELSE {_AREA} END,
       NULL,
       {_OUTCOME},
       CASE WHEN channel IN ('personal', 'chat') THEN floor(random() * 900)::int END,
       60 + floor(random() * 900)::int,
       %(source)s,
       now()
FROM (
    SELECT n, random() AS r_point, random() AS r_loc, random() AS r_area, random() AS r_area2,
           random() AS r_outcome, {_CHANNEL} AS channel, {_INSTANT} AS occurred
    FROM generate_series(1, %(rows)s) AS n
) AS s
"""


def _median_seconds(fn, runs: int = RUNS) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _cleanup() -> None:
    from indgang.catalogue.models import Department, Location, SubjectArea
    from indgang.contacts.models import Call, CallTally, Contact, ContactTally
    from indgang.contacts.tally import tallies_rebuild

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM contacts_contact WHERE source = %s", [SOURCE])
        cursor.execute("DELETE FROM contacts_call WHERE source = %s", [SOURCE])
    if Call.objects.exists() or Contact.objects.exists():
        tallies_rebuild()
    else:
        CallTally.objects.all().delete()
        ContactTally.objects.all().delete()
    SubjectArea.objects.filter(slug__startswith="bench-area-").delete()
    Department.objects.filter(slug__startswith="bench-department-").delete()
    Location.objects.filter(slug__startswith="bench-location-").delete()


def run() -> None:
    if connection.vendor != "postgresql":
        print(
            "skipped: needs PostgreSQL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/indgang_bench "
            "python benchmarks/run.py bench_report"
        )
        return
    from indgang.contacts.tally import tallies_rebuild
    from indgang.reports.selectors import citizen_service_report

    _cleanup()  # leftovers of an interrupted run
    try:
        areas, departments, locations = _catalogue()
        params = {
            "areas": areas,
            "departments": departments,
            "locations": locations,
            "source": SOURCE,
            "year": YEAR,
        }
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(_CALLS_SQL, {**params, "rows": CALLS})
            calls_made = cursor.rowcount
            cursor.execute(_CONTACTS_SQL, {**params, "rows": CONTACTS})
            contacts_made = cursor.rowcount
        generated = time.perf_counter() - start
        start = time.perf_counter()
        call_tallies, contact_tallies = tallies_rebuild()
        rebuilt = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE contacts_call, contacts_contact")
            cursor.execute("ANALYZE contacts_calltally, contacts_contacttally")

        def count_both() -> tuple[int, int]:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT (SELECT count(*) FROM contacts_call), "
                    "(SELECT count(*) FROM contacts_contact)"
                )
                return cursor.fetchone()

        def report() -> dict:
            return citizen_service_report(year=YEAR)

        counted = count_both()
        figures = report()  # warm-up, and a check that the figures add up
        assert figures["switchboard"]["incoming"] + _department_calls(YEAR) == calls_made, figures[
            "switchboard"
        ]
        count_time, count_times = _median_seconds(count_both)
        report_time, report_times = _median_seconds(report)
    finally:
        _cleanup()

    ratio = report_time / count_time
    fcr = figures["contact_centre"]["first_contact_resolution_pct"]["year"]
    print(
        f"data: {connection.vendor}, {calls_made:,} calls and {contacts_made:,} contacts in "
        f"{YEAR} (count: {counted[0]:,} + {counted[1]:,}), generated in {generated:.1f} s; "
        f"tallies_rebuild() {rebuilt:.1f} s -> {call_tallies:,} call and "
        f"{contact_tallies:,} contact tally rows"
    )
    print(
        f"report: switchboard incoming {figures['switchboard']['incoming']:,}, "
        f"first-contact resolution {fcr} %, "
        f"personal expeditions {figures['personal']['expeditions']['total']:,}"
    )
    print(
        f"baseline SELECT count(*) of both tables: median {count_time * 1e3:7.1f} ms   "
        f"(min {min(count_times) * 1e3:.1f}, max {max(count_times) * 1e3:.1f}, n={RUNS})"
    )
    print(
        f"measured citizen_service_report(year={YEAR}): median {report_time * 1e3:7.1f} ms   "
        f"(min {min(report_times) * 1e3:.1f}, max {max(report_times) * 1e3:.1f}, n={RUNS})"
    )
    print(
        f"ratio report/count: {ratio:.2f}   (target: at most {TARGET_RATIO:.0f}x: "
        f"{'met' if ratio <= TARGET_RATIO else 'MISSED'})"
    )


def _department_calls(year: int) -> int:
    from django.db.models import Sum

    from indgang.contacts.models import CallTally

    return (
        CallTally.objects.filter(day__year=year, line="department").aggregate(n=Sum("calls"))["n"]
        or 0
    )
