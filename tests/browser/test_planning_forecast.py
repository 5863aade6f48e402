"""The forecast page in Chromium: with a year of calls the charts and tables
show, the form changes kind, week and day, a bad week is named, and the page
has no axe-core violations at 1280 and 360 px and does not scroll sideways."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from indgang.catalogue.hours import holiday_name
from indgang.contacts.records import CallRecord
from indgang.contacts.services import calls_store
from indgang.core import clock
from indgang.core.permissions import Role
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.conftest import local

pytestmark = pytest.mark.browser

NOW = local(2026, 3, 2, 10, 0)  # Monday


@pytest.fixture
def frozen():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def calls(transactional_db):
    """Fourteen months of weekday calls, 3–8 a day between 09:00 and 12:00."""
    records = []
    day = date(2025, 1, 6)
    while day < NOW.date():
        if day.weekday() < 5 and not holiday_name(day):
            for i in range(3 + (day.toordinal() * 7 + day.weekday()) % 6):
                at = local(day.year, day.month, day.day, 9, 0) + timedelta(minutes=23 * i)
                records.append(
                    CallRecord(
                        call_id=f"f{day:%Y%m%d}-{i}",
                        line="main",
                        arrived_at=at,
                        answered_at=at + timedelta(seconds=10),
                        ended_at=at + timedelta(seconds=100),
                        result="resolved",
                    )
                )
        day += timedelta(days=1)
    calls_store(records=records, source="test")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_forecast_page_shows_charts_and_tables_and_passes_axe(
    new_page, axe, live_server, frozen, calls, make_staff, viewport
):
    page = new_page(viewport=viewport)
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto("/personale/planlaegning/prognose/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Prognose")
    expect(page.get_by_test_id("week-heading")).to_contain_text("uge 2026-W11")
    expect(
        page.get_by_role("img", name="Søjlediagram: forventede henvendelser pr. dag i ugen")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="Kurve: forventede henvendelser pr. halve time")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="Kurve: prognosens gennemsnitlige fejl pr. uge det seneste år")
    ).to_be_visible()
    expect(page.get_by_test_id("mean-mape")).to_contain_text("MAPE, gennemsnit over 52 uger")
    expect(page.get_by_test_id("forecast-accuracy").locator("tbody tr")).to_have_count(52)
    axe(page)
    no_sideways_scroll(page)

    # Easter week, Tuesday only.
    page.get_by_label("Uge", exact=True).fill("2026-W14")
    page.get_by_label("Døgnprofil for").select_option("1")
    page.get_by_role("button", name="Vis prognosen").click()
    expect(page.get_by_test_id("week-heading")).to_contain_text("uge 2026-W14")
    expect(page.get_by_test_id("forecast-days")).to_contain_text("Lukket: Langfredag")
    expect(page.get_by_test_id("forecast-profile").locator("thead th")).to_have_count(2)
    axe(page)
    no_sideways_scroll(page)

    # A week that does not exist: the error is named and linked to the field.
    page.get_by_label("Uge", exact=True).fill("2026-W99")
    page.get_by_role("button", name="Vis prognosen").click()
    expect(page.locator(".indgang-error-summary")).to_contain_text("Ugen eller datoen findes ikke")
    axe(page)
    no_sideways_scroll(page)
