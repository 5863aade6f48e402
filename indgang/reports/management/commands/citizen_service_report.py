"""python manage.py citizen_service_report --year 2019 [--quarter 2]
[--format json|html|pdf|xlsx] [--output FILE]"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indgang.reports.selectors import YEAR_MAX, YEAR_MIN, citizen_service_report

FORMATS = ("json", "html", "pdf", "xlsx")
BINARY = ("pdf", "xlsx")


class Command(BaseCommand):
    help = (
        "Borgerserviceberetningen for et år eller kvartal: JSON på standard output, "
        "eller HTML, PDF eller regneark i en fil (--output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="Året, fx 2019.")
        parser.add_argument(
            "--quarter", type=int, choices=(1, 2, 3, 4), help="Kun dette kvartal (1–4)."
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="Standard: json.")
        parser.add_argument(
            "--output", help="Skriv til denne fil (kræves for pdf og xlsx; ellers standard output)."
        )

    def handle(self, *args, year, quarter=None, format="json", output=None, **options):
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError(f"--year skal være mellem {YEAR_MIN} og {YEAR_MAX}, ikke {year}.")
        if format in BINARY and not output:
            raise CommandError(f"--format {format} kræver --output FIL.")
        report = citizen_service_report(year=year, quarter=quarter)
        if format == "json":
            text = json.dumps(report, ensure_ascii=False, indent=2)
        elif format == "html":
            from indgang.reports.render import report_html

            text = report_html(report)
        else:
            from indgang.reports.render import report_pdf, report_xlsx

            data = report_pdf(report) if format == "pdf" else report_xlsx(report)
            Path(output).write_bytes(data)
            self.stderr.write(f"Skrev {output} ({len(data)} bytes).")
            return
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Skrev {output}.")
        else:
            self.stdout.write(text)
