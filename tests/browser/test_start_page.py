"""The citizen pages in Chromium: content, language switch, keyboard, axe, 360 px."""

import re
from datetime import time
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from indgang.catalogue.models import Authority, Channel, LocationKind, ServiceChannel
from indgang.core import clock
from tests.browser.conftest import PHONE
from tests.catalogue.factories import (
    DepartmentFactory,
    LocationFactory,
    PhoneHoursFactory,
    ServiceFactory,
    SubjectAreaFactory,
)
from tests.conftest import local

pytestmark = pytest.mark.browser

MONDAY_11 = local(2026, 11, 23, 11, 0)
CHRISTMAS_DAY = local(2026, 12, 25, 11, 0)
WEEKDAYS = {d: [("10:00", "15:00")] for d in range(5)}


@pytest.fixture
def catalogue(transactional_db):
    """A small municipality: two locations, three subject areas, five services."""
    LocationFactory(
        name="Borgerservice Rådhuset",
        slug="raadhuset",
        phone="70 10 20 30",
        hours={**WEEKDAYS, 5: [("10:00", "13:00")]},
    )
    LocationFactory(
        name="Biblioteket Midtby",
        slug="biblioteket",
        kind=LocationKind.LIBRARY,
        hours={d: [("12:00", "18:00")] for d in range(5)},
    )
    borgerservice = DepartmentFactory(name="Borgerservice", phone="70 10 20 30")
    for weekday in range(5):
        PhoneHoursFactory(department=borgerservice, weekday=weekday, opens=time(9), closes=time(15))
    udbetaling = Authority.objects.create(name="Udbetaling Danmark")

    pas = SubjectAreaFactory(name="Pas", name_en="Passports", position=1)
    sygesikring = SubjectAreaFactory(name="Sygesikring", name_en="Health insurance", position=2)
    boligstoette = SubjectAreaFactory(name="Boligstøtte", name_en="Housing benefit", position=3)

    ServiceFactory(
        name="Pas til voksne",
        name_en="Passport for adults",
        slug="pas-voksne",
        subject_area=pas,
        department=borgerservice,
        description="Du skal møde op i Borgerservice med dit gamle pas og et foto.",
        channels=[Channel.PERSONAL, Channel.PHONE],
        needs_personal_attendance=True,
        minutes_per_expedition=15,
        fee=Decimal("697.00"),
    )
    ServiceFactory(
        name="Nødpas",
        name_en="Emergency passport",
        slug="noedpas",
        subject_area=pas,
        department=borgerservice,
        channels=[Channel.PERSONAL],
        needs_personal_attendance=True,
    )
    sundhedskort = ServiceFactory(
        name="Sundhedskort og lægeskift",
        name_en="Health card and change of doctor",
        slug="sundhedskort",
        subject_area=sygesikring,
        department=borgerservice,
        channels=[Channel.PHONE, Channel.PERSONAL, Channel.SELF_SERVICE, Channel.EMAIL],
        self_service_url="https://www.borger.dk/sundhed-og-sygdom/sundhedskort",
        mandatory_self_service=True,
    )
    ServiceChannel.objects.filter(service=sundhedskort, channel=Channel.EMAIL).update(
        response_deadline_days=5
    )
    ServiceFactory(
        name="EU-sygesikringskort",
        name_en="European health insurance card",
        slug="eu-sygesikringskort",
        subject_area=sygesikring,
        department=borgerservice,
        channels=[Channel.SELF_SERVICE, Channel.PERSONAL],
        self_service_url="https://www.borger.dk/sundhed-og-sygdom/eu-sygesikringskort",
    )
    ServiceFactory(
        name="Boligstøtte til lejere",
        name_en="Housing benefit for tenants",
        slug="boligstoette",
        subject_area=boligstoette,
        authority=udbetaling,
        department=None,
        channels=[Channel.SELF_SERVICE, Channel.PHONE],
        self_service_url="https://www.borger.dk/bolig-og-flytning/boligstoette",
        mandatory_self_service=True,
    )


@pytest.fixture
def monday():
    with clock.frozen(at=MONDAY_11) as at:
        yield at


def expand_all(page) -> None:
    """Open every subject area, waiting for each to show."""
    buttons = page.locator(".accordion-button")
    for i in range(buttons.count()):
        button = buttons.nth(i)
        if button.get_attribute("aria-expanded") != "true":
            button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#" + button.get_attribute("aria-controls"))).to_be_visible()


def test_start_page_in_danish_shows_subject_areas_with_self_service_first(page, catalogue, monday):
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Borgerservice i Demo Kommune")
    areas = page.locator(".accordion-button")
    expect(areas).to_have_text(["Pas", "Sygesikring", "Boligstøtte"])
    # Closed on load, so the page is short; a click opens a subject area.
    service = page.locator("#ydelse-sundhedskort")
    expect(service).to_be_hidden()
    page.get_by_role("button", name="Sygesikring").click()
    expect(service).to_be_visible()

    channels = service.locator(".indgang-channels > li")
    expect(channels.first).to_contain_text("Klar det selv")
    expect(channels.first).to_contain_text("Obligatorisk digital selvbetjening")
    link = channels.first.get_by_role("link", name=re.compile("^Gå til selvbetjening"))
    expect(link).to_have_attribute("href", "https://www.borger.dk/sundhed-og-sygdom/sundhedskort")
    expect(channels.nth(1)).to_contain_text("Borgerservice Rådhuset: i dag 10.00–15.00")
    expect(channels.nth(2)).to_contain_text("Telefontid i dag 9.00–15.00")
    expect(channels.nth(3)).to_contain_text("Også: E-mail")

    today = page.locator(".indgang-hours-today")
    expect(today).to_contain_text("Åbningstider i dag")
    expect(today).to_contain_text("Biblioteket Midtby")
    expect(today).to_contain_text("Åben nu")


def test_start_page_switches_to_english(page, catalogue, monday):
    page.goto("/")

    page.get_by_role("button", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".accordion-button")).to_have_text(
        ["Passports", "Health insurance", "Housing benefit"]
    )
    page.get_by_role("button", name="Passports").click()
    expect(page.get_by_role("link", name="Passport for adults")).to_be_visible()
    # And back again.
    page.get_by_role("button", name="Dansk").click()
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_keyboard_reaches_skip_link_then_language_switch(page, catalogue, monday):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator("a.skipnav")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="English")).to_be_focused()

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_start_page_has_no_axe_violations(new_page, axe, catalogue, monday, viewport):
    page = new_page(viewport=viewport)
    page.goto("/")
    axe(page)  # closed subject areas

    expand_all(page)
    axe(page)


def test_start_page_has_no_horizontal_scroll_at_360px(new_page, catalogue, monday):
    page = new_page(viewport=PHONE)
    page.goto("/")
    expand_all(page)

    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360 px"


def test_start_page_on_christmas_day_says_closed(page, catalogue):
    with clock.frozen(at=CHRISTMAS_DAY):
        page.goto("/")
        page.get_by_role("button", name="Pas").click()

        expect(page.locator("#ydelse-pas-voksne")).to_contain_text(
            "Borgerservice Rådhuset: lukket i dag (Juledag)"
        )
        expect(page.locator(".indgang-hours-today")).to_contain_text("Lukket nu")


def test_english_start_page_has_no_axe_violations(page, axe, catalogue, monday):
    page.goto("/en/")
    expand_all(page)
    axe(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_service_page_has_no_axe_violations(new_page, axe, catalogue, monday, viewport):
    page = new_page(viewport=viewport)
    page.goto("/ydelser/sundhedskort/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sundhedskort og lægeskift")
    expect(page.locator(".indgang-channels > li").first).to_contain_text("Selvbetjening")
    expect(page.get_by_text("Svar inden for 5 arbejdsdage")).to_be_visible()
    axe(page)
    assert (
        page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
    )


@pytest.mark.parametrize("path", ["/steder/", "/steder/raadhuset/"])
def test_location_pages_have_no_axe_violations(new_page, axe, catalogue, monday, path):
    for viewport in (None, PHONE):
        page = new_page(viewport=viewport)
        page.goto(path)

        expect(page.locator("table.indgang-week").first).to_contain_text("Lørdag 28. november")
        axe(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} is {width} px wide"


def test_service_link_opens_the_service_page(page, catalogue, monday):
    page.goto("/")
    page.get_by_role("button", name="Pas").click()
    page.get_by_role("link", name="Pas til voksne").click()

    expect(page).to_have_url(re.compile(r"/ydelser/pas-voksne/$"))
    expect(page.get_by_text("Gebyr: 697 kr.")).to_be_visible()


def test_start_page_works_without_javascript(new_page, catalogue, monday):
    page = new_page(javascript=False)
    page.goto("/")

    expect(page.locator("#ydelse-sundhedskort")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Gå til selvbetjening")).first).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
