"""Quick registration in Chromium: no axe-core violations at 1280 and 360 px,
one click registers (htmx swaps the status region, which is announced), undo
takes it back; without JavaScript the same works by POST and redirect."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.permissions import Role
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.conftest import local
from tests.contacts.factories import registry_build

pytestmark = pytest.mark.browser

NOW = local(2026, 11, 23, 10, 20)
URL = "/personale/henvendelser/"


@pytest.fixture
def registry(transactional_db):
    return registry_build()


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


def staff_page(new_page, live_server, user, *, viewport=None, javascript=True):
    page = new_page(viewport=viewport, javascript=javascript)
    log_in(page, user, live_server.url)
    page.goto(URL)
    return page


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_a_click_registers_and_undo_takes_it_back(
    new_page, axe, live_server, registry, monday, make_staff, viewport
):
    user = make_staff(Role.FRONT_DESK)
    page = staff_page(new_page, live_server, user, viewport=viewport)
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrér henvendelser")
    axe(page)
    no_sideways_scroll(page)

    # Personal attendance needs a point and a location.
    page.get_by_label("Kanal", exact=True).select_option("personal")
    page.get_by_role("button", name="Brug denne kanal").click()
    expect(page.get_by_role("alert")).to_contain_text("Vælg stedet, hvor du betjener borgerne.")
    axe(page)
    page.get_by_label("Sted", exact=True).select_option("cash")
    page.get_by_label("Lokation", exact=True).select_option(label="Rådhuset")
    page.get_by_role("button", name="Brug denne kanal").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "Du registrerer: Personligt fremmøde (Kassen), Rådhuset"
    )
    axe(page)
    no_sideways_scroll(page)

    button = page.get_by_role("group", name="Sundhed").get_by_role("button", name="Medbetjent")
    button.click()
    notice = page.locator("#quick-notice")
    expect(notice).to_have_text("Registreret: Sundhed – Medbetjent, Personligt fremmøde (Kassen)")
    expect(notice).to_have_attribute("aria-live", "polite")
    expect(page.get_by_test_id("quick-counts")).to_contain_text("Personligt fremmøde: 1")
    # htmx swapped the region: still the same page, the button keeps the focus.
    expect(button).to_be_focused()
    axe(page)
    no_sideways_scroll(page)
    contact = Contact.objects.get()
    assert (contact.point, contact.outcome, contact.staff) == ("cash", "co_served", user)

    page.get_by_role("button", name="Fortryd seneste").click()
    expect(notice).to_have_text("Fortrudt: Sundhed – Medbetjent, Personligt fremmøde (Kassen)")
    expect(page.get_by_test_id("quick-counts")).to_contain_text(
        "Du har ikke registreret nogen henvendelser i dag."
    )
    assert not Contact.objects.exists()
    axe(page)


def test_without_javascript_a_click_registers_after_a_redirect(
    new_page, live_server, registry, monday, make_staff
):
    page = staff_page(
        new_page, live_server, make_staff(Role.CONTACT_CENTRE), viewport=PHONE, javascript=False
    )
    page.get_by_label("Kanal", exact=True).select_option("phone")
    page.get_by_role("button", name="Brug denne kanal").click()

    page.get_by_role("group", name="Pas").get_by_role("button", name="Afklaret").click()

    expect(page.get_by_test_id("quick-notice")).to_have_text(
        "Registreret: Pas – Afklaret med det samme, Telefon"
    )
    expect(page.get_by_test_id("quick-counts")).to_contain_text("Telefon: 1")
    assert Contact.objects.get().channel == "phone"
    no_sideways_scroll(page)  # (axe-core needs JavaScript: checked above with it on)

    page.get_by_role("button", name="Fortryd seneste").click()
    expect(page.get_by_test_id("quick-notice")).to_contain_text("Fortrudt: Pas")
    assert not Contact.objects.exists()
