"""`python manage.py import_records <kind> <file.csv>`: import calls, contacts
or self-service counts from a CSV file, all or nothing (docs/contacts.md)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from indgang.audit.services import audit_record
from indgang.contacts.imports import KINDS, ImportResult, records_import


def _lines_count(path: Path) -> int:
    """Lines in the file, less the header: the progress bar's total (an upper
    bound when quoted fields span lines)."""
    count = 0
    last = b"\n"
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        count += 1
    return max(0, count - 1)


class Command(BaseCommand):
    help = (
        "Import a CSV file of calls, self-service counts or contacts. A file with any "
        "bad row stores nothing; the same file twice stores nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS, help="What the file holds.")
        parser.add_argument("file", help="The CSV file (UTF-8, comma-separated, header row).")
        parser.add_argument(
            "--source",
            default="import",
            help="Stored on every new row as its source (default 'import').",
        )
        shown = parser.add_mutually_exclusive_group()
        shown.add_argument(
            "--progress",
            dest="progress",
            action="store_true",
            default=None,
            help="Show a progress bar (default: when standard error is a terminal).",
        )
        shown.add_argument(
            "--no-progress", dest="progress", action="store_false", help="Hide the progress bar."
        )

    def handle(self, *args, kind: str, file: str, source: str, progress: bool | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(
                _("Filen %(file)s findes ikke eller er ikke en fil.") % {"file": file}
            )
        show = progress if progress is not None else sys.stderr.isatty()
        try:
            total = _lines_count(path) if show else None
            with path.open(encoding="utf-8-sig", newline="") as stream:
                bar = tqdm(
                    total=total, unit=_(" rækker"), file=sys.stderr, disable=not show, leave=True
                )
                done = 0

                def advance(rows: int) -> None:
                    nonlocal done
                    bar.update(rows - done)
                    done = rows

                try:
                    result = records_import(
                        kind=kind, stream=stream, source=source, progress=advance
                    )
                finally:
                    bar.close()
        except OSError as exc:
            raise CommandError(
                _("Filen %(file)s kan ikke læses: %(error)s") % {"file": file, "error": exc}
            ) from exc
        if not result.ok:
            self._problems_write(result)
            raise CommandError(_("Intet er gemt."))
        audit_record(
            actor=None,
            action="contacts.import",
            extra={
                "kind": kind,
                "file": path.name,
                "via": "command",
                "rows": result.rows,
                "created": result.created,
                "existing": result.existing,
                "updated": result.updated,
            },
        )
        self.stdout.write(self._summary(result))

    def _problems_write(self, result: ImportResult) -> None:
        if result.header_error:
            self.stderr.write(result.header_error)
            return
        for problem in result.problems:
            self.stderr.write(str(problem))
        self.stderr.write(
            _("%(bad)d af %(rows)d rækker har fejl.")
            % {"bad": len(result.problems), "rows": result.rows}
        )

    @staticmethod
    def _summary(result: ImportResult) -> str:
        text = _("%(rows)d rækker læst: %(created)d nye, %(existing)d fandtes allerede") % {
            "rows": result.rows,
            "created": result.created,
            "existing": result.existing,
        }
        if result.kind == "self_service":
            text += _(", %(updated)d rettet") % {"updated": result.updated}
        return text + "."
