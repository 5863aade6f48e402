"""The planning start page in Chromium: the staffing calculator answers from
the keyboard, and the page has no axe-core violations at 1280 and 360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.core.permissions import Role
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_calculator_answers_and_passes_axe(
    new_page, axe, live_server, transactional_db, make_staff, viewport
):
    page = new_page(viewport=viewport)
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto("/personale/planlaegning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Planlægning")
    page.get_by_label("Opkald pr. time").fill("200")
    page.get_by_label("Borgernes tålmodighed, sekunder").fill("120")
    page.get_by_label("Borgernes tålmodighed, sekunder").press("Enter")
    expect(page.get_by_test_id("staffing-result")).to_contain_text("Erlang A")
    expect(page.get_by_test_id("required")).to_have_text("10")
    axe(page)
    no_sideways_scroll(page)
