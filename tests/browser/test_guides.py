"""The life-situation guides in Chromium: answered with the keyboard only, a
conditional question shown live, the checklist; the same without JavaScript
(the server asks the new questions); axe at 360 and 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from indgang.core import clock
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import no_sideways_scroll, tab_to
from tests.conftest import local
from tests.guides.test_views import moving_build

pytestmark = pytest.mark.browser

NOV_2 = local(2026, 11, 2, 10, 0)


@pytest.fixture
def moving(transactional_db):
    return moving_build()


def _axe_both_sizes(page, axe):
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        axe(page)
        no_sideways_scroll(page)
    page.set_viewport_size(DESKTOP)


def _axe_elsewhere(new_page, url, axe):
    """axe-core is a script: it cannot run where JavaScript is off. Look at
    the same server response (the same URL) in a page that runs it."""
    page = new_page()
    page.goto(url)
    _axe_both_sizes(page, axe)


def _type_date(page, date_input, *, day: str, month: str, year: str) -> None:
    """Type a date into Chromium's date field, whose segments follow the
    browser's locale (month first in en-US, day first in da-DK)."""
    page.keyboard.type(month + day + year)
    if date_input.input_value() != f"{year}-{month}-{day}":
        date_input.focus()  # back to the first segment, as Shift+Tab would
        page.keyboard.type(day + month + year)


def test_guide_answered_with_the_keyboard_shows_questions_live(new_page, axe, moving):
    page = new_page()
    with clock.frozen(at=NOV_2):
        page.goto("/livssituationer/flyt/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Når du flytter")
        has_cpr = page.get_by_role("group", name="Har du et CPR-nummer?")
        expect(has_cpr).to_be_hidden()
        _axe_both_sizes(page, axe)

        date_input = page.get_by_label("Hvornår flytter du?")
        tab_to(page, date_input)
        _type_date(page, date_input, day="15", month="12", year="2026")
        expect(date_input).to_have_value("2026-12-15")

        tab_to(page, page.get_by_label("Fra en anden adresse i kommunen"))
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        expect(page.get_by_label("Fra udlandet")).to_be_checked()
        expect(has_cpr).to_be_visible()

        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # the first option: yes
        expect(has_cpr.get_by_label("Ja")).to_be_checked()
        page.keyboard.press("ArrowDown")
        expect(has_cpr.get_by_label("Nej")).to_be_checked()

        children = page.get_by_role("group", name="Har du børn under 6 år?")
        count = page.get_by_label("Hvor mange børn under 6 år?")
        expect(count).to_be_hidden()
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        expect(children.get_by_label("Ja")).to_be_checked()
        expect(count).to_be_visible()
        page.keyboard.press("Tab")
        expect(count).to_be_focused()
        page.keyboard.type("2")
        _axe_both_sizes(page, axe)

        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Se din tjekliste")).to_be_focused()
        page.keyboard.press("Enter")

        expect(page.get_by_role("heading", level=1)).to_have_text("Din tjekliste: Når du flytter")
        steps = page.locator(".indgang-guide-step-title")
        expect(steps).to_have_text(
            ["Søg dagtilbud", "Meld flytning", "Bestil sundhedskort", "Få et CPR-nummer"]
        )
        self_service = page.get_by_role("link", name=re.compile(r"^Gør det selv på nettet"))
        expect(self_service).to_have_attribute("href", "https://www.borger.dk/flyt")
        expect(page.get_by_role("button", name="Udskriv")).to_be_visible()
        _axe_both_sizes(page, axe)


def test_guide_without_javascript_asks_new_questions_on_the_server(new_page, axe, moving):
    page = new_page(javascript=False)
    with clock.frozen(at=NOV_2):
        page.goto("/livssituationer/flyt/")
        expect(page.get_by_role("group", name="Har du et CPR-nummer?")).to_be_hidden()
        page.get_by_label("Hvornår flytter du?").fill("2026-12-15")
        page.get_by_label("Fra udlandet").check()
        page.get_by_role("group", name="Har du børn under 6 år?").get_by_label("Nej").check()
        page.get_by_role("button", name="Se din tjekliste").click()

        expect(page.get_by_role("heading", name="Besvar også disse spørgsmål")).to_be_visible()
        has_cpr = page.get_by_role("group", name="Har du et CPR-nummer?")
        expect(has_cpr).to_be_visible()
        expect(page.get_by_label("Fra udlandet")).to_be_checked()
        _axe_elsewhere(new_page, page.url, axe)

        has_cpr.get_by_label("Nej").check()
        page.get_by_role("button", name="Se din tjekliste").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Din tjekliste: Når du flytter")
        expect(page.locator(".indgang-guide-step-title")).to_have_text(
            ["Meld flytning", "Bestil sundhedskort", "Få et CPR-nummer"]
        )
        # Printing needs JavaScript; the button stays hidden without it.
        expect(page.get_by_role("button", name="Udskriv")).to_be_hidden()
        _axe_elsewhere(new_page, page.url, axe)


def test_checklist_sent_from_the_browser(new_page, moving):
    page = new_page()
    with clock.frozen(at=NOV_2):
        page.goto(
            "/livssituationer/flyt/tjekliste/?moving_date=2026-12-15&from=same_municipality"
            "&children_under_6=no"
        )
        page.get_by_label("E-mail").fill("borger@example.dk")
        page.get_by_role("button", name="Send tjeklisten").click()
        expect(page.get_by_role("status")).to_contain_text("Tjeklisten er sendt.")
