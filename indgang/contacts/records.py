"""One record of each kind as plain data, and the one parser behind the file
import and the API push: `call_parse`, `contact_parse`, `self_service_parse`
take a row (CSV strings or JSON values) and return a record or raise
`RecordError` with a Danish reason per field.

The field names are the file format's column names (docs/contacts.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _

from indgang.catalogue.models import Channel, Department, Location, Outcome, Service, SubjectArea

from .models import CallResult, Line, Point

CALL_FIELDS = (
    "call_id",
    "line",
    "arrived_at",
    "answered_at",
    "ended_at",
    "result",
    "subject_area",
    "transferred_to",
)
CONTACT_FIELDS = (
    "contact_id",
    "occurred_at",
    "channel",
    "point",
    "location",
    "subject_area",
    "service",
    "outcome",
    "wait_seconds",
    "handle_seconds",
)
SELF_SERVICE_FIELDS = ("service", "period_start", "period_end", "digital", "manual")

ID_MAX_LENGTH = 100


class RecordError(Exception):
    """A row that cannot be stored: {field: Danish reason}."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in errors.items()))


@dataclass(frozen=True, slots=True)
class CallRecord:
    call_id: str
    line: str
    arrived_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    result: str
    subject_area_id: int | None = None
    transferred_to_id: int | None = None

    @property
    def wait_seconds(self) -> int:
        until = self.answered_at or self.ended_at
        return max(0, round((until - self.arrived_at).total_seconds()))

    @property
    def talk_seconds(self) -> int | None:
        if self.answered_at is None:
            return None
        return max(0, round((self.ended_at - self.answered_at).total_seconds()))


@dataclass(frozen=True, slots=True)
class ContactRecord:
    contact_id: str | None
    occurred_at: datetime
    channel: str
    point: str = ""
    location_id: int | None = None
    subject_area_id: int | None = None
    service_id: int | None = None
    outcome: str = ""
    wait_seconds: int | None = None
    handling_seconds: int | None = None


@dataclass(frozen=True, slots=True)
class SelfServiceRecord:
    service_id: int
    period_start: date
    period_end: date
    digital: int
    manual: int


@dataclass
class Lookups:
    """Slug → id of everything a row may name, loaded once per import or push."""

    subject_areas: dict[str, int]
    departments: dict[str, int]
    locations: dict[str, int]
    services: dict[str, int]
    service_subject_area: dict[int, int | None]

    @classmethod
    def load(cls) -> Lookups:
        services = list(Service.objects.values_list("slug", "pk", "subject_area_id"))
        return cls(
            subject_areas=dict(SubjectArea.objects.values_list("slug", "pk")),
            departments=dict(Department.objects.values_list("slug", "pk")),
            locations=dict(Location.objects.values_list("slug", "pk")),
            services={slug: pk for slug, pk, _area in services},
            service_subject_area={pk: area for _slug, pk, area in services},
        )


_CALL_LINES = frozenset(Line.values)
_CALL_RESULTS = frozenset(CallResult.values)
_CHANNELS = frozenset(Channel.values)
_POINTS = frozenset(Point.values)
_OUTCOMES = frozenset(Outcome.values)


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _one_of(value: str, allowed: frozenset[str]) -> str:
    return _("skal være en af %(values)s, ikke “%(value)s”") % {
        "values": ", ".join(sorted(allowed)),
        "value": value,
    }


class _Row:
    """Collects the reasons for one row while its fields are read."""

    def __init__(self, raw: Mapping[str, object]):
        self.raw = raw
        self.errors: dict[str, str] = {}

    def text(self, field: str) -> str:
        return _text(self.raw.get(field))

    def required(self, field: str) -> str:
        value = self.text(field)
        if not value:
            self.errors[field] = _("mangler")
        return value

    def identifier(self, field: str) -> str:
        value = self.required(field)
        if len(value) > ID_MAX_LENGTH:
            self.errors[field] = _("højst %(n)d tegn") % {"n": ID_MAX_LENGTH}
        return value

    def choice(self, field: str, allowed: frozenset[str], *, optional: bool = False) -> str:
        value = self.text(field)
        if not value:
            if not optional:
                self.errors[field] = _("mangler")
            return ""
        if value not in allowed:
            self.errors[field] = _one_of(value, allowed)
        return value

    def instant(self, field: str, *, optional: bool = False) -> datetime | None:
        value = self.text(field)
        if not value:
            if not optional:
                self.errors[field] = _("mangler")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.errors[field] = _(
                "“%(value)s” er ikke et tidspunkt i ISO 8601 (fx 2019-03-04T09:15:00+01:00)"
            ) % {"value": value}
            return None
        if parsed.tzinfo is None or parsed.utcoffset() is None:
            self.errors[field] = _("“%(value)s” mangler tidszone (fx +01:00)") % {"value": value}
            return None
        return parsed

    def day(self, field: str) -> date | None:
        value = self.required(field)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.errors[field] = _("“%(value)s” er ikke en dato (ÅÅÅÅ-MM-DD)") % {"value": value}
            return None

    def count(self, field: str, *, optional: bool = False) -> int | None:
        value = self.raw.get(field)
        if isinstance(value, bool):
            self.errors[field] = _("skal være et helt tal, 0 eller mere")
            return None
        if isinstance(value, int):
            number = value
        else:
            text = _text(value)
            if not text:
                if not optional:
                    self.errors[field] = _("mangler")
                return None
            if not text.isdigit():
                self.errors[field] = _("“%(value)s” er ikke et helt tal, 0 eller mere") % {
                    "value": text
                }
                return None
            number = int(text)
        if number < 0:
            self.errors[field] = _("skal være et helt tal, 0 eller mere")
            return None
        return number

    def slug(self, field: str, known: dict[str, int], *, optional: bool = True) -> int | None:
        value = self.text(field)
        if not value:
            if not optional:
                self.errors[field] = _("mangler")
            return None
        pk = known.get(value)
        if pk is None:
            self.errors[field] = _("“%(value)s” findes ikke") % {"value": value}
        return pk

    def done(self) -> None:
        if self.errors:
            raise RecordError(self.errors)


def call_parse(raw: Mapping[str, object], lookups: Lookups) -> CallRecord:
    row = _Row(raw)
    call_id = row.identifier("call_id")
    line = row.choice("line", _CALL_LINES)
    arrived = row.instant("arrived_at")
    answered = row.instant("answered_at", optional=True)
    ended = row.instant("ended_at")
    result = row.choice("result", _CALL_RESULTS)
    subject_area_id = row.slug("subject_area", lookups.subject_areas)
    transferred_to_id = row.slug("transferred_to", lookups.departments)
    if result and "answered_at" not in row.errors:
        if result == CallResult.ABANDONED and answered is not None:
            row.errors["answered_at"] = _("skal være tom, når resultatet er abandoned")
        elif result != CallResult.ABANDONED and answered is None and not row.text("answered_at"):
            row.errors["answered_at"] = _(
                "tom betyder lagt på i kø: resultatet skal så være abandoned"
            )
    if arrived and ended and ended < arrived:
        row.errors["ended_at"] = _("ligger før arrived_at")
    if arrived and answered and answered < arrived:
        row.errors["answered_at"] = _("ligger før arrived_at")
    elif answered and ended and ended < answered:
        row.errors["ended_at"] = _("ligger før answered_at")
    row.done()
    return CallRecord(
        call_id=call_id,
        line=line,
        arrived_at=arrived,
        answered_at=answered,
        ended_at=ended,
        result=result,
        subject_area_id=subject_area_id,
        transferred_to_id=transferred_to_id,
    )


def contact_parse(raw: Mapping[str, object], lookups: Lookups) -> ContactRecord:
    row = _Row(raw)
    contact_id = row.identifier("contact_id")
    occurred = row.instant("occurred_at")
    channel = row.choice("channel", _CHANNELS)
    point = row.choice("point", _POINTS, optional=True)
    location_id = row.slug("location", lookups.locations)
    subject_area_id = row.slug("subject_area", lookups.subject_areas)
    service_id = row.slug("service", lookups.services)
    outcome = row.choice("outcome", _OUTCOMES, optional=True)
    wait = row.count("wait_seconds", optional=True)
    handle = row.count("handle_seconds", optional=True)
    row.done()
    if subject_area_id is None and service_id is not None:
        subject_area_id = lookups.service_subject_area.get(service_id)
    return ContactRecord(
        contact_id=contact_id,
        occurred_at=occurred,
        channel=channel,
        point=point,
        location_id=location_id,
        subject_area_id=subject_area_id,
        service_id=service_id,
        outcome=outcome,
        wait_seconds=wait,
        handling_seconds=handle,
    )


def self_service_parse(raw: Mapping[str, object], lookups: Lookups) -> SelfServiceRecord:
    row = _Row(raw)
    service_id = row.slug("service", lookups.services, optional=False)
    start = row.day("period_start")
    end = row.day("period_end")
    digital = row.count("digital")
    manual = row.count("manual")
    if start and end and end < start:
        row.errors["period_end"] = _("ligger før period_start")
    row.done()
    return SelfServiceRecord(
        service_id=service_id, period_start=start, period_end=end, digital=digital, manual=manual
    )
