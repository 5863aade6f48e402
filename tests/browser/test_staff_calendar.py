"""The caseworker's "Min mødekalender" in Chromium: no axe-core violations at
1280 and 360 px, with and without JavaScript; hours and absence are added and
removed by POST and redirect, errors are summarised, meetings are listed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.booking import services
from indgang.booking.models import StaffCalendar
from indgang.core import clock
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.booking.test_staff_calendar import calendar_build
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.catalogue.factories import DepartmentFactory
from tests.conftest import local

pytestmark = pytest.mark.browser

NOW = local(2026, 11, 23, 8, 0)  # Monday
URL = "/personale/moedekalender/"


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


def my_page(new_page, live_server, user, *, viewport=None, javascript=True):
    page = new_page(viewport=viewport, javascript=javascript)
    log_in(page, user, live_server.url)
    page.goto(URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Min mødekalender")
    return page


@pytest.mark.parametrize(
    ("viewport", "javascript"),
    [(None, True), (PHONE, True), (PHONE, False)],
    ids=["1280px", "360px", "360px-no-js"],
)
def test_caseworker_keeps_hours_and_absence_and_sees_meetings(
    new_page, axe, live_server, transactional_db, monday, viewport, javascript
):
    calendar = calendar_build(weekly={1: [("09:00", "12:00")]})
    services.staff_meeting_book(
        calendar=calendar,
        start=local(2026, 11, 24, 9, 0),
        topic="Boligstøtte",
        name="Jens Jensen",
        phone="12345678",
    )
    page = my_page(new_page, live_server, calendar.user, viewport=viewport, javascript=javascript)

    def check():  # axe needs JavaScript; without it the page must simply work
        if javascript:
            axe(page)
        no_sideways_scroll(page)

    meetings = page.get_by_role("table", name="Mine kommende møder efter tidspunkt")
    expect(meetings).to_contain_text("tirsdag 24. november 2026")
    expect(meetings).to_contain_text("9.00–9.45")
    expect(meetings).to_contain_text("Jens Jensen")
    check()

    # A wrong time is summarised at the top and marked at the field.
    hours_form = page.locator("form.indgang-hours-form")
    hours_form.get_by_label("Ugedag").select_option(label="Torsdag")
    hours_form.get_by_label("Fra (tt:mm)").fill("13:00")
    hours_form.get_by_label("Til (tt:mm)").fill("12:00")
    hours_form.get_by_role("button", name="Tilføj mødetid").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Sluttidspunktet skal ligge efter starttidspunktet."
    )
    check()

    hours_form.get_by_label("Til (tt:mm)").fill("15:00")
    hours_form.get_by_role("button", name="Tilføj mødetid").click()
    expect(page.get_by_role("status").first).to_contain_text("Mødetiden er tilføjet.")
    expect(page.get_by_role("button", name="Fjern mødetiden Torsdag 13.00–15.00")).to_be_visible()
    assert list(calendar.hours.values_list("weekday", flat=True).order_by("weekday")) == [1, 3]

    absence_form = page.locator("form.indgang-absence-form")
    absence_form.get_by_label("Fra dato").fill("2026-12-01")
    absence_form.get_by_label("Til og med dato").fill("2026-12-04")
    absence_form.get_by_label("Begrundelse").fill("Kursus")
    absence_form.get_by_role("button", name="Tilføj fravær").click()
    expect(page.get_by_role("status").first).to_contain_text("Fraværet er tilføjet.")
    expect(page.get_by_text("Kursus")).to_be_visible()
    check()

    page.get_by_role("button", name="Fjern mødetiden Torsdag 13.00–15.00").click()
    expect(page.get_by_role("status").first).to_contain_text("Mødetiden er fjernet.")
    page.get_by_role("button", name="Fjern fraværet").click()
    expect(page.get_by_role("status").first).to_contain_text("Fraværet er fjernet.")
    assert list(calendar.hours.values_list("weekday", flat=True)) == [1]
    assert not calendar.absences.exists()
    check()


def test_first_hours_create_the_calendar(new_page, axe, live_server, transactional_db, monday):
    user = UserFactory(
        roles=[Role.BACK_OFFICE], department=DepartmentFactory(name="Socialafdelingen")
    )
    page = my_page(new_page, live_server, user, viewport=PHONE)
    expect(page.get_by_text("Du har endnu ingen mødekalender.")).to_be_visible()
    axe(page)

    hours_form = page.locator("form.indgang-hours-form")
    hours_form.get_by_label("Ugedag").select_option(label="Mandag")
    hours_form.get_by_label("Fra (tt:mm)").fill("09:00")
    hours_form.get_by_label("Til (tt:mm)").fill("11:00")
    hours_form.get_by_role("button", name="Tilføj mødetid").click()

    expect(page.get_by_role("status").first).to_contain_text("Mødetiden er tilføjet.")
    assert StaffCalendar.objects.get(user=user).department.name == "Socialafdelingen"
    axe(page)


def test_a_user_without_department_is_told(new_page, axe, live_server, transactional_db, monday):
    user = UserFactory(roles=[Role.BACK_OFFICE])
    page = my_page(new_page, live_server, user)

    expect(page.get_by_text("Du er ikke tilknyttet en afdeling", exact=False)).to_be_visible()
    axe(page)
