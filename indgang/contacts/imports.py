"""File import of calls, contacts and self-service counts (docs/contacts.md).

`records_import` reads one CSV file of one kind, checks every row with the
parsers in `records.py` and stores the lot in one transaction through the
services — or, when any row is bad, stores nothing and returns every bad row
with its line number and a Danish reason per field. Ids stored already are
skipped, so the same file imported twice stores nothing new.

The management command `import_records` and the managers' upload page are thin
wrappers around this function.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from . import services
from .records import (
    CALL_FIELDS,
    CONTACT_FIELDS,
    SELF_SERVICE_FIELDS,
    Lookups,
    RecordError,
    call_parse,
    contact_parse,
    self_service_parse,
)

KINDS = ("calls", "self_service", "contacts")
COLUMNS: dict[str, tuple[str, ...]] = {
    "calls": CALL_FIELDS,
    "self_service": SELF_SERVICE_FIELDS,
    "contacts": CONTACT_FIELDS,
}
# The column whose value must be unique within a file (self-service: the
# service and period, checked on the parsed record).
ID_COLUMN = {"calls": "call_id", "contacts": "contact_id", "self_service": None}
_PARSERS: dict[str, Callable[[Mapping[str, Any], Lookups], Any]] = {
    "calls": call_parse,
    "self_service": self_service_parse,
    "contacts": contact_parse,
}
_STORES = {
    "calls": services.calls_store,
    "self_service": services.self_service_store,
    "contacts": services.contacts_store,
}

# Key of a reason that concerns the whole row rather than one field.
ROW = ""
PROGRESS_EVERY = 1000


@dataclass
class RowProblem:
    """One bad row: its line number in the file (the header is line 1) and a
    Danish reason per field ("" for the row as a whole)."""

    line: int
    reasons: dict[str, str]

    @property
    def text(self) -> str:
        """`arrived_at: …; result: …` (a reason for the whole row without a name)."""
        return "; ".join(
            reason if name == ROW else f"{name}: {reason}" for name, reason in self.reasons.items()
        )

    def __str__(self) -> str:
        return _("Linje %(line)d: %(reasons)s") % {"line": self.line, "reasons": self.text}


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    existing: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    # The file as a whole cannot be read as this kind: a missing or unknown
    # column, not UTF-8, broken CSV. Nothing is stored.
    header_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.header_error is None and not self.problems


def _names(columns) -> str:
    return ", ".join(columns)


def _header_check(kind: str, header: list[str]) -> str | None:
    expected = COLUMNS[kind]
    names = [name.strip() for name in header]
    missing = [name for name in expected if name not in names]
    unknown = [name for name in names if name not in expected]
    doubled = sorted({name for name in names if names.count(name) > 1 and name in expected})
    parts = []
    if missing:
        parts.append(_("Kolonner mangler: %(columns)s.") % {"columns": _names(missing)})
    if unknown:
        shown = [name or _("(tom)") for name in unknown]
        parts.append(_("Ukendte kolonner: %(columns)s.") % {"columns": _names(shown)})
    if doubled:
        parts.append(_("Kolonner står flere gange: %(columns)s.") % {"columns": _names(doubled)})
    if not parts:
        return None
    parts.append(
        _("En fil med %(kind)s skal have overskriften %(columns)s.")
        % {"kind": kind, "columns": ",".join(expected)}
    )
    return " ".join(parts)


def records_import(
    *,
    kind: str,
    stream: IO[str],
    source: str = "import",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import one CSV file of `kind` ("calls", "self_service", "contacts").

    `stream` is text (open it with `newline=""` so quoted line breaks are
    kept); a UTF-8 byte-order mark is skipped. Every row is parsed before
    anything is stored; with any problem nothing is stored and the result
    lists every bad row. `progress(n)` is called with the rows read so far
    every `PROGRESS_EVERY` rows and once more when the rows are stored.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    result = ImportResult(kind=kind)
    reader = csv.reader(stream)
    try:
        try:
            header = next(reader)
        except StopIteration:
            result.header_error = _(
                "Filen er tom: den første linje skal være overskriften %(columns)s."
            ) % {"columns": ",".join(COLUMNS[kind])}
            return result
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        result.header_error = _header_check(kind, header)
        if result.header_error:
            return result
        records = _rows_parse(kind, reader, header, result, progress)
    except UnicodeDecodeError:
        result.header_error = _(
            "Filen er ikke gyldig UTF-8 (fejl efter linje %(line)d). Gem den som CSV i UTF-8."
        ) % {"line": reader.line_num}
        return result
    except csv.Error as exc:
        result.header_error = _("Filen kan ikke læses som CSV (linje %(line)d): %(error)s") % {
            "line": reader.line_num,
            "error": exc,
        }
        return result
    if result.problems:
        return result
    with transaction.atomic():
        stored = _STORES[kind](records=records, source=source)
    result.created, result.existing, result.updated = (
        stored.created,
        stored.existing,
        stored.updated,
    )
    if progress is not None:
        progress(result.rows)
    return result


def _rows_parse(kind, reader, header, result, progress) -> list:
    """Parse every row after the header; bad rows go to `result.problems`."""
    lookups = Lookups.load()
    parse = _PARSERS[kind]
    names = [name.strip() for name in header]
    width = len(names)
    id_index = names.index(ID_COLUMN[kind]) if ID_COLUMN[kind] else None
    seen: dict[Any, int] = {}
    records = []
    problems = result.problems
    rows = 0
    last_line = reader.line_num
    for fields in reader:
        line = last_line + 1  # where the row starts; a quoted field may span lines
        last_line = reader.line_num
        if not fields:  # an empty line
            continue
        rows += 1
        if progress is not None and rows % PROGRESS_EVERY == 0:
            progress(rows)
        if len(fields) != width:
            if len(fields) == 1 and not fields[0].strip():
                rows -= 1  # a line of blanks
                continue
            problems.append(
                RowProblem(
                    line,
                    {
                        ROW: _("rækken har %(found)d felter, overskriften har %(expected)d")
                        % {"found": len(fields), "expected": width}
                    },
                )
            )
            continue
        reasons: dict[str, str] | None = None
        record = None
        try:
            record = parse(dict(zip(names, fields, strict=True)), lookups)
        except RecordError as exc:
            reasons = exc.errors
        # An id twice in the same file: the later line is the problem.
        if id_index is not None:
            key = fields[id_index].strip()
        elif record is not None:
            key = (record.service_id, record.period_start, record.period_end)
        else:
            key = None
        if key:
            earlier = seen.setdefault(key, line)
            if earlier != line:
                reasons = dict(reasons or {})
                if id_index is not None:
                    reasons[names[id_index]] = _("står også i linje %(line)d") % {"line": earlier}
                else:
                    reasons[ROW] = _("samme ydelse og periode står også i linje %(line)d") % {
                        "line": earlier
                    }
        if reasons:
            problems.append(RowProblem(line, reasons))
        elif not problems:
            records.append(record)
    result.rows = rows
    return records
