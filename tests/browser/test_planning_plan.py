"""The staffing plan in Chromium: a week chosen from the keyboard shows its
half hours and desks, and the page has no axe-core violations at 1280 and
360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.core import clock
from indgang.core.permissions import Role
from tests.booking.factories import office_build
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.conftest import local
from tests.frontdesk.factories import booking_make
from tests.planning.test_plan_page import NOW, history

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_plan_shows_the_week_and_passes_axe(
    new_page, axe, live_server, transactional_db, make_staff, viewport
):
    history()
    office = office_build(desks=2)
    with clock.frozen(at=NOW):
        booking_make(office, start=local(2026, 3, 2, 10, 0), desk=office.desks[0])
        page = new_page(viewport=viewport)
        log_in(page, make_staff(Role.MANAGER), live_server.url)
        page.goto("/personale/planlaegning/bemanding/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bemandingsplan")
        expect(page.get_by_test_id("week")).to_contain_text("Uge 10")
        monday = page.get_by_test_id("day-2026-03-02")
        expect(monday.locator('tr[data-slot="09:00"] [data-cell="phone-agents"]')).not_to_have_text(
            "0"
        )
        desks = monday.locator(f'[data-testid="desks-{office.location.pk}"] tr[data-hour="10:00"]')
        expect(desks.locator('[data-cell="bookings"]')).to_have_text("1")
        expect(page.get_by_test_id("chart").locator("svg")).to_have_attribute("role", "img")
        axe(page)
        no_sideways_scroll(page)

        page.get_by_label("Uge", exact=True).select_option("2026-W11")
        page.get_by_role("button", name="Vis planen").press("Enter")
        expect(page.get_by_test_id("week")).to_contain_text("Uge 11")
        axe(page)
