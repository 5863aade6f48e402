"""The citizen-service report pages: who may see them, the period form, the
PDF and spreadsheet downloads, and the KPI targets form."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indgang.audit.models import AuditEvent
from indgang.contacts.records import CallRecord
from indgang.contacts.services import calls_store
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.reports import views
from indgang.reports.selectors import kpi_targets_get
from tests.conftest import local
from tests.reports.sample_report import sample_report

pytestmark = pytest.mark.django_db

REPORT = reverse("reports:citizen_service")
PDF = reverse("reports:citizen_service_pdf")
XLSX = reverse("reports:citizen_service_xlsx")
TARGETS = reverse("reports:targets")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def manager(make_staff):
    return make_staff(Role.MANAGER)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def frozen():
    with clock.frozen(at=local(2019, 11, 20, 10, 0)):
        yield


_ids = iter(range(1, 1_000_000))


def _calls(*waits: int, at=None) -> None:
    """Main-line calls in May 2019, answered after `wait` seconds and resolved."""
    at = at or local(2019, 5, 6, 10, 0)
    calls_store(
        records=[
            CallRecord(
                call_id=f"v{next(_ids)}",
                line="main",
                arrived_at=at + timedelta(minutes=n),
                answered_at=at + timedelta(minutes=n, seconds=wait),
                ended_at=at + timedelta(minutes=n + 2),
                result="resolved",
            )
            for n, wait in enumerate(waits)
        ],
        source="test",
    )


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _kpi_row(response, key: str) -> str:
    html = response.content.decode()
    match = re.search(rf'<tr data-kpi="{key}">(.*?)</tr>', html, re.DOTALL)
    assert match, f"no KPI {key}"
    return _text(match.group(1)).strip()


# --- Who may see the report -------------------------------------------------------


def test_manager_sees_the_report_of_this_year_by_default(manager_client, frozen):
    _calls(5, 5, 5, 30)

    response = manager_client.get(REPORT)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Borgerservicerapport 2019</h1>" in html
    assert "Perioden 1. januar 2019 – 31. december 2019." in _text(html)
    assert _kpi_row(response, "service_level_pct") == (
        "Besvaret inden for 20 sek. 75,0 % mindst 80,0 % ✗ Mål ikke nået"
    )
    assert html.count('<figure class="report-figure">') >= 3
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    "role", [Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.ADMINISTRATOR]
)
def test_other_roles_may_not_see_the_report(client, make_staff, role):
    client.force_login(make_staff(role))

    for url in (REPORT, PDF, XLSX, TARGETS):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("url", [REPORT, PDF, XLSX, TARGETS])
def test_anonymous_is_sent_to_the_login(client, url, login_url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{login_url}?next=")


def test_targets_link_is_shown_to_those_who_may_change_targets(manager_client, frozen):
    html = manager_client.get(REPORT).content.decode()

    assert f'href="{TARGETS}"' in html


# --- Year and quarter ---------------------------------------------------------------


def test_year_and_quarter_choose_the_period(manager_client, frozen):
    _calls(5, 5, 25, 25)  # Q2
    _calls(5, at=local(2019, 8, 5, 10, 0))  # Q3: one more, answered at once

    response = manager_client.get(REPORT, {"year": "2019", "quarter": "2"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Borgerservicerapport 2019, 2. kvartal</h1>" in html
    assert "Perioden 1. april 2019 – 30. juni 2019." in _text(html)
    assert _kpi_row(response, "service_level_pct").startswith("Besvaret inden for 20 sek. 50,0")
    assert 'value="2" selected' in html
    # The downloads are for the same period.
    assert f'href="{PDF}?year=2019&amp;quarter=2"' in html
    assert f'href="{XLSX}?year=2019&amp;quarter=2"' in html

    whole_year = manager_client.get(REPORT, {"year": "2019", "quarter": ""})
    assert _kpi_row(whole_year, "service_level_pct").startswith("Besvaret inden for 20 sek. 60,0")


def test_another_year_is_reported_on_its_own(manager_client, frozen):
    _calls(5, 5)

    response = manager_client.get(REPORT, {"year": "2018"})

    assert response.status_code == 200
    assert "<h1>Borgerservicerapport 2018</h1>" in response.content.decode()


def test_an_empty_year_shows_a_clear_message(manager_client, frozen):
    response = manager_client.get(REPORT, {"year": "2005"})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="report-empty"' in html
    assert "Der er ingen henvendelser" in html
    assert "1. januar 2005" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "Skriv året med fire cifre, fx 2019."),
        ({"year": "1999"}, "Året skal være 2000 eller senere."),
        ({"year": "2101"}, "Året skal være 2100 eller tidligere."),
        ({"year": "2019", "quarter": "5"}, "Vælg hele året eller et kvartal (1–4)."),
        ({"year": "99999999999999999999"}, "Året skal være 2100 eller tidligere."),
    ],
)
def test_a_bad_year_or_quarter_shows_the_form_with_an_error(manager_client, params, message):
    for url in (REPORT, PDF, XLSX):
        response = manager_client.get(url, params)

        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("text/html")
        html = response.content.decode()
        assert message in html
        assert "indgang-error-summary" in html
        assert 'data-section="kpis"' not in html


# --- Downloads ----------------------------------------------------------------------


def test_pdf_download(manager_client, frozen):
    _calls(5, 30)

    response = manager_client.get(PDF, {"year": "2019", "quarter": "2"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="borgerservicerapport-2019-K2.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_xlsx_download(manager_client, frozen):
    _calls(5, 5, 5, 30)

    response = manager_client.get(XLSX)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="borgerservicerapport-2019.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Overblik" in workbook.sheetnames
    rows = {row[0]: row for row in workbook["Overblik"].iter_rows(values_only=True) if row}
    assert rows["Besvaret inden for 20 sek."][1:3] == (75.0, 80.0)
    omstilling = {r[0]: r for r in workbook["Omstilling"].iter_rows(values_only=True) if r}
    assert omstilling["Indgående opkald"][1] == 4


def test_the_page_renders_every_section_of_a_full_report(manager_client, monkeypatch, frozen):
    monkeypatch.setattr(views, "citizen_service_report", lambda **kw: sample_report())

    html = manager_client.get(REPORT, {"year": "2019"}).content.decode()

    for section in ("kpis", "channels", "personal", "switchboard", "contact-centre"):
        assert f'data-section="{section}"' in html
    assert html.count('<figure class="report-figure">') == 7
    assert "Hvordan bestilte du tid?" in html  # the booking survey


# --- Targets ----------------------------------------------------------------------


def _targets(**changes) -> dict:
    values = {
        "service_level_pct": "80",
        "abandoned_after_20s_pct": "8",
        "first_contact_resolution_pct": "40",
        "digitisation_pct": "80",
        "digital_share_pct": "50",
    }
    values.update(changes)
    return values


def test_targets_form_shows_the_current_targets(manager_client):
    response = manager_client.get(TARGETS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Mål for borgerservice</h1>" in html
    assert 'name="service_level_pct" value="80"' in html
    assert "Servicemål: besvaret inden for 20 sek. (mindst %)" in html


def test_targets_form_saves_and_the_report_measures_against_the_new_target(
    manager_client, manager, frozen
):
    _calls(5, 5, 5, 30)  # 75 % within 20 s
    before = manager_client.get(REPORT)
    assert "Mål ikke nået" in _kpi_row(before, "service_level_pct")

    response = manager_client.post(TARGETS, _targets(service_level_pct="72,5"), follow=True)

    assert response.redirect_chain == [(REPORT, 302)]
    assert 'name="service_level_pct" value="72,5"' in manager_client.get(TARGETS).content.decode()
    assert "Målene er gemt." in response.content.decode()
    assert _kpi_row(response, "service_level_pct") == (
        "Besvaret inden for 20 sek. 75,0 % mindst 72,5 % ✓ Mål nået"
    )
    targets = kpi_targets_get()
    assert targets.service_level_pct == Decimal("72.5")
    assert targets.updated_at == clock.now()
    event = AuditEvent.objects.get(action="reports.kpi_targets_update")
    assert event.actor == manager


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("101", "Målet kan ikke være over 100 %."),
        ("1000", "Målet kan ikke være over 100 %."),
        ("-1", "Målet kan ikke være under 0 %."),
        ("otte", "Skriv målet som et tal mellem 0 og 100, fx 80 eller 42,5."),
        ("", "Skriv et mål mellem 0 og 100."),
        ("42,55", "Skriv højst én decimal, fx 42,5."),
    ],
)
def test_targets_form_validates_0_to_100(manager_client, value, message):
    response = manager_client.post(TARGETS, _targets(abandoned_after_20s_pct=value))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'href="#id_abandoned_after_20s_pct"' in html  # the error summary links to the field
    assert kpi_targets_get().abandoned_after_20s_pct == Decimal("8.0")
    assert not AuditEvent.objects.filter(action="reports.kpi_targets_update").exists()
