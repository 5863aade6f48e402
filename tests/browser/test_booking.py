"""Booking in Chromium: from /bestil-tid/ to the receipt with the keyboard
only, axe-core on every step at 1280 and 360 px, and cancelling by the link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from indgang.booking.models import Booking, BookingStatus
from indgang.booking.services import booking_create
from indgang.catalogue.models import Channel
from indgang.core import clock
from indgang.core.permissions import Role
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.booking.factories import office_build
from tests.browser.conftest import PHONE
from tests.browser.helpers import no_sideways_scroll, tab_to
from tests.catalogue.factories import ServiceFactory, SubjectAreaFactory
from tests.conftest import local

pytestmark = pytest.mark.browser

# Monday 23 November 2026, 8.00: the office opens at 10.
MONDAY_8 = local(2026, 11, 23, 8, 0)


@pytest.fixture
def office(transactional_db):
    """The test office, its services in named subject areas, plus a service
    that can also be done by self-service."""
    office = office_build()
    for service, area in ((office.pas, "Pas"), (office.koerekort, "Kørekort")):
        service.subject_area.name = area
        service.subject_area.save()
    sundhedskort = ServiceFactory(
        name="Sundhedskort",
        slug="sundhedskort",
        subject_area=SubjectAreaFactory(name="Sygesikring"),
        channels=[Channel.PERSONAL, Channel.SELF_SERVICE],
        self_service_url="https://www.borger.dk/sundhedskort",
        minutes_per_expedition=5,
    )
    for desk in office.desks:
        desk.services.add(sundhedskort)
    return office


@pytest.fixture
def monday():
    with clock.frozen(at=MONDAY_8) as at:
        yield at


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_book_with_the_keyboard_only_then_cancel_by_the_link(
    new_page, axe, office, monday, viewport
):
    page = new_page(viewport=viewport)

    def check():
        axe(page)
        no_sideways_scroll(page)

    # 1. Services. Nothing chosen: the error summary takes the focus.
    page.goto("/bestil-tid/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestil tid i Borgerservice")
    check()
    tab_to(page, page.get_by_role("button", name="Næste"))
    page.keyboard.press("Enter")
    summary = page.locator(".indgang-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vælg mindst én ydelse.")
    expect(page).to_have_title(re.compile("^Fejl:"))
    check()
    # The summary's link takes the keyboard to the first service.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Kørekort")).to_be_focused()

    tab_to(page, page.get_by_label("Pas"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Sundhedskort"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Pas")).to_be_checked()
    expect(page.get_by_label("Sundhedskort")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Næste"))
    page.keyboard.press("Enter")

    # 2. Self-service first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Du kan klare det selv her")
    expect(
        page.get_by_role("link", name=re.compile("^Gå til selvbetjening ?: Sundhedskort"))
    ).to_have_attribute("href", "https://www.borger.dk/sundhedskort")
    check()
    tab_to(page, page.get_by_role("button", name="Jeg har stadig brug for en tid"))
    page.keyboard.press("Enter")

    # 3. Location: the only one is chosen already.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvor vil du møde op?")
    expect(page.get_by_label("Borgerservice Test")).to_be_checked()
    check()
    tab_to(page, page.get_by_role("button", name="Næste"))
    page.keyboard.press("Enter")

    # 4. Calendar.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en dag")
    days = page.locator(".indgang-days > li")
    expect(days.first).to_contain_text("Mandag 23. november (i dag)")
    expect(days.last).to_contain_text("Lukket")  # Sunday
    check()
    tab_to(page, page.get_by_role("link", name=re.compile("^Mandag 23. november")))
    page.keyboard.press("Enter")

    # 5. Time: Tab enters the radio group at its first time, Space picks it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg et tidspunkt")
    check()
    first = page.get_by_label("10.00", exact=True)
    tab_to(page, first)
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Næste"))
    page.keyboard.press("Enter")

    # 6. Details. No CPR number.
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine oplysninger")
    expect(page.get_by_text("Du skal ikke oplyse dit CPR-nummer.")).to_be_visible()
    assert page.get_by_label(re.compile("CPR", re.I)).count() == 0
    check()
    tab_to(page, page.get_by_label("Navn"))
    page.keyboard.type("Karen Jensen")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Mobilnummer")).to_be_focused()
    page.keyboard.type("12 34 56 78")
    page.keyboard.press("Enter")

    # 7. Confirm.
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek og bekræft din tid")
    expect(page.locator(".indgang-summary").first).to_contain_text("kl. 10.00–10.20")
    check()
    tab_to(page, page.get_by_role("button", name="Bestil tiden"))
    page.keyboard.press("Enter")

    # The receipt.
    expect(page.get_by_role("heading", level=1)).to_have_text("Din tid er bestilt")
    booking = Booking.objects.get()
    expect(page.get_by_test_id("booking-code")).to_have_text(booking.code)
    expect(page.locator("main")).to_contain_text("Mandag 23. november 2026")
    expect(page.locator("main")).to_contain_text("Borgerservice Test")
    expect(page.locator("main")).to_contain_text("12 34 56 78")
    check()

    # Cancel by the link, after confirming.
    link = page.locator(".indgang-manage-link a")
    expect(link).to_contain_text(f"/tid/{booking.code}/")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Din tid i Borgerservice")
    check()
    tab_to(page, page.get_by_role("link", name="Aflys tid"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vil du aflyse din tid?")
    check()
    tab_to(page, page.get_by_role("button", name="Ja, aflys tiden"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Din tid er aflyst.")).to_be_visible()
    expect(page.get_by_role("heading", name="Tiden er aflyst")).to_be_visible()
    check()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_details_errors_have_no_axe_violations(new_page, axe, office, monday, viewport):
    page = new_page(viewport=viewport)
    page.goto(
        "/bestil-tid/oplysninger/?services=pas&location=borgerservice-test"
        "&date=2026-11-23&start=2026-11-23T10:00%2B01:00"
    )
    page.get_by_label("E-mail").fill("ikke en adresse")
    page.get_by_role("button", name="Næste").click()

    summary = page.locator(".indgang-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Skriv dit navn.")
    expect(page.get_by_label("Navn")).to_have_attribute("aria-invalid", "true")
    axe(page)
    no_sideways_scroll(page)


def test_booking_works_without_javascript(new_page, office, monday):
    page = new_page(javascript=False, viewport=PHONE)
    page.goto("/bestil-tid/?services=pas")
    expect(page.get_by_label("Pas")).to_be_checked()
    # Every step has a "Næste" button: wait for each page to load before the
    # next click, or a busy machine clicks the old page's button twice.
    with page.expect_navigation():
        page.get_by_role("button", name="Næste").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Næste").click()  # the only location
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Tirsdag 24. november")).click()
    page.get_by_label("13.00", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Næste").click()
    page.get_by_label("Navn").fill("Ole Hansen")
    page.get_by_label("E-mail").fill("ole@example.dk")
    with page.expect_navigation():
        page.get_by_role("button", name="Næste").click()
    page.reload()  # the confirm page survives a reload
    with page.expect_navigation():
        page.get_by_role("button", name="Bestil tiden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Din tid er bestilt")
    assert Booking.objects.get().start == local(2026, 11, 24, 13, 0)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_move_by_the_link_has_no_axe_violations(new_page, axe, office, monday, viewport):
    booking = booking_create(
        services=[office.pas],
        location=office.location,
        start=local(2026, 11, 24, 11, 0),
        name="Karen Jensen",
        phone="12345678",
    )
    page = new_page(viewport=viewport)
    page.goto(f"/tid/{booking.code}/{booking.cancel_token}")
    page.get_by_role("link", name="Flyt tid").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Flyt tid: vælg en ny dag")
    expect(page.get_by_text("Din nuværende tid: tirsdag 24. november kl. 11.00.")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)
    page.get_by_role("link", name=re.compile("^Onsdag 25. november")).click()
    # The day's times must be on the page (fully loaded) before axe looks at them.
    page.wait_for_url(re.compile(r"date=2026-11-25"))
    page.wait_for_load_state("load")
    expect(page.get_by_label("14.30", exact=True)).to_be_visible()
    axe(page)
    no_sideways_scroll(page)
    page.get_by_label("14.30", exact=True).check()
    page.get_by_role("button", name="Flyt tiden").click()

    expect(page.get_by_text("Tiden er flyttet til onsdag 25. november kl. 14.30.")).to_be_visible()
    axe(page)
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 25, 14, 30)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_staff_book_by_phone_with_no_axe_violations(
    new_page, axe, office, monday, viewport, make_staff
):
    booking_create(
        services=[office.pas],
        location=office.location,
        start=local(2026, 11, 23, 11, 0),
        name="Karen Jensen",
        phone="12345678",
    )
    user = make_staff(Role.CONTACT_CENTRE)
    page = new_page(viewport=viewport)
    page.goto("/personale/login/?next=/personale/tidsbestilling/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tidsbestilling")
    expect(page.locator("table")).to_contain_text("Karen Jensen")
    axe(page)
    page.get_by_role("link", name="Ny tid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny tid til en borger")
    axe(page)
    page.get_by_label("Kørekort").check()
    page.get_by_role("button", name="Næste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vælg en dag")
    axe(page)
    page.get_by_role("link", name=re.compile("^Mandag 23. november")).click()
    expect(page.get_by_label("12.00", exact=True)).to_be_visible()
    axe(page)
    page.get_by_label("12.00", exact=True).check()
    page.get_by_role("button", name="Næste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Borgerens oplysninger")
    expect(page.get_by_label("Telefon")).to_be_checked()
    axe(page)
    page.get_by_label("Borgerens navn").fill("Ole Hansen")
    page.get_by_label("Mobilnummer").fill("87654321")
    page.get_by_role("button", name="Book tiden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tidsbestilling")
    expect(page.locator(".indgang-message")).to_contain_text("Tiden er bestilt")
    expect(page.locator("table")).to_contain_text("Ole Hansen")
    axe(page)
    booking = Booking.objects.get(name="Ole Hansen")
    assert booking.channel == "phone"
    assert booking.created_by == user
