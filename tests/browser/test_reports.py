"""The citizen-service report in Chromium: the page with data (charts,
tables, KPIs against targets) has no axe-core violations at 1280 and 360 px
and does not scroll sideways, and the targets form works with the keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from indgang.catalogue.models import Channel
from indgang.contacts.models import Point
from indgang.contacts.records import CallRecord, ContactRecord, SelfServiceRecord
from indgang.contacts.services import calls_store, contacts_store, self_service_store
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.reports.models import KpiTargets
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.browser.conftest import PHONE
from tests.browser.helpers import no_sideways_scroll, tab_to
from tests.catalogue.factories import ServiceFactory, SubjectAreaFactory
from tests.conftest import local

pytestmark = pytest.mark.browser

NOW = local(2019, 11, 20, 10, 0)


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def report_data(transactional_db):
    """Two years of calls, contacts and self-service counts in two subject areas."""
    pas = SubjectAreaFactory(name="Pas")
    sundhed = SubjectAreaFactory(name="Sundhed")
    flytning = ServiceFactory(
        name="Flytning",
        subject_area=sundhed,
        mandatory_self_service=True,
        self_service_url="https://www.borger.dk/flytning",
    )
    calls, contacts = [], []
    n = 0
    for year in (2018, 2019):
        for month in (2, 5, 8, 11):
            start = local(year, month, 5, 10, 0)
            for i, (wait, result, area) in enumerate(
                [
                    (5, "resolved", pas),
                    (8, "resolved", sundhed),
                    (15, "transferred", sundhed),
                    (40, "callback", pas),
                    (90, "abandoned", None),
                    (12, "resolved", pas),
                ]
            ):
                n += 1
                at = start + timedelta(minutes=i * 5)
                waited = at + timedelta(seconds=wait)
                abandoned = result == "abandoned"
                calls.append(
                    CallRecord(
                        call_id=f"b{n}",
                        line="main",
                        arrived_at=at,
                        answered_at=None if abandoned else waited,
                        ended_at=waited if abandoned else waited + timedelta(minutes=2),
                        result=result,
                        subject_area_id=area.pk if area else None,
                    )
                )
            for i, (channel, point, area) in enumerate(
                [
                    (Channel.PERSONAL, Point.DESK, pas),
                    (Channel.PERSONAL, Point.DESK, sundhed),
                    (Channel.PERSONAL, Point.INFORMATION, None),
                    (Channel.EMAIL, "", sundhed),
                    (Channel.CHAT, "", pas),
                ]
            ):
                n += 1
                contacts.append(
                    ContactRecord(
                        contact_id=f"b{n}",
                        occurred_at=start + timedelta(hours=1, minutes=i),
                        channel=channel,
                        point=point,
                        subject_area_id=area.pk if area else None,
                        outcome="resolved",
                    )
                )
    calls_store(records=calls, source="test")
    contacts_store(records=contacts, source="test")
    self_service_store(
        records=[
            SelfServiceRecord(
                service_id=flytning.pk,
                period_start=date(2019, 1, 1),
                period_end=date(2019, 3, 31),
                digital=90,
                manual=10,
            ),
            SelfServiceRecord(
                service_id=flytning.pk,
                period_start=date(2019, 4, 1),
                period_end=date(2019, 6, 30),
                digital=70,
                manual=30,
            ),
        ],
        source="test",
    )


def log_in(page, user, next_url: str) -> None:
    page.goto(f"/personale/login/?next={next_url}")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_report_page_with_data_has_no_axe_violations(
    new_page, axe, report_data, monday, make_staff, viewport
):
    manager = make_staff(Role.MANAGER)
    page = new_page(viewport=viewport)
    log_in(page, manager, "/personale/rapporter/borgerservice/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Borgerservicerapport 2019")
    kpi = page.locator('tr[data-kpi="service_level_pct"]')
    expect(kpi).to_contain_text("Mål ikke nået")
    expect(page.locator("figure.report-figure")).to_have_count(7)
    expect(
        page.get_by_role("img", name="Søjlediagram: henvendelser pr. kanal pr. år")
    ).to_be_visible()
    axe(page)
    no_sideways_scroll(page)

    # A quarter, chosen with the form.
    page.get_by_label("Periode", exact=True).select_option("2")
    page.get_by_role("button", name="Vis rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Borgerservicerapport 2019, 2. kvartal"
    )
    axe(page)
    no_sideways_scroll(page)

    # A bad year: the form with an error, still accessible.
    page.get_by_label("År", exact=True).fill("19")
    page.get_by_role("button", name="Vis rapporten").click()
    expect(page.locator(".indgang-error-summary")).to_contain_text(
        "Året skal være 2000 eller senere."
    )
    axe(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_targets_form_works_with_the_keyboard(
    new_page, axe, report_data, monday, make_staff, viewport
):
    manager = make_staff(Role.MANAGER)
    page = new_page(viewport=viewport)
    log_in(page, manager, "/personale/rapporter/borgerservice/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Borgerservicerapport 2019")

    tab_to(page, page.get_by_role("link", name="Ret målene"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mål for borgerservice")
    axe(page)
    no_sideways_scroll(page)

    # A target over 100: the error summary takes the focus and links to the field.
    field = page.get_by_label("Servicemål: besvaret inden for 20 sek. (mindst %)")
    tab_to(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.type("120")
    page.keyboard.press("Enter")
    summary = page.locator(".indgang-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Målet kan ikke være over 100 %.")
    expect(field).to_have_attribute("aria-invalid", "true")
    axe(page)
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(field).to_be_focused()

    page.keyboard.press("Control+A")
    page.keyboard.type("60")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Borgerservicerapport 2019")
    expect(page.locator(".indgang-message")).to_contain_text("Målene er gemt.")
    kpi = page.locator('tr[data-kpi="service_level_pct"]')
    expect(kpi).to_contain_text("mindst 60,0 %")
    expect(kpi).to_contain_text("Mål nået")
    axe(page)
    assert str(KpiTargets.objects.get(pk=1).service_level_pct) == "60.0"
