"""Import of a calls CSV with 200,000 rows, against PostgreSQL's COPY.

PostgreSQL only. A calls file in the import format (docs/contacts.md) is
written to a temporary folder: 200,000 calls over 2019, 85 % on the main
number, 7 % abandoned, most with a subject area, transferred calls with a
department.

Measured: `imports.records_import(kind="calls", stream=…)` into empty tables
(every row parsed and checked, then stored with the daily tallies in one
transaction), best of two runs with the rows deleted in between → rows/s.
Baseline: a PostgreSQL COPY of the same rows into the same table: the file's
rows, with slugs already turned into ids and the wait and talk seconds
computed (outside the timing), `COPY contacts_call … FROM STDIN (FORMAT csv)`
into the real table with its indexes and constraints, best of three → rows/s.
Target (issue 6): the import at least a fifth of COPY's speed. Also printed:
COPY of the raw file into an unindexed temporary table of text and timestamp
columns (the fastest any load can be, but not the same rows stored), and COPY
plus one INSERT … SELECT without checks or tallies.
"""

from __future__ import annotations

import csv
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection, transaction

ROWS = 200_000
YEAR = 2019
SOURCE = "bench-import"
IMPORT_RUNS = 2
COPY_RUNS = 3
TARGET_SHARE = 0.2
SUBJECT_AREAS = 18
DEPARTMENTS = 7
CPH = ZoneInfo("Europe/Copenhagen")
COLUMNS = (
    "call_id",
    "line",
    "arrived_at",
    "answered_at",
    "ended_at",
    "result",
    "subject_area",
    "transferred_to",
)


def _catalogue() -> tuple[list[str], list[str]]:
    from indgang.catalogue.models import Department, SubjectArea

    areas = [f"bench-area-{n:02d}" for n in range(SUBJECT_AREAS)]
    for n, slug in enumerate(areas):
        SubjectArea.objects.get_or_create(slug=slug, defaults={"name": f"Bench-fagområde {n:02d}"})
    departments = [f"bench-department-{n}" for n in range(DEPARTMENTS)]
    for n, slug in enumerate(departments):
        Department.objects.get_or_create(slug=slug, defaults={"name": f"Bench-afdeling {n}"})
    return areas, departments


def _write_calls(path: Path, areas: list[str], departments: list[str]) -> None:
    rng = random.Random(6)
    first = datetime(YEAR, 1, 1, 8, 0, tzinfo=CPH)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for n in range(ROWS):
            arrived = first + timedelta(days=n % 365, seconds=rng.randrange(9 * 3600))
            wait = rng.randrange(20) if rng.random() < 0.9 else 20 + rng.randrange(180)
            area = "" if rng.random() < 0.08 else rng.choice(areas)
            transferred_to = ""
            if rng.random() < 0.07:
                answered, result = "", "abandoned"
                ended = arrived + timedelta(seconds=wait)
            else:
                answered_at = arrived + timedelta(seconds=wait)
                answered = answered_at.isoformat()
                ended = answered_at + timedelta(seconds=30 + rng.randrange(400))
                x = rng.random()
                result = (
                    "resolved"
                    if x < 0.40
                    else "transferred"
                    if x < 0.72
                    else "callback"
                    if x < 0.88
                    else "futile"
                    if x < 0.95
                    else "returned"
                )
                if result in ("transferred", "futile", "returned"):
                    transferred_to = rng.choice(departments)
            writer.writerow(
                (
                    f"bench-{n}",
                    "main" if rng.random() < 0.85 else "department",
                    arrived.isoformat(),
                    answered,
                    ended.isoformat(),
                    result,
                    area,
                    transferred_to,
                )
            )


def _delete_imported() -> None:
    from indgang.contacts.models import Call, CallTally
    from indgang.contacts.tally import tallies_rebuild

    with transaction.atomic():
        Call.objects.filter(source=SOURCE).delete()
        if Call.objects.exists():
            tallies_rebuild()
        else:
            CallTally.objects.all().delete()


def _cleanup() -> None:
    from indgang.catalogue.models import Department, SubjectArea

    _delete_imported()
    SubjectArea.objects.filter(slug__startswith="bench-area-").delete()
    Department.objects.filter(slug__startswith="bench-department-").delete()


def _import(path: Path) -> tuple[float, int]:
    from indgang.contacts.imports import records_import

    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as stream:
        result = records_import(kind="calls", stream=stream, source=SOURCE)
    elapsed = time.perf_counter() - start
    assert result.ok and result.created == ROWS, (result.header_error, result.problems[:3])
    return elapsed, result.created


def _copy(path: Path) -> tuple[float, int]:
    """COPY the file into a fresh temporary table with the file's columns."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_calls_copy (call_id text, line text, "
            "arrived_at timestamptz, answered_at timestamptz, ended_at timestamptz, "
            "result text, subject_area text, transferred_to text) ON COMMIT DROP"
        )
        start = time.perf_counter()
        with (
            path.open("rb") as f,
            cursor.copy("COPY bench_calls_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while block := f.read(1 << 16):
                copy.write(block)
        elapsed = time.perf_counter() - start
        cursor.execute("SELECT count(*) FROM bench_calls_copy")
        rows = cursor.fetchone()[0]
    assert rows == ROWS, rows
    return elapsed, rows


_FLOOR_INSERT = """
INSERT INTO contacts_call (call_id, line, arrived_at, answered_at, ended_at, result,
    subject_area_id, transferred_to_id, wait_seconds, talk_seconds, source, created_at)
SELECT r.call_id, r.line, r.arrived_at, r.answered_at, r.ended_at, r.result, a.id, d.id,
       round(extract(epoch FROM coalesce(r.answered_at, r.ended_at) - r.arrived_at))::int,
       round(extract(epoch FROM r.ended_at - r.answered_at))::int,
       %s, now()
FROM bench_calls_copy r
LEFT JOIN catalogue_subjectarea a ON a.slug = r.subject_area
LEFT JOIN catalogue_department d ON d.slug = r.transferred_to
ON CONFLICT (call_id) DO NOTHING
"""


_TABLE_COLUMNS = (
    "call_id, line, arrived_at, answered_at, ended_at, result, subject_area_id, "
    "transferred_to_id, wait_seconds, talk_seconds, source, created_at"
)


def _write_table_rows(path: Path, out: Path) -> None:
    """The file's rows as contacts_call's columns (ids, seconds), for the baseline."""
    from indgang.catalogue.models import Department, SubjectArea

    areas = dict(SubjectArea.objects.values_list("slug", "pk"))
    departments = dict(Department.objects.values_list("slug", "pk"))
    created = datetime.now(tz=CPH).isoformat()
    with path.open(encoding="utf-8", newline="") as f, out.open("w", newline="") as o:
        writer = csv.writer(o)
        for row in csv.DictReader(f):
            arrived = datetime.fromisoformat(row["arrived_at"])
            ended = datetime.fromisoformat(row["ended_at"])
            answered = datetime.fromisoformat(row["answered_at"]) if row["answered_at"] else None
            wait = round(((answered or ended) - arrived).total_seconds())
            talk = round((ended - answered).total_seconds()) if answered else ""
            writer.writerow(
                (
                    row["call_id"],
                    row["line"],
                    row["arrived_at"],
                    row["answered_at"],
                    row["ended_at"],
                    row["result"],
                    areas.get(row["subject_area"], ""),
                    departments.get(row["transferred_to"], ""),
                    wait,
                    talk,
                    SOURCE,
                    created,
                )
            )


def _copy_into_table(table_rows: Path) -> float:
    """COPY the same rows straight into contacts_call; the rows are deleted after."""
    with transaction.atomic(), connection.cursor() as cursor:
        start = time.perf_counter()
        with (
            table_rows.open("rb") as f,
            cursor.copy(
                f"COPY contacts_call ({_TABLE_COLUMNS}) FROM STDIN WITH (FORMAT csv)"
            ) as copy,
        ):
            while block := f.read(1 << 16):
                copy.write(block)
        elapsed = time.perf_counter() - start
        cursor.execute("SELECT count(*) FROM contacts_call")
        rows = cursor.fetchone()[0]
    assert rows == ROWS, rows
    _delete_imported()
    return elapsed


def _sql_floor(path: Path) -> float:
    """For comparison: COPY the file into the temporary table and move the
    rows into contacts_call with one INSERT … SELECT (slugs joined, no row
    checks, no tallies): about the least any import into the real table,
    with its indexes and constraints, can cost."""
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_calls_copy (call_id text, line text, "
            "arrived_at timestamptz, answered_at timestamptz, ended_at timestamptz, "
            "result text, subject_area text, transferred_to text) ON COMMIT DROP"
        )
        with (
            path.open("rb") as f,
            cursor.copy("COPY bench_calls_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while block := f.read(1 << 16):
                copy.write(block)
        cursor.execute(_FLOOR_INSERT, [SOURCE])
        assert cursor.rowcount == ROWS, cursor.rowcount
    elapsed = time.perf_counter() - start
    _delete_imported()
    return elapsed


def run() -> None:
    if connection.vendor != "postgresql":
        print(
            "skipped: needs PostgreSQL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/indgang_bench "
            "python benchmarks/run.py bench_import"
        )
        return
    from indgang.contacts.models import Call

    _cleanup()  # leftovers of an interrupted run
    if Call.objects.exists():
        print("skipped: contacts_call must be empty (the import is measured into empty tables)")
        return
    with tempfile.TemporaryDirectory(prefix="indgang-bench-import-") as folder:
        path = Path(folder) / "calls.csv"
        try:
            areas, departments = _catalogue()
            start = time.perf_counter()
            _write_calls(path, areas, departments)
            written = time.perf_counter() - start
            size = path.stat().st_size
            imports = []
            for _ in range(IMPORT_RUNS):
                imports.append(_import(path)[0])
                _delete_imported()
            table_rows = Path(folder) / "table.csv"
            _write_table_rows(path, table_rows)
            copies = [_copy_into_table(table_rows) for _ in range(COPY_RUNS)]
            raw_copies = [_copy(path)[0] for _ in range(COPY_RUNS)]
            floor = _sql_floor(path)
        finally:
            _cleanup()

    import_rate = ROWS / min(imports)
    copy_rate = ROWS / min(copies)
    share = import_rate / copy_rate
    print(
        f"data: {connection.vendor}, calls CSV of {ROWS:,} rows ({size / 1e6:.1f} MB), "
        f"written in {written:.1f} s"
    )
    print(
        f"baseline COPY of the same rows into contacts_call: best {min(copies):6.2f} s   "
        f"{copy_rate:10,.0f} rows/s   (n={COPY_RUNS})"
    )
    print(
        f"measured records_import(kind='calls'): best {min(imports):6.2f} s   "
        f"{import_rate:10,.0f} rows/s   (runs: {', '.join(f'{t:.2f}' for t in imports)} s)"
    )
    print(
        f"for comparison, COPY + one INSERT … SELECT into contacts_call (no checks, no "
        f"tallies): {floor:6.2f} s   {ROWS / floor:10,.0f} rows/s   "
        f"(import/that: {import_rate / (ROWS / floor):.2f})"
    )
    print(
        f"for comparison, COPY of the raw file into an unindexed temporary table: "
        f"best {min(raw_copies):6.2f} s   {ROWS / min(raw_copies):10,.0f} rows/s"
    )
    print(
        f"ratio import/COPY speed: {share:.2f} (1/{1 / share:.1f})   "
        f"(target: at least 1/5: {'met' if share >= TARGET_SHARE else 'MISSED'})"
    )
