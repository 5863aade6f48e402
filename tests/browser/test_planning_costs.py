"""The channel-cost pages in Chromium: the year's costs (chart and tables),
the business case from the keyboard with its answer in words, a bad
percentage, and the rates form; no axe-core violations at 1280 and 360 px and
no sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.planning.models import ChannelCost
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.conftest import local
from tests.planning.costs_data import cost_data_build


@pytest.fixture
def new_year():
    # Yesterday is 31 December 2019: the page shows 2019.
    with clock.frozen(at=local(2020, 1, 1, 10, 0)) as at:
        yield at


pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_costs_and_business_case_pass_axe(
    new_page, axe, live_server, transactional_db, new_year, make_staff, viewport
):
    data = cost_data_build()
    page = new_page(viewport=viewport)
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto("/personale/planlaegning/omkostninger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kanalomkostninger")
    expect(
        page.get_by_role("img", name="Søjlediagram: omkostning pr. kanal i kroner pr. år")
    ).to_be_visible()
    expect(
        page.get_by_test_id("costs-by-channel").locator('tr[data-channel="total"]')
    ).to_contain_text("808")
    axe(page)
    no_sideways_scroll(page)

    page.get_by_label("Ydelse").select_option(label=data.pas_service.name)
    field = page.get_by_label("Andel der flyttes til selvbetjening (%)")
    field.fill("20")
    field.press("Enter")
    expect(page.get_by_test_id("kroner-saved")).to_have_text("72")
    expect(page.get_by_test_id("share-words")).to_contain_text(
        "Med flytningen når andelen 48,6 % — 1,4 procentpoint under målet."
    )
    axe(page)
    no_sideways_scroll(page)

    field = page.get_by_label("Andel der flyttes til selvbetjening (%)")
    field.fill("120")
    field.press("Enter")
    summary = page.locator(".indgang-error-summary")
    expect(summary).to_contain_text("Skriv en procent mellem 0 og 100.")
    expect(field).to_have_attribute("aria-invalid", "true")
    axe(page)
    no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_rates_form_passes_axe_and_saves(
    new_page, axe, live_server, transactional_db, new_year, make_staff, viewport
):
    page = new_page(viewport=viewport)
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto("/personale/planlaegning/omkostninger/")
    page.get_by_role("link", name="Ret minutter og kroner pr. kanal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Satser pr. kanal")
    axe(page)
    no_sideways_scroll(page)

    minutes = page.get_by_label("Telefon: minutter pr. henvendelse")
    minutes.fill("-5")
    page.get_by_role("button", name="Gem satserne").click()
    expect(page.locator(".indgang-error-summary")).to_contain_text(
        "Telefon: minutter pr. henvendelse: Tallet kan ikke være negativt."
    )
    axe(page)
    no_sideways_scroll(page)

    page.get_by_label("Telefon: minutter pr. henvendelse").fill("5")
    page.get_by_role("button", name="Gem satserne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kanalomkostninger")
    expect(page.locator(".indgang-message")).to_contain_text("Satserne er gemt.")
    assert ChannelCost.objects.get().minutes_per_contact == 5
