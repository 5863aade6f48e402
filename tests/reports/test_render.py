"""The report as HTML, PDF and spreadsheet, rendered from a sample report
(tests/reports/sample_report.py): every section and KPI with its target,
nothing fetched from another host, numbers as numbers in the spreadsheet."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from indgang.reports.charts import report_charts
from indgang.reports.render import report_html, report_pdf, report_xlsx
from tests.reports.sample_report import sample_report

SECTIONS = (
    "kpis",
    "channels",
    "personal",
    "switchboard",
    "contact-centre",
    "self-service",
    "subject-areas",
    "digital-mail",
    "booking",
)
SHEETS = [
    "Overblik",
    "Personlig betjening",
    "Omstilling",
    "Kontaktcenter",
    "Selvbetjening",
    "Kanaler",
    "Fagområder",
    "Digital post",
    "Booking",
]

# Anything a document could load: src/href/url()/@import pointing at a host.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|xlink:href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


def _row(html: str, attribute: str, value: str) -> str:
    match = re.search(rf'<tr {attribute}="{value}">(.*?)</tr>', html, re.DOTALL)
    assert match, f"no row {attribute}={value}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


# --- HTML ----------------------------------------------------------------------


def test_html_is_a_standalone_danish_document_with_every_section():
    html = report_html(sample_report())

    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<html lang="da">' in html
    assert "<h1>Borgerservicerapport 2019</h1>" in html
    for section in SECTIONS:
        assert f'data-section="{section}"' in html, section
    assert "<style>" in html
    assert "<link" not in html and "<script" not in html


def test_html_shows_each_kpi_against_its_target_in_words():
    html = report_html(sample_report())

    assert _row(html, "data-kpi", "service_level_pct") == (
        "Besvaret inden for 20 sek. 76,4 % mindst 80,0 % ✗ Mål ikke nået"
    )
    assert _row(html, "data-kpi", "abandoned_after_20s_pct") == (
        "Lagt på efter 20 sek. 5,1 % højst 8,0 % ✓ Mål nået"
    )
    assert "Straksafklaring 42,7 % mindst 40,0 % ✓ Mål nået" in _row(
        html, "data-kpi", "first_contact_resolution_pct"
    )
    assert "86,6 % mindst 80,0 % ✓ Mål nået" in _row(html, "data-kpi", "digitisation_pct")
    assert "21,7 % mindst 50,0 % ✗ Mål ikke nået" in _row(html, "data-kpi", "digital_share_pct")


def test_a_kpi_without_data_says_so_instead_of_met_or_not():
    report = sample_report()
    report["kpis"][0].update(value=None, met=None)

    assert _row(report_html(report), "data-kpi", "service_level_pct") == (
        "Besvaret inden for 20 sek. – mindst 80,0 % Ingen data"
    )


def test_html_numbers_are_written_the_danish_way():
    html = report_html(sample_report())

    assert _row(html, "data-channel", "phone") == "Telefon 131.000 50,2 %"
    assert _row(html, "data-bucket", "within_10s") == "Højst 10 sek. 70.000 2.100"
    assert _row(html, "data-service", "sygesikring") == (
        "Sundhedskort * (obligatorisk) 3.300 1.200 73,3 % ✗ Mål ikke nået"
    )
    assert "Opkald pr. løst spørgsmål (alle linjer): 2,71." in html


def test_every_chart_is_a_labelled_svg_in_a_figure_with_a_caption():
    html = report_html(sample_report())

    figures = re.findall(r"<figure class=\"report-figure\">(.*?)</figure>", html, re.DOTALL)
    assert len(figures) == 7
    for figure in figures:
        assert "<figcaption>" in figure
        assert re.search(r'<svg role="img" aria-label="[^"]+"', figure)
        assert "<script" not in figure
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_charts_are_made_without_javascript_or_web_addresses():
    charts = report_charts(sample_report())

    assert all(charts.values())
    for name, svg in charts.items():
        assert "<script" not in svg, name
        assert "pygal.org" not in svg and "github.com" not in svg, name
        assert not svg.startswith("<?xml"), name


def test_the_target_line_follows_the_target():
    report = sample_report()
    report["targets"]["first_contact_resolution_pct"] = 55.0

    svg = report_charts(report)["first_contact_resolution"]

    assert "Mål 55,0 %" in svg
    assert "Mål 40,0 %" not in svg


def test_nothing_in_the_html_is_fetched_from_another_host():
    for for_pdf in (False, True):
        html = report_html(sample_report(), for_pdf=for_pdf)
        assert not EXTERNAL.findall(html)
        hosts = set(re.findall(r"https?://[^\s\"'<>)]+", html))
        assert hosts <= {"http://www.w3.org/2000/svg"}, hosts  # the SVG namespace only


def test_booking_figures_are_shown_when_there_are_some():
    html = report_html(sample_report())

    assert "Hjemmeside" in html  # booked on the web
    assert "88,6\xa0% af 12.400 borgere med bestilt tid blev kaldt før eller til tiden." in html
    assert "Hvordan bestilte du tid?" in html


def test_without_bookings_the_booking_section_says_there_are_none():
    html = report_html(sample_report(booking=None))

    assert 'data-testid="booking-none"' in html
    assert 'data-testid="booking-channels"' not in html


def test_a_quarter_report_is_titled_with_its_quarter():
    report = sample_report(quarter=2, period={"start": "2019-04-01", "end": "2019-06-30"})

    html = report_html(report)

    assert "<h1>Borgerservicerapport 2019, 2. kvartal</h1>" in html
    assert "1. april 2019 – 30. juni 2019" in html


def _empty_report() -> dict:
    report = sample_report(booking=None, self_service={}, by_subject_area={})
    report["phone_by_subject_area"] = {}
    report["channels"]["year"] = dict.fromkeys(report["channels"]["year"], 0)
    report["channels"]["year"]["digital_share_pct"] = None
    report["channels"]["by_year"] = []
    report["switchboard"].update(incoming=0, answered=0, abandoned=0)
    report["contact_centre"].update(incoming=0)
    report["personal"]["expeditions"].update(total=0, by_quarter=[0, 0, 0, 0])
    report["personal"].update(information_desk=0, cash_desk=0)
    report["digital_mail"].update(secure=0, plain=0)
    return report


def test_an_empty_period_renders_a_clear_message():
    html = report_html(_empty_report())

    assert 'data-testid="report-empty"' in html
    assert "Der er ingen henvendelser" in html
    assert 'data-section="kpis"' not in html


# --- PDF -----------------------------------------------------------------------


def test_pdf_is_a_pdf():
    pdf = report_pdf(sample_report())

    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 10_000


def test_pdf_fetches_nothing_even_if_the_html_asked_for_it(monkeypatch):
    import socket

    from indgang.reports import render

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(
        render,
        "report_html",
        lambda report, for_pdf=False: '<p>x<img src="http://example.com/a.png"></p>',
    )

    assert render.report_pdf(sample_report()).startswith(b"%PDF")


def test_pdf_of_an_empty_period_is_still_a_pdf():
    assert report_pdf(_empty_report()).startswith(b"%PDF")


# --- Spreadsheet ---------------------------------------------------------------


@pytest.fixture
def workbook():
    return load_workbook(io.BytesIO(report_xlsx(sample_report())))


def _find(ws, label: str) -> tuple:
    """The values of the first row whose first cell is `label`."""
    for row in ws.iter_rows(values_only=True):
        if row and row[0] == label:
            return row
    raise AssertionError(f"{label!r} not in sheet {ws.title}")


def test_xlsx_has_one_sheet_per_section(workbook):
    assert workbook.sheetnames == SHEETS


def test_xlsx_overview_has_each_kpi_with_target_and_verdict(workbook):
    ws = workbook["Overblik"]

    assert ws["A1"].value == "Borgerservicerapport 2019"
    header = _find(ws, "Nøgletal")
    assert header[:5] == ("Nøgletal", "Resultat (%)", "Mål (%)", "Mål er", "Mål nået")
    assert ws["A1"].font.bold and ws.cell(row=4, column=1).font.bold
    assert _find(ws, "Besvaret inden for 20 sek.")[:5] == (
        "Besvaret inden for 20 sek.",
        76.4,
        80.0,
        "mindst",
        "nej",
    )
    assert _find(ws, "Lagt på efter 20 sek.")[:5] == (
        "Lagt på efter 20 sek.",
        5.1,
        8.0,
        "højst",
        "ja",
    )
    assert _find(ws, "Digital andel af alle henvendelser")[1:3] == (21.7, 50.0)


def test_xlsx_numbers_are_numbers_in_the_right_cells(workbook):
    assert _find(workbook["Personlig betjening"], "Personlige ekspeditioner")[1] == 41250
    assert _find(workbook["Personlig betjening"], "K2")[1] == 11200
    assert _find(workbook["Omstilling"], "Indgående opkald")[1] == 120000
    assert _find(workbook["Omstilling"], "Højst 10 sek.")[1:3] == (70000, 2100)
    assert _find(workbook["Kontaktcenter"], "Straksafklaring (%)")[1] == 42.7
    assert _find(workbook["Kontaktcenter"], "Opkald pr. løst spørgsmål")[1] == 2.71
    assert _find(workbook["Selvbetjening"], "Flytning")[1:10] == (
        "ja",
        9100,
        700,
        92.9,
        91.5,
        92.8,
        93.4,
        93.7,
        80.0,
    )
    assert _find(workbook["Digital post"], "Sikker post")[1] == 26400
    assert _find(workbook["Booking"], "Hjemmeside")[1:3] == (9800, 76.9)


def test_xlsx_channel_mix_over_the_years(workbook):
    ws = workbook["Kanaler"]

    assert _find(ws, "Kanal")[:3] == ("Kanal", 2018, 2019)
    assert _find(ws, "Telefon")[:3] == ("Telefon", 138500, 131000)
    assert _find(ws, "I alt")[:3] == ("I alt", 266800, 261100)
    assert _find(ws, "Digital andel (%)")[:3] == ("Digital andel (%)", 19.0, 21.7)


def test_xlsx_subject_areas_and_phone_by_subject_area(workbook):
    ws = workbook["Fagområder"]

    assert _find(ws, "Ydelser og pension")[:3] == ("Ydelser og pension", 30400, 35.5)
    rows = list(ws.iter_rows(values_only=True))
    phone_header = rows.index(
        ("Fagområde (telefon)", "Opkald", "Løst ved første kontakt", "Løst (%)")
    )
    assert rows[phone_header + 1] == ("Ydelser og pension", 41800, 14900, 35.6)


def test_xlsx_without_bookings_says_so():
    ws = load_workbook(io.BytesIO(report_xlsx(sample_report(booking=None))))["Booking"]

    assert ws["A2"].value == "Ingen tidsbestillinger i perioden."


def test_xlsx_columns_are_wide_enough_for_the_labels(workbook):
    assert workbook["Overblik"].column_dimensions["A"].width >= 40
