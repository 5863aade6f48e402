"""The agent desktop in Chromium: no axe-core violations at 1280 and 360 px;
search as you type, open an article, resolve → a contact is registered and the
desktop is cleared with an announced confirmation. Without JavaScript the
same works by GET search and POST + redirect."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.catalogue.models import Outcome
from indgang.contactcentre.models import Presence
from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge import services as knowledge
from indgang.knowledge.models import ArticleStatus, Audience
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.catalogue.factories import ServiceFactory
from tests.conftest import local
from tests.contactcentre.factories import caseworker, department_with_phone_hours

pytestmark = pytest.mark.browser

NOW = local(2026, 11, 23, 10, 20)
URL = "/personale/kontaktcenter/"


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def knowledge_base(transactional_db, monday, make_staff):
    department = department_with_phone_hours(name="Ydelsesafdelingen")
    service = ServiceFactory(
        name="Boligstøtte",
        department=department,
        self_service_url="https://www.borger.dk/boligstoette",
    )
    caseworker(
        department=department, presence=Presence.AVAILABLE, first_name="Lene", last_name="Ledig"
    )
    article = knowledge.article_create(
        by=make_staff(Role.MANAGER),
        title="Boligstøtte: udbetaling",
        summary="Hvornår boligstøtten bliver udbetalt.",
        body="## Udbetaling\n\nBoligstøtten udbetales **forud** den 1. i måneden.",
        audience=Audience.INTERNAL,
        status=ArticleStatus.PUBLISHED,
        services=[service],
    )
    return article, service


def agent_page(new_page, live_server, user, *, viewport=None, javascript=True):
    page = new_page(viewport=viewport, javascript=javascript)
    log_in(page, user, live_server.url)
    page.goto(URL)
    return page


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_search_open_resolve(new_page, axe, live_server, knowledge_base, make_staff, viewport):
    _article, service = knowledge_base
    agent = make_staff(Role.CONTACT_CENTRE)
    page = agent_page(new_page, live_server, agent, viewport=viewport)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontaktcenter")
    axe(page)
    no_sideways_scroll(page)

    # Results as you type (htmx), no submit.
    page.get_by_label("Søg i vejledninger").press_sequentially("boligstøtte", delay=20)
    result = page.get_by_role("link", name="Boligstøtte: udbetaling")
    expect(result).to_be_visible()
    axe(page)
    result.click()
    expect(page.get_by_role("heading", level=2, name="Boligstøtte: udbetaling")).to_be_visible()
    expect(page.locator(".indgang-article-body strong")).to_have_text("forud")
    page.get_by_text("Viderestil til …").click()
    expect(page.get_by_role("button", name="Viderestil til Lene Ledig")).to_be_visible()
    page.get_by_text("Tilbagekald", exact=True).click()
    page.get_by_text("Henvist til selvbetjening", exact=True).first.click()
    axe(page)
    no_sideways_scroll(page)

    page.get_by_role("button", name="Afklaret").click()
    notice = page.locator("#desktop-notice")
    expect(notice).to_contain_text("Registreret: afklaret (Boligstøtte), Telefon.")
    expect(notice).to_have_attribute("aria-live", "polite")
    expect(page.get_by_label("Søg i vejledninger")).to_have_value("")
    expect(page.get_by_role("heading", name="Boligstøtte: udbetaling")).to_have_count(0)
    axe(page)
    (contact,) = Contact.objects.all()
    assert (contact.outcome, contact.service_id, contact.staff_id) == (
        Outcome.RESOLVED,
        service.pk,
        agent.pk,
    )


def test_without_javascript(new_page, live_server, knowledge_base, make_staff):
    agent = make_staff(Role.CONTACT_CENTRE)
    page = agent_page(new_page, live_server, agent, javascript=False)
    page.get_by_label("Søg i vejledninger").fill("boligstøtte")
    page.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_role("link", name="Boligstøtte: udbetaling").click()
    page.get_by_role("button", name="Forgæves").click()
    expect(page.locator("#desktop-notice")).to_contain_text("Registreret: forgæves kald")
    assert Contact.objects.get().outcome == Outcome.FUTILE


def test_closed_department_futile_then_callback(new_page, axe, live_server, make_staff):
    with clock.frozen(at=local(2026, 11, 23, 16, 30)):
        department = department_with_phone_hours(name="Ydelsesafdelingen")
        service = ServiceFactory(name="Boligstøtte", department=department)
        agent = make_staff(Role.CONTACT_CENTRE)
        page = agent_page(new_page, live_server, agent, viewport=PHONE)
        page.get_by_label("Ydelse", exact=True).select_option(label="Boligstøtte")
        page.get_by_role("button", name="Vælg ydelse").click()
        expect(page.get_by_test_id("department-closed")).to_contain_text(
            "Ydelsesafdelingen har lukket telefonen nu; åbner igen i morgen kl. 09.00."
        )
        axe(page)
        page.get_by_role("button", name="Registrér forgæves kald og opret tilbagekald").click()
        expect(page.locator("#desktop-notice")).to_contain_text("Registreret: forgæves kald")
        expect(page.get_by_label("Afdeling, der skal ringe tilbage")).to_have_value(
            str(department.pk)
        )
        axe(page)
        page.get_by_label("Borgerens navn").fill("Karen Jensen")
        page.get_by_label("Borgerens telefonnummer").fill("12345678")
        page.get_by_label("Borgerens spørgsmål").fill("Hvornår kommer boligstøtten?")
        page.get_by_role("button", name="Opret tilbagekald").click()
        expect(page.locator("#desktop-notice")).to_contain_text(
            "Registreret: tilbagekald til Ydelsesafdelingen"
        )
        axe(page)
        assert [c.outcome for c in Contact.objects.all()] == [Outcome.FUTILE]
        assert Contact.objects.get().service == service
