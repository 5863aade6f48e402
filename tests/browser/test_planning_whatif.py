"""The what-if pages in Chromium: a scenario runs from the form to its result,
a queued run's page follows the run by itself (htmx) until the result shows,
and the pages have no axe-core violations at 1280 and 360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.planning.models import SimulationRun
from indgang.planning.services import simulation_run_execute
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_scenario_runs_to_its_result_and_passes_axe(
    new_page, axe, live_server, transactional_db, make_staff, viewport
):
    page = new_page(viewport=viewport)
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto("/personale/planlaegning/scenarie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvad nu hvis")
    axe(page)
    no_sideways_scroll(page)

    form = page.locator("form").filter(
        has=page.locator('input[name="kind"][value="contact_centre"]')
    )
    form.get_by_label("Åbningstid, timer").fill("1")
    form.get_by_label("Antal simulerede dage").fill("3")
    form.get_by_role("button", name="Simulér kontaktcentret").click()
    # The test settings run tasks at once, so the run is done when the page shows.
    expect(page.get_by_test_id("run-done")).to_contain_text("Færdig: 3 simulerede dage.")
    expect(page.locator('[data-figure="service_level"] th')).to_have_text(
        "Besvaret inden svartiden"
    )
    expect(page.get_by_role("columnheader", name="Erlang A")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)


def test_queued_run_page_follows_the_run_until_done(
    new_page, axe, live_server, transactional_db, make_staff
):
    run = SimulationRun.objects.create(
        kind="front_desk",
        scenario={
            "input": {"desks": 2, "hours": 2, "bookings_per_hour": 4, "walk_ins_per_hour": 4},
            "replications": 3,
            "seed": 1,
        },
        created_at=clock.now(),
    )
    page = new_page()
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto(f"/personale/planlaegning/scenarie/{run.pk}/")
    expect(page.get_by_test_id("run-progress-text")).to_have_text("0 % færdig.")
    expect(page.get_by_label("Simuleringen venter på at blive kørt")).to_be_visible()
    axe(page)

    simulation_run_execute(run_id=run.pk)  # what the worker does
    expect(page.get_by_test_id("run-done")).to_contain_text("Færdig: 3 simulerede dage.")
    expect(page.get_by_test_id("erlang-note")).to_contain_text("Bemandingsplanens regel")
    expect(page.locator("#run-status")).not_to_have_attribute("hx-trigger", "every 1s")
    axe(page)


def test_without_javascript_the_run_page_offers_a_reload_link(
    new_page, live_server, transactional_db, make_staff
):
    run = SimulationRun.objects.create(
        kind="contact_centre",
        scenario={
            "input": {"agents": 5, "calls_per_hour": 60, "aht_seconds": 60, "hours": 1},
            "replications": 2,
            "seed": 1,
        },
        created_at=clock.now(),
    )
    page = new_page(javascript=False)
    log_in(page, make_staff(Role.MANAGER), live_server.url)
    page.goto(f"/personale/planlaegning/scenarie/{run.pk}/")
    simulation_run_execute(run_id=run.pk)
    page.get_by_role("link", name="Opdatér siden for at se, hvor langt den er").click()
    expect(page.get_by_test_id("run-done")).to_contain_text("Færdig: 2 simulerede dage.")
