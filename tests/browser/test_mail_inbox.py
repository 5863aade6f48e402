"""The digital mail inbox in Chromium: no axe-core violations at 1280 and
360 px on the inbox and a mail's page, overdue mail flagged in words, and a
plain mail answered from its page (the answer goes to the ledger and the
inbox confirms it). Also without JavaScript: the pages are plain forms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from indgang.contacts.models import MailKind
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.digitalmail.models import Mail, MailStatus
from indgang.notifications.models import Message
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.catalogue.factories import DepartmentFactory, ServiceFactory, SubjectAreaFactory
from tests.conftest import local
from tests.digitalmail.factories import MailFactory

pytestmark = pytest.mark.browser

NOW = local(2026, 11, 23, 10, 20)
INBOX = "/personale/post/"


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def mails(transactional_db, monday):
    department = DepartmentFactory(name="Opkrævning og Ejendomsskat", email="opk@kommune.example")
    area = SubjectAreaFactory(name="Ejendomsskat")
    service = ServiceFactory(name="Ejendomsskat", subject_area=area, department=department)
    overdue = MailFactory(
        subject="Rykker – men jeg har betalt",
        body="Jeg har fået en rykker, men jeg betalte den 3. oktober.\n\nMvh Lise",
        sender_name="Lise Andersen",
        sender_address="lise@example.org",
        received_at=NOW - timedelta(days=3),
        deadline=NOW - timedelta(hours=2),
        subject_area=area,
        department=department,
        service=service,
        suggestion="Sorteringsregel: ordet »rykker«",
    )
    secure = MailFactory(
        kind=MailKind.SECURE,
        subject="Ejendomsskattebillet 2027 – forkert beløb?",
        sender_name="Poul Erik Hansen",
        sender_address="",
        deadline=NOW + timedelta(days=9),
        subject_area=area,
        department=department,
    )
    MailFactory(subject="Tak for hjælpen", deadline=NOW + timedelta(days=2))
    return overdue, secure


def agent_page(new_page, live_server, make_staff, *, viewport=None, javascript=True):
    page = new_page(viewport=viewport, javascript=javascript)
    log_in(page, make_staff(Role.CONTACT_CENTRE), live_server.url)
    return page


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_inbox_and_mail_page_are_accessible(
    new_page, axe, live_server, make_staff, mails, viewport
):
    _overdue, secure = mails
    page = agent_page(new_page, live_server, make_staff, viewport=viewport)
    page.goto(INBOX)
    expect(page.get_by_role("heading", level=1)).to_have_text("Digital post")
    first_row = page.locator("tbody tr").first
    expect(first_row).to_contain_text("Overskredet:")
    expect(first_row).to_contain_text("Rykker – men jeg har betalt")
    axe(page)
    no_sideways_scroll(page)

    page.get_by_role("link", name="Rykker – men jeg har betalt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rykker – men jeg har betalt")
    expect(page.get_by_text("Ud fra: Sorteringsregel: ordet »rykker«")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)

    page.goto(f"{INBOX}{secure.pk}/")
    expect(page.get_by_role("button", name="Markér som besvaret")).to_be_visible()
    axe(page)


def test_answer_a_mail_from_its_page(new_page, axe, live_server, make_staff, mails):
    overdue, _secure = mails
    page = agent_page(new_page, live_server, make_staff)
    page.goto(f"{INBOX}{overdue.pk}/")
    page.get_by_role("button", name="Send svar").click()
    # An empty answer: the error summary names the field and links to it.
    summary = page.get_by_role("alert").filter(has_text="Der er en fejl")
    expect(summary).to_be_visible()
    axe(page)
    summary.get_by_role("link", name="Skriv dit svar.").click()
    expect(page.get_by_label("Dit svar")).to_be_focused()

    page.get_by_label("Dit svar").fill("Vi kan se din betaling. Du skal ikke betale gebyret.")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digital post")
    expect(page.get_by_role("status")).to_contain_text("Svaret er sendt til lise@example.org.")
    expect(page.get_by_role("link", name="Rykker – men jeg har betalt")).to_have_count(0)
    assert Mail.objects.get(pk=overdue.pk).status == MailStatus.ANSWERED
    assert Message.objects.get().recipient == "lise@example.org"


def test_forward_without_javascript(new_page, live_server, make_staff, mails):
    _overdue, secure = mails
    page = agent_page(new_page, live_server, make_staff, javascript=False)
    page.goto(f"{INBOX}{secure.pk}/")
    page.get_by_label("Besked til afdelingen").fill("Spørgsmål om grundskyld")
    page.get_by_role("button", name="Videresend").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Mailen er videresendt til Opkrævning og Ejendomsskat."
    )
    mail = Mail.objects.get(pk=secure.pk)
    assert mail.status == MailStatus.FORWARDED
