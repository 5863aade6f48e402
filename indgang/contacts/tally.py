"""Daily tallies of calls and contacts, kept in step with the rows.

The citizen-service report reads `CallTally` and `ContactTally` (a few
thousand rows a year) instead of scanning millions of calls. Every service
that stores or deletes a call or contact calls `calls_add`/`contacts_add` in
the same transaction; `tallies_rebuild()` recomputes both from the rows (a
repair tool, and what a bulk load outside the services must run).

The day is the local date (Europe/Copenhagen) of `arrived_at`/`occurred_at`.
Upserts use `INSERT … ON CONFLICT … DO UPDATE`, which PostgreSQL and SQLite
both understand, in key order so concurrent writers cannot deadlock.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.db.models.functions import Coalesce, TruncDate

from .models import WAIT_BUCKET_LIMITS, Call, CallTally, Contact, ContactTally
from .records import CallRecord, ContactRecord

BATCH = 500  # rows per statement: 8 values each, under SQLite's 32,766
COPY_FROM = 200  # PostgreSQL: more tally rows than this go in by COPY


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def wait_bucket(seconds: int) -> int:
    """0: ≤ 10 s, 1: ≤ 20 s, 2: ≤ 60 s, 3: > 60 s."""
    return bisect.bisect_left(WAIT_BUCKET_LIMITS, seconds)


def local_day(at: datetime, tz: ZoneInfo | None = None) -> date:
    return at.astimezone(tz or local_tz()).date()


def _upsert(model, keys: tuple[str, ...], sums: tuple[str, ...], rows: dict) -> None:
    """Add `rows` ({key tuple: [sums]}) to the tally table: one multi-row
    `INSERT … ON CONFLICT DO UPDATE` per batch (keys are unique in a batch)."""
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = (*keys, *sums)
    row_sql = f"({', '.join(['%s'] * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) VALUES "  # noqa: S608
    tail = f" ON CONFLICT ({', '.join(q(c) for c in keys)}) DO UPDATE SET " + ", ".join(
        f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in sums
    )
    params = [(*key, *values) for key, values in sorted(rows.items())]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(params) > COPY_FROM:
            # Many keys (a large import): COPY them into a temporary table and
            # upsert with one statement; psycopg would spend longer splitting
            # thousands of placeholders than the database spends on the rows.
            temp = f"_tally_{model._meta.db_table}"
            names = ", ".join(q(c) for c in columns)
            cursor.execute(f"DROP TABLE IF EXISTS {temp}")
            cursor.execute(
                f"CREATE TEMP TABLE {temp} ON COMMIT DROP AS "  # noqa: S608
                f"SELECT {names} FROM {table} WITH NO DATA"
            )
            with cursor.copy(f"COPY {temp} ({names}) FROM STDIN") as copy:
                for row in params:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM {temp} "  # noqa: S608
                f"ORDER BY {', '.join(q(c) for c in keys)}" + tail
            )
            cursor.execute(f"DROP TABLE {temp}")
            return
        for start in range(0, len(params), BATCH):
            batch = params[start : start + BATCH]
            cursor.execute(
                head + ", ".join([row_sql] * len(batch)) + tail,
                [value for row in batch for value in row],
            )


_CALL_KEYS = ("day", "line", "result", "subject_area_id", "wait_bucket")
_CALL_SUMS = ("calls", "wait_seconds", "talk_seconds")
_CONTACT_KEYS = ("day", "channel", "point", "outcome", "subject_area_id")
_CONTACT_SUMS = ("contacts", "wait_seconds", "handling_seconds")


def calls_add(records: Iterable[CallRecord], *, sign: int = 1) -> None:
    """Count `records` into the tallies (`sign=-1` takes them out again)."""
    tz = local_tz()
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in records:
        wait = r.wait_seconds
        key = (
            local_day(r.arrived_at, tz),
            r.line,
            r.result,
            r.subject_area_id or 0,
            wait_bucket(wait),
        )
        sums = rows[key]
        sums[0] += sign
        sums[1] += sign * wait
        sums[2] += sign * (r.talk_seconds or 0)
    _upsert(CallTally, _CALL_KEYS, _CALL_SUMS, rows)


def contacts_add(records: Iterable[ContactRecord], *, sign: int = 1) -> None:
    tz = local_tz()
    rows: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in records:
        key = (
            local_day(r.occurred_at, tz),
            r.channel,
            r.point or "",
            r.outcome or "",
            r.subject_area_id or 0,
        )
        sums = rows[key]
        sums[0] += sign
        sums[1] += sign * (r.wait_seconds or 0)
        sums[2] += sign * (r.handling_seconds or 0)
    _upsert(ContactTally, _CONTACT_KEYS, _CONTACT_SUMS, rows)


def _bucket_case():
    whens = [
        When(wait_seconds__lte=limit, then=Value(i)) for i, limit in enumerate(WAIT_BUCKET_LIMITS)
    ]
    return Case(*whens, default=Value(len(WAIT_BUCKET_LIMITS)), output_field=IntegerField())


@transaction.atomic
def tallies_rebuild() -> tuple[int, int]:
    """Recompute both tallies from the stored calls and contacts. Returns the
    number of tally rows written (calls, contacts)."""
    tz = local_tz()
    CallTally.objects.all().delete()
    ContactTally.objects.all().delete()
    call_rows = (
        Call.objects.order_by()
        .annotate(
            t_day=TruncDate("arrived_at", tzinfo=tz),
            t_area=Coalesce("subject_area_id", 0),
            t_bucket=_bucket_case(),
        )
        .values("t_day", "line", "result", "t_area", "t_bucket")
        .annotate(n=Count("pk"), w=Sum("wait_seconds"), t=Coalesce(Sum("talk_seconds"), 0))
    )
    calls = CallTally.objects.bulk_create(
        (
            CallTally(
                day=row["t_day"],
                line=row["line"],
                result=row["result"],
                subject_area_id=row["t_area"],
                wait_bucket=row["t_bucket"],
                calls=row["n"],
                wait_seconds=row["w"],
                talk_seconds=row["t"],
            )
            for row in call_rows.iterator()
        ),
        batch_size=BATCH,
    )
    contact_rows = (
        Contact.objects.order_by()
        .annotate(t_day=TruncDate("occurred_at", tzinfo=tz), t_area=Coalesce("subject_area_id", 0))
        .values("t_day", "channel", "point", "outcome", "t_area")
        .annotate(
            n=Count("pk"),
            w=Coalesce(Sum("wait_seconds"), 0),
            h=Coalesce(Sum("handling_seconds"), 0),
        )
    )
    contacts = ContactTally.objects.bulk_create(
        (
            ContactTally(
                day=row["t_day"],
                channel=row["channel"],
                point=row["point"],
                outcome=row["outcome"],
                subject_area_id=row["t_area"],
                contacts=row["n"],
                wait_seconds=row["w"],
                handling_seconds=row["h"],
            )
            for row in contact_rows.iterator()
        ),
        batch_size=BATCH,
    )
    return len(calls), len(contacts)
