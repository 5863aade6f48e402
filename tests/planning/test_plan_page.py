"""The staffing-plan page and its spreadsheet: who may open them, the week
chooser, the parameters, and the plan made from the registry's history."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from indgang.contacts.services import calls_store
from indgang.core import clock
from indgang.core.permissions import Role
from tests.conftest import local
from tests.contacts.factories import call_record

pytestmark = pytest.mark.django_db

PLAN = reverse("planning:plan")
XLSX = reverse("planning:plan_xlsx")
NOW = local(2026, 2, 25, 12, 0)  # Wednesday of week 9


def history() -> None:
    """Eight Mondays with 20 calls each between 09:00 and 09:30 (one abandoned)."""
    records = []
    for week in range(1, 9):
        monday = local(2026, 2, 23, 9, 0) - timedelta(weeks=week - 1)
        for i in range(20):
            arrived = monday + timedelta(minutes=i)
            talk = None if i == 0 else 180
            records.append(call_record(f"w{week}-{i}", arrived=arrived, wait=30, talk=talk))
    calls_store(records=records)


def test_only_managers_open_the_plan_and_its_spreadsheet(client_as):
    with clock.frozen(at=NOW):
        assert client_as(Role.FRONT_DESK).get(PLAN).status_code == 403
        assert client_as(Role.FRONT_DESK).get(XLSX).status_code == 403
        assert client_as(Role.MANAGER).get(PLAN).status_code == 200


def test_anonymous_is_sent_to_login(client):
    assert client.get(PLAN).status_code == 302


def test_the_page_shows_next_week_by_default_with_the_measured_figures(manager_client):
    history()
    with clock.frozen(at=NOW):
        page = manager_client.get(PLAN)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Uge 10: 2. marts – 8. marts 2026" in html
    assert '<option value="2026-W10" selected>' in html
    # Talk 180 s + 30 s wrap-up; patience = 8 × 20 × 30 s / 8 abandoned = 10 min.
    assert "en samtale varer i gennemsnit 3 min.," in html
    assert "behandlingstid på 3 min. 30 sek." in html
    assert "Borgerne venter i gennemsnit 10 min., før de lægger på" in html
    assert "Erlang A" in html
    # The forecast has calls on Monday 09:00–09:30 only.
    monday = page.context["plan"]["days"][0]
    assert [h["start"] for h in monday["halves"]] == ["09:00"]
    assert monday["halves"][0]["phone_agents"] >= 1
    assert 'data-slot="09:00"' in html
    assert 'data-testid="chart"' in html
    assert "?uge=2026-W11" in html  # next week
    assert 'href="/personale/planlaegning/bemanding/xlsx/?' in html


def test_the_week_and_parameters_are_chosen_in_the_form(manager_client):
    with clock.frozen(at=NOW):
        page = manager_client.get(
            PLAN, {"uge": "2026-W12", "shrinkage": "0,25", "wrap_up_seconds": "60"}
        )
    assert page.status_code == 200
    plan = page.context["plan"]
    assert plan["week"] == "2026-W12"
    assert plan["params"]["shrinkage"] == 0.25
    assert plan["params"]["wrap_up_seconds"] == 60
    assert plan["params"]["target_service_level"] == 0.8  # left empty: the default
    assert "Prognosen venter ingen opkald eller chats i ugen." in page.content.decode()


def test_bad_parameters_are_named_on_their_fields(manager_client):
    with clock.frozen(at=NOW):
        page = manager_client.get(
            PLAN, {"uge": "1999-W01", "shrinkage": "1", "wrap_up_seconds": "mange"}
        )
    assert page.status_code == 400
    html = page.content.decode()
    assert 'href="#id_uge"' in html
    assert 'href="#id_shrinkage"' in html
    assert 'href="#id_wrap_up_seconds"' in html
    assert page.context["plan"] is None


def test_the_spreadsheet_downloads_the_chosen_week(manager_client):
    history()
    with clock.frozen(at=NOW):
        response = manager_client.get(XLSX, {"uge": "2026-W10"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert 'filename="bemandingsplan-2026-W10.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Telefon"].iter_rows(values_only=True))
    assert rows[3][1:4] == ("mandag", "09:00", "09:30")
