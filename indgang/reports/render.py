"""The citizen-service report as a document: HTML (the page's sections in a
standalone file with inline CSS), PDF (WeasyPrint from that HTML) and a
spreadsheet (openpyxl). Everything is made from the plain dict that
`selectors.citizen_service_report()` returns, so the page, the PDF, the
spreadsheet and the management command show the same figures.

Nothing here fetches anything: the HTML has no external assets, charts are
inline SVG (charts.py), and WeasyPrint gets no base URL and a URL fetcher
that allows no protocol at all."""

from __future__ import annotations

import io
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indgang.booking.models import BookingChannel
from indgang.frontdesk.models import OnTime

from .charts import QUARTER_LABELS, report_charts, wait_labels

SELF_SERVICE_CHANNELS = ("self_service", "chat", "email", "digital_post")


def _pct(part: int | float, whole: int | float) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _name(names: dict, slug: str) -> str:
    return names.get(slug) or slug


# --- The view model the templates render ------------------------------------------


def report_title(report: dict) -> str:
    if report.get("quarter"):
        return _("Borgerservicerapport %(year)s, %(quarter)s. kvartal") % {
            "year": report["year"],
            "quarter": report["quarter"],
        }
    return _("Borgerservicerapport %(year)s") % {"year": report["year"]}


def report_is_empty(report: dict) -> bool:
    """True when the period has no contacts, calls, counts or bookings at all."""
    return not (
        report["channels"]["year"]["total"]
        or report["switchboard"]["incoming"]
        or report["contact_centre"].get("incoming")
        or report["personal"]["expeditions"]["total"]
        or report["personal"]["information_desk"]
        or report["personal"]["cash_desk"]
        or report["self_service"]
        or report["digital_mail"]["secure"]
        or report["digital_mail"]["plain"]
        or report.get("booking")
    )


def _kpis(report: dict) -> list[dict]:
    rows = []
    for kpi in report["kpis"]:
        target_text = _("højst") if kpi["direction"] == "at_most" else _("mindst")
        if kpi["met"] is None:
            verdict, status = _("Ingen data"), "none"
        elif kpi["met"]:
            verdict, status = _("Mål nået"), "met"
        else:
            verdict, status = _("Mål ikke nået"), "missed"
        rows.append({**kpi, "target_text": target_text, "verdict": verdict, "status": status})
    return rows


def _channels(report: dict) -> dict:
    labels = report["labels"]["channels"]
    period = report["channels"]["year"]
    total = period["total"]
    rows = [
        {
            "key": key,
            "label": label,
            "count": period.get(key, 0),
            "share": _pct(period.get(key, 0), total),
            "digital": key in SELF_SERVICE_CHANNELS,
        }
        for key, label in labels.items()
    ]
    by_year = report["channels"]["by_year"]
    year_rows = [
        {"label": label, "values": [row.get(key, 0) for row in by_year]}
        for key, label in labels.items()
    ]
    return {
        "rows": rows,
        "total": total,
        "digital_share_pct": period["digital_share_pct"],
        "years": [row["year"] for row in by_year],
        "year_rows": year_rows,
        "year_totals": [row["total"] for row in by_year],
        "year_digital_share": [row["digital_share_pct"] for row in by_year],
    }


def _counts(counts: dict, names: dict) -> list[dict]:
    total = sum(counts.values())
    rows = [
        {"slug": slug, "label": _name(names, slug), "count": n, "share": _pct(n, total)}
        for slug, n in counts.items()
    ]
    rows.sort(key=lambda row: (-row["count"], row["label"]))
    return rows


def _switchboard(report: dict) -> dict:
    board = report["switchboard"]
    waits = [
        {
            "key": key,
            "label": label,
            "answered": board["answered_wait"][key],
            "abandoned": board["abandoned_wait"][key],
        }
        for key, label in wait_labels().items()
    ]
    quarters = [
        {
            "label": label,
            "incoming": q["incoming"],
            "abandoned": q["abandoned"],
            "abandoned_pct": _pct(q["abandoned"], q["incoming"]),
        }
        for label, q in zip(QUARTER_LABELS, board["by_quarter"], strict=True)
    ]
    return {**board, "waits": waits, "quarters": quarters}


def _contact_centre(report: dict) -> dict:
    centre = report["contact_centre"]
    fcr = centre["first_contact_resolution_pct"]
    return {
        **centre,
        "fcr_year": fcr["year"],
        "fcr_quarters": [
            {"label": label, "value": value}
            for label, value in zip(QUARTER_LABELS, fcr["by_quarter"], strict=True)
        ],
    }


def _self_service(report: dict) -> list[dict]:
    names = report["labels"]["services"]
    rows = [
        {
            "slug": slug,
            "label": _name(names, slug),
            "mandatory": bool(s.get("mandatory")),
            "digital": s["digital"],
            "manual": s["manual"],
            "digitisation_pct": s["digitisation_pct"],
            "by_quarter": s["by_quarter"],
            "met": (
                None
                if s["digitisation_pct"] is None
                else s["digitisation_pct"] >= report["targets"]["digitisation_pct"]
            ),
        }
        for slug, s in report["self_service"].items()
    ]
    rows.sort(key=lambda row: (not row["mandatory"], row["label"]))
    return rows


def _phone(report: dict) -> list[dict]:
    names = report["labels"]["subject_areas"]
    rows = [
        {
            "label": _name(names, slug),
            "calls": v["calls"],
            "resolved": v["resolved"],
            "resolved_pct": _pct(v["resolved"], v["calls"]),
        }
        for slug, v in report["phone_by_subject_area"].items()
    ]
    rows.sort(key=lambda row: (-row["calls"], row["label"]))
    return rows


def _booking(report: dict) -> dict | None:
    booking = report.get("booking")
    if not booking:
        return None
    channel_labels = {c.value: str(c.label) for c in BookingChannel}
    bucket_labels = {b.value: str(b.label) for b in OnTime}
    channels = booking["channels"]
    served = booking["served_on_time"]
    return {
        "channels": _counts(channels, channel_labels),
        "channels_total": sum(channels.values()),
        "served_total": served["total"],
        "on_time_pct": served["on_time_pct"],
        "buckets": [
            {
                "label": bucket_labels.get(key, key),
                "count": n,
                "share": _pct(n, served["total"]),
            }
            for key, n in served["buckets"].items()
        ],
        "survey": booking["survey"],
    }


def _centre_measures(report: dict) -> dict | None:
    """FCR by subject area, calls per resolved question and callbacks (may be absent)."""
    measures = report.get("contact_centre_measures")
    if not measures:
        return None
    areas = report["labels"]["subject_areas"]
    return {
        "areas": [
            {"label": _name(areas, slug), **values}
            for slug, values in sorted(
                measures["first_contact_resolution_by_subject_area"].items(),
                key=lambda item: _name(areas, item[0]),
            )
        ],
        "calls_per_resolved_question": measures["calls_per_resolved_question"],
        "callbacks": measures["callbacks"],
    }


def report_context(report: dict, *, charts: bool = True) -> dict:
    """What the report templates need: the report plus rows ready to render
    (and the charts as SVG, unless `charts=False`)."""
    areas = report["labels"]["subject_areas"]
    mail = report["digital_mail"]
    expeditions = report["personal"]["expeditions"]
    return {
        "report": report,
        "title": report_title(report),
        "empty": report_is_empty(report),
        "period_start": date.fromisoformat(report["period"]["start"]),
        "period_end": date.fromisoformat(report["period"]["end"]),
        "generated_at": datetime.fromisoformat(report["generated_at"]),
        "kpis": _kpis(report),
        "channels": _channels(report),
        "personal": report["personal"],
        "expeditions": expeditions,
        "expedition_quarters": list(zip(QUARTER_LABELS, expeditions["by_quarter"], strict=True)),
        "personal_areas": _counts(report["personal"]["by_subject_area"], areas),
        "switchboard": _switchboard(report),
        "contact_centre": _contact_centre(report),
        "centre_measures": _centre_measures(report),
        "self_service": _self_service(report),
        "quarter_labels": QUARTER_LABELS,
        "subject_areas": _counts(report["by_subject_area"], areas),
        "phone": _phone(report),
        "mail": mail,
        "mail_areas": _counts(mail["by_subject_area"], areas),
        "mail_forwarded": _counts(mail["forwarded_to"], report["labels"].get("departments", {})),
        "booking": _booking(report),
        "targets": report["targets"],
        "charts": report_charts(report) if charts else {},
    }


# --- The three formats ------------------------------------------------------------


def report_html(report: dict, *, for_pdf: bool = False) -> str:
    """The report as one standalone HTML document (inline CSS and SVG)."""
    context = report_context(report)
    context["for_pdf"] = for_pdf
    context["language"] = get_language() or "da"
    return render_to_string("reports/document.html", context)


def report_pdf(report: dict) -> bytes:
    """The report as PDF (A4), from `report_html(for_pdf=True)`."""
    from weasyprint import HTML  # heavy; only when a PDF is asked for
    from weasyprint.urls import URLFetcher

    html = report_html(report, for_pdf=True)
    no_fetching = URLFetcher(allowed_protocols=())  # every URL refused, none fetched
    return HTML(string=html, base_url=None, url_fetcher=no_fetching).write_pdf()


def report_xlsx(report: dict) -> bytes:
    """The report as a workbook, one sheet per section; numbers as numbers."""
    buffer = io.BytesIO()
    _workbook(report_context(report, charts=False)).save(buffer)
    return buffer.getvalue()


# --- The spreadsheet --------------------------------------------------------------

COUNT_FORMAT = "#,##0"
PCT_FORMAT = "0.0"
RATIO_FORMAT = "0.00"


class _Sheet:
    """Writes a sheet top-down: a title, then blocks of a bold header and rows."""

    def __init__(self, workbook, title: str, heading: str, widths: tuple[int, ...]):
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.font_bold = Font(bold=True)
        self.ws = workbook.create_sheet(title)
        self.ws.append([heading])
        self.ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width

    def header(self, *labels: str) -> None:
        """A blank row, then the bold column headings of the next block."""
        self.ws.append([])
        self.ws.append(list(labels))
        for cell in self.ws[self.ws.max_row]:
            cell.font = self.font_bold

    def row(self, *values, formats: tuple[str | None, ...] = ()) -> None:
        self.ws.append(list(values))
        for cell, number_format in zip(self.ws[self.ws.max_row], formats, strict=False):
            if number_format and isinstance(cell.value, int | float):
                cell.number_format = number_format

    def text(self, value: str) -> None:
        self.ws.append([value])


def _count_row(sheet: _Sheet, label: str, value) -> None:
    sheet.row(label, value, formats=(None, COUNT_FORMAT))


def _pct_row(sheet: _Sheet, label: str, value) -> None:
    sheet.row(label, value, formats=(None, PCT_FORMAT))


def _workbook(ctx: dict):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    C, P = COUNT_FORMAT, PCT_FORMAT
    yes, no = _("ja"), _("nej")

    # Overblik: every KPI against its target.
    sheet = _Sheet(workbook, _("Overblik"), ctx["title"], (48, 14, 14, 10, 16))
    sheet.text(
        _("Periode: %(start)s – %(end)s")
        % {
            "start": date_format(ctx["period_start"], "j. F Y"),
            "end": date_format(ctx["period_end"], "j. F Y"),
        }
    )
    sheet.header(_("Nøgletal"), _("Resultat (%)"), _("Mål (%)"), _("Mål er"), _("Mål nået"))
    for kpi in ctx["kpis"]:
        met = "–" if kpi["met"] is None else (yes if kpi["met"] else no)
        sheet.row(
            kpi["label"], kpi["value"], kpi["target"], kpi["target_text"], met, formats=(None, P, P)
        )

    # Personlig betjening
    personal, expeditions = ctx["personal"], ctx["expeditions"]
    sheet = _Sheet(workbook, _("Personlig betjening"), _("Personlig betjening"), (40, 16, 12))
    sheet.header(_("Nøgletal"), _("Antal"))
    _count_row(sheet, _("Personlige ekspeditioner"), expeditions["total"])
    _count_row(sheet, _("Samme periode året før"), expeditions["previous_year_total"])
    _pct_row(sheet, _("Ændring i forhold til året før (%)"), expeditions["change_pct"])
    _count_row(sheet, _("Ekspeditioner om lørdagen"), personal["saturday"])
    _count_row(sheet, _("Informationen"), personal["information_desk"])
    _count_row(sheet, _("Kassen"), personal["cash_desk"])
    _count_row(sheet, _("Medbetjening ved selvbetjenings-pc"), personal["co_service"])
    sheet.header(_("Kvartal"), _("Ekspeditioner"))
    for label, n in ctx["expedition_quarters"]:
        _count_row(sheet, label, n)
    sheet.header(_("Fagområde"), _("Ekspeditioner"), _("Andel (%)"))
    for row in ctx["personal_areas"]:
        sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))

    # Omstilling
    board = ctx["switchboard"]
    sheet = _Sheet(workbook, _("Omstilling"), _("Omstillingen (hovednummeret)"), (30, 14, 14, 14))
    sheet.header(_("Nøgletal"), _("Antal"))
    _count_row(sheet, _("Indgående opkald"), board["incoming"])
    _count_row(sheet, _("Besvaret"), board["answered"])
    _count_row(sheet, _("Lagt på i kø"), board["abandoned"])
    _pct_row(sheet, _("Besvaret (%)"), board["answered_pct"])
    _pct_row(sheet, _("Lagt på (%)"), board["abandoned_pct"])
    sheet.header(_("Ventetid"), _("Besvaret"), _("Lagt på"))
    for row in board["waits"]:
        sheet.row(row["label"], row["answered"], row["abandoned"], formats=(None, C, C))
    sheet.header(_("Kvartal"), _("Indgående"), _("Lagt på"), _("Lagt på (%)"))
    for row in board["quarters"]:
        sheet.row(
            row["label"],
            row["incoming"],
            row["abandoned"],
            row["abandoned_pct"],
            formats=(None, C, C, P),
        )

    # Kontaktcenter
    centre, targets = ctx["contact_centre"], ctx["targets"]
    sheet = _Sheet(workbook, _("Kontaktcenter"), _("Kontaktcenteret"), (42, 18, 12))
    sheet.header(_("Nøgletal"), _("Værdi"))
    _pct_row(sheet, _("Besvaret inden for 20 sek. (%)"), centre["service_level_pct"])
    _pct_row(sheet, _("Lagt på efter 20 sek. (%)"), centre["abandoned_after_20s_pct"])
    _pct_row(sheet, _("Straksafklaring (%)"), centre["fcr_year"])
    _count_row(sheet, _("Forgæves opkald (afdeling lukket)"), centre["futile_calls"])
    _count_row(sheet, _("Returnerede opkald"), centre["returned_calls"])
    sheet.row(
        _("Opkald pr. løst spørgsmål"),
        centre.get("calls_per_resolved_question"),
        formats=(None, RATIO_FORMAT),
    )
    _count_row(sheet, _("Opkald i alt (alle linjer)"), centre.get("incoming"))
    _count_row(sheet, _("Løst ved første kontakt (alle linjer)"), centre.get("resolved"))
    sheet.header(_("Kvartal"), _("Straksafklaring (%)"), _("Mål (%)"))
    for row in centre["fcr_quarters"]:
        sheet.row(
            row["label"],
            row["value"],
            targets["first_contact_resolution_pct"],
            formats=(None, P, P),
        )

    measures = ctx["centre_measures"]
    if measures:
        callbacks = measures["callbacks"]
        sheet.header(_("Kontaktcenterets mål"), _("Værdi"))
        sheet.row(
            _("Opkald pr. løst spørgsmål (hovednummer og registrerede opkald)"),
            measures["calls_per_resolved_question"],
            formats=(None, RATIO_FORMAT),
        )
        _count_row(sheet, _("Tilbagekald oprettet"), callbacks["total"])
        _count_row(sheet, _("Tilbagekald udført"), callbacks["done"])
        _count_row(sheet, _("Udført inden for fristen"), callbacks["done_within_deadline"])
        _pct_row(sheet, _("Udført inden for fristen (%)"), callbacks["within_deadline_pct"])
        _count_row(sheet, _("Åbne tilbagekald over fristen"), callbacks["overdue_open"])
        sheet.header(_("Fagområde"), _("Løst"), _("Håndteret"), _("Straksafklaring (%)"))
        for row in measures["areas"]:
            sheet.row(
                row["label"], row["resolved"], row["handled"], row["pct"], formats=(None, C, C, P)
            )

    # Selvbetjening
    sheet = _Sheet(
        workbook,
        _("Selvbetjening"),
        _("Selvbetjening"),
        (32, 13, 12, 12, 20, 10, 10, 10, 10, 10),
    )
    sheet.header(
        _("Løsning"),
        _("Obligatorisk"),
        _("Digitalt"),
        _("Manuelt"),
        _("Digitaliseringsgrad (%)"),
        *(f"{q} (%)" for q in ctx["quarter_labels"]),
        _("Mål (%)"),
    )
    for row in ctx["self_service"]:
        sheet.row(
            row["label"],
            yes if row["mandatory"] else no,
            row["digital"],
            row["manual"],
            row["digitisation_pct"],
            *row["by_quarter"],
            targets["digitisation_pct"],
            formats=(None, None, C, C, P, P, P, P, P, P),
        )

    # Kanaler: the channel mix over the years, then the period.
    channels = ctx["channels"]
    years = channels["years"]
    sheet = _Sheet(
        workbook, _("Kanaler"), _("Henvendelser pr. kanal"), (30, *([12] * max(len(years), 2)))
    )
    sheet.header(_("Kanal"), *years)
    year_formats = (None, *([C] * len(years)))
    for row in channels["year_rows"]:
        sheet.row(row["label"], *row["values"], formats=year_formats)
    sheet.row(_("I alt"), *channels["year_totals"], formats=year_formats)
    sheet.row(
        _("Digital andel (%)"),
        *channels["year_digital_share"],
        formats=(None, *([P] * len(years))),
    )
    sheet.header(_("Kanal (perioden)"), _("Antal"), _("Andel (%)"))
    for row in channels["rows"]:
        sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))
    sheet.row(_("I alt"), channels["total"], formats=(None, C))
    sheet.row(_("Digital andel (%)"), None, channels["digital_share_pct"], formats=(None, C, P))

    # Fagområder
    sheet = _Sheet(workbook, _("Fagområder"), _("Henvendelser pr. fagområde"), (34, 14, 20, 12))
    sheet.header(_("Fagområde"), _("Henvendelser"), _("Andel (%)"))
    for row in ctx["subject_areas"]:
        sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))
    sheet.header(_("Fagområde (telefon)"), _("Opkald"), _("Løst ved første kontakt"), _("Løst (%)"))
    for row in ctx["phone"]:
        sheet.row(
            row["label"],
            row["calls"],
            row["resolved"],
            row["resolved_pct"],
            formats=(None, C, C, P),
        )

    # Digital post
    mail = ctx["mail"]
    sheet = _Sheet(workbook, _("Digital post"), _("Digital post"), (34, 14, 12))
    sheet.header(_("Post"), _("Antal"))
    _count_row(sheet, _("Sikker post"), mail["secure"])
    _count_row(sheet, _("Almindelig post"), mail["plain"])
    sheet.header(_("Fagområde"), _("Antal"), _("Andel (%)"))
    for row in ctx["mail_areas"]:
        sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))
    sheet.header(_("Videresendt til"), _("Antal"), _("Andel (%)"))
    for row in ctx["mail_forwarded"]:
        sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))

    # Booking
    booking = ctx["booking"]
    sheet = _Sheet(workbook, _("Booking"), _("Tidsbestilling"), (44, 14, 12))
    if booking is None:
        sheet.text(_("Ingen tidsbestillinger i perioden."))
    else:
        sheet.header(_("Bestilt via"), _("Antal"), _("Andel (%)"))
        for row in booking["channels"]:
            sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))
        sheet.header(_("Betjent"), _("Antal"), _("Andel (%)"))
        for row in booking["buckets"]:
            sheet.row(row["label"], row["count"], row["share"], formats=(None, C, P))
        sheet.row(_("I alt kaldt"), booking["served_total"], formats=(None, C))
        _pct_row(sheet, _("Før eller til tiden (%)"), booking["on_time_pct"])
        survey = booking["survey"]
        sheet.header(_("Tilfredshedsundersøgelse"), _("Antal"), _("Andel (%)"))
        _count_row(sheet, _("Svar i alt"), survey["answers"])
        for question in survey["questions"]:
            sheet.header(question["question"], _("Antal"), _("Andel (%)"))
            for row in question["rows"]:
                sheet.row(row["label"], row["count"], row["pct"], formats=(None, C, P))
    return workbook
