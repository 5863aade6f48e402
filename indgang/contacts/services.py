"""Every write to the contact registry. Each keeps the daily tallies in the
same transaction (`tally.py`).

- `calls_store`, `contacts_store`: idempotent by id (call_id / contact_id):
  a record whose id is stored already is skipped, never changed. Used by the
  file import, the API push and the demo. On PostgreSQL the rows go in with
  `COPY` into a temporary table and one `INSERT … ON CONFLICT DO NOTHING`, so
  two pushes of the same call at once store it once.
- `self_service_store`: one count per service and period; the same period
  again with other numbers is a correction and replaces them.
- `contact_register` / `contact_undo_last`: staff's one-click registration.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Channel, Location, Outcome, Service, SubjectArea
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import require_perm

from . import tally
from .models import Call, Contact, Point, SelfServiceCount
from .records import CallRecord, ContactRecord, SelfServiceRecord

CHUNK = 5000
STAFF_SOURCE = "staff"
UNDO_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class StoreResult:
    created: int = 0
    existing: int = 0
    updated: int = 0

    def __add__(self, other: StoreResult) -> StoreResult:
        return StoreResult(
            self.created + other.created,
            self.existing + other.existing,
            self.updated + other.updated,
        )


class DuplicateId(DomainError):
    message = _("Samme id står flere gange i de samme data.")


def _chunks(items: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _unique(ids: list[str]) -> None:
    if len(set(ids)) != len(ids):
        raise DuplicateId


def _stored_ids(model, field: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(model.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def _copy_insert(model, id_column: str, columns: list[str], rows: list[tuple]) -> set[str]:
    """PostgreSQL: COPY `rows` into a temporary table, then insert those whose
    id is new. Returns the ids that were inserted."""
    table = model._meta.db_table
    temp = f"_incoming_{table}"
    column_list = ", ".join(columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {temp}")
        cursor.execute(
            f"CREATE TEMP TABLE {temp} ON COMMIT DROP AS "  # noqa: S608 - our own table names
            f"SELECT {column_list} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY {temp} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM {temp} "  # noqa: S608
            f"ON CONFLICT ({id_column}) DO NOTHING RETURNING {id_column}"
        )
        inserted = {row[0] for row in cursor.fetchall()}
        cursor.execute(f"DROP TABLE {temp}")
    return inserted


_CALL_COLUMNS = [
    "call_id",
    "line",
    "arrived_at",
    "answered_at",
    "ended_at",
    "result",
    "subject_area_id",
    "transferred_to_id",
    "wait_seconds",
    "talk_seconds",
    "source",
    "created_at",
]


def _call_row(r: CallRecord, source: str, now: datetime) -> tuple:
    """A call as the values of `_CALL_COLUMNS`: for COPY and for the model alike."""
    return (
        r.call_id,
        r.line,
        r.arrived_at,
        r.answered_at,
        r.ended_at,
        r.result,
        r.subject_area_id,
        r.transferred_to_id,
        r.wait_seconds,
        r.talk_seconds,
        source,
        now,
    )


@transaction.atomic
def calls_store(*, records: Sequence[CallRecord], source: str = "") -> StoreResult:
    """Store the calls whose call_id is new; count them into the tallies."""
    ids = [r.call_id for r in records]
    _unique(ids)
    # PostgreSQL: ON CONFLICT DO NOTHING finds the stored ones, no lookup needed.
    stored = set() if connection.vendor == "postgresql" else _stored_ids(Call, "call_id", ids)
    new = [r for r in records if r.call_id not in stored]
    now = clock.now()
    rows = [_call_row(r, source, now) for r in new]
    if new and connection.vendor == "postgresql":
        inserted = _copy_insert(Call, "call_id", _CALL_COLUMNS, rows)
        new = [r for r in new if r.call_id in inserted]
    elif new:
        Call.objects.bulk_create(
            [Call(**dict(zip(_CALL_COLUMNS, row, strict=True))) for row in rows],
            batch_size=CHUNK,
        )
    tally.calls_add(new)
    return StoreResult(created=len(new), existing=len(records) - len(new))


_CONTACT_COLUMNS = [
    "external_id",
    "occurred_at",
    "channel",
    "point",
    "location_id",
    "subject_area_id",
    "service_id",
    "outcome",
    "wait_seconds",
    "handling_seconds",
    "source",
    "created_at",
]


def _contact_row(r: ContactRecord, source: str, now: datetime) -> tuple:
    """A contact as the values of `_CONTACT_COLUMNS`: for COPY and for the model alike."""
    return (
        r.contact_id or None,
        r.occurred_at,
        r.channel,
        r.point,
        r.location_id,
        r.subject_area_id,
        r.service_id,
        r.outcome,
        r.wait_seconds,
        r.handling_seconds,
        source,
        now,
    )


@transaction.atomic
def contacts_store(*, records: Sequence[ContactRecord], source: str = "") -> StoreResult:
    """Store the contacts whose contact_id is new; count them into the tallies."""
    ids = [r.contact_id for r in records if r.contact_id]
    _unique(ids)
    stored = (
        set() if connection.vendor == "postgresql" else _stored_ids(Contact, "external_id", ids)
    )
    new = [r for r in records if not r.contact_id or r.contact_id not in stored]
    now = clock.now()
    with_id = [r for r in new if r.contact_id]
    without_id = [r for r in new if not r.contact_id]
    if with_id and connection.vendor == "postgresql":
        rows = [_contact_row(r, source, now) for r in with_id]
        inserted = _copy_insert(Contact, "external_id", _CONTACT_COLUMNS, rows)
        with_id = [r for r in with_id if r.contact_id in inserted]
        to_create = without_id
    else:
        to_create = with_id + without_id
    Contact.objects.bulk_create(
        [
            Contact(**dict(zip(_CONTACT_COLUMNS, _contact_row(r, source, now), strict=True)))
            for r in to_create
        ],
        batch_size=CHUNK,
    )
    new = with_id + without_id
    tally.contacts_add(new)
    return StoreResult(created=len(new), existing=len(records) - len(new))


@transaction.atomic
def self_service_store(*, records: Sequence[SelfServiceRecord], source: str = "") -> StoreResult:
    """One count per (service, period_start, period_end): new ones are
    created, the same numbers again are left alone, other numbers replace
    the stored ones (a correction)."""
    keys = [(r.service_id, r.period_start, r.period_end) for r in records]
    if len(set(keys)) != len(keys):
        raise DuplicateId(_("Samme ydelse og periode står flere gange i de samme data."))
    service_ids = {r.service_id for r in records}
    stored = {
        (c.service_id, c.period_start, c.period_end): c
        for c in SelfServiceCount.objects.select_for_update().filter(service_id__in=service_ids)
    }
    now = clock.now()
    created, updated, same = [], [], 0
    for r, key in zip(records, keys, strict=True):
        current = stored.get(key)
        if current is None:
            created.append(
                SelfServiceCount(
                    service_id=r.service_id,
                    period_start=r.period_start,
                    period_end=r.period_end,
                    digital=r.digital,
                    manual=r.manual,
                    source=source,
                    updated_at=now,
                )
            )
        elif (current.digital, current.manual) == (r.digital, r.manual):
            same += 1
        else:
            current.digital, current.manual = r.digital, r.manual
            current.source, current.updated_at = source, now
            updated.append(current)
    SelfServiceCount.objects.bulk_create(created, batch_size=CHUNK)
    SelfServiceCount.objects.bulk_update(
        updated, ["digital", "manual", "source", "updated_at"], batch_size=CHUNK
    )
    return StoreResult(created=len(created), existing=same, updated=len(updated))


def _record_of(contact: Contact) -> ContactRecord:
    return ContactRecord(
        contact_id=contact.external_id,
        occurred_at=contact.occurred_at,
        channel=contact.channel,
        point=contact.point,
        subject_area_id=contact.subject_area_id,
        outcome=contact.outcome,
        wait_seconds=contact.wait_seconds,
        handling_seconds=contact.handling_seconds,
    )


@transaction.atomic
def contact_register(
    *,
    by,
    channel: str,
    point: str = "",
    location: Location | None = None,
    subject_area: SubjectArea | None = None,
    service: Service | None = None,
    outcome: str = Outcome.RESOLVED,
    wait_seconds: int | None = None,
    handling_seconds: int | None = None,
    booking=None,
    call: Call | None = None,
    source: str = STAFF_SOURCE,
    at: datetime | None = None,
) -> Contact:
    """Register one contact by a member of staff (one click), or by another
    part of Indgang (the agent desktop, the chat) on their behalf."""
    require_perm(by, "contacts.add_contact")
    if channel not in Channel.values:
        raise DomainError(_("Ukendt kanal."))
    if point and point not in Point.values:
        raise DomainError(_("Ukendt sted."))
    if outcome and outcome not in Outcome.values:
        raise DomainError(_("Ukendt udfald."))
    if subject_area is None and service is not None:
        subject_area = service.subject_area
    now = clock.now()
    contact = Contact.objects.create(
        occurred_at=at or now,
        channel=channel,
        point=point,
        location=location,
        subject_area=subject_area,
        service=service,
        outcome=outcome,
        wait_seconds=wait_seconds,
        handling_seconds=handling_seconds,
        staff=by,
        booking=booking,
        call=call,
        source=source,
        created_at=now,
    )
    tally.contacts_add([_record_of(contact)])
    return contact


@transaction.atomic
def contact_undo_last(*, by, within: timedelta = UNDO_WINDOW) -> Contact | None:
    """Delete the last contact `by` registered with one click in the last
    `within` (default 30 minutes). Returns the deleted contact (unsaved), or
    None when there is nothing to undo."""
    require_perm(by, "contacts.add_contact")
    last = (
        Contact.objects.select_for_update()
        .filter(staff=by, source=STAFF_SOURCE, created_at__gte=clock.now() - within)
        .order_by("-created_at", "-pk")
        .first()
    )
    if last is None:
        return None
    tally.contacts_add([_record_of(last)], sign=-1)
    last.delete()
    return last


def contacts_staff_forget(*, at: datetime | None = None) -> int:
    """Clear who registered contacts older than CONTACT_STAFF_RETENTION_DAYS.
    The contact itself stays: it is statistics, not personal data."""
    cutoff = (at or clock.now()) - timedelta(days=settings.CONTACT_STAFF_RETENTION_DAYS)
    return Contact.objects.filter(created_at__lt=cutoff, staff__isnull=False).update(staff=None)
