"""The agent console in Chromium: no axe-core violations at 1280 and 360 px
(empty, and with a chat open), and the flow take next → answer with a link
to a public article ("Indsæt link") → a citizen's reply shows up → close with
an outcome → one contact. pytest-django's live server has no WebSockets, so
the console falls back to polling here; without JavaScript the same works by
POST and reload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.catalogue.models import Channel, Outcome
from indgang.chat import services
from indgang.chat.models import Author, CannedAnswer, ConversationStatus
from indgang.contactcentre.models import Presence
from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge import services as knowledge
from indgang.knowledge.models import ArticleStatus, Audience
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.conftest import local
from tests.contactcentre.factories import StaffPresenceFactory

pytestmark = pytest.mark.browser

NOW = local(2026, 11, 23, 10, 20)  # Monday
URL = "/personale/chat/"
QUESTION = "Hvornår bliver min boligstøtte udbetalt?"
PUBLIC = "https://borger.example.dk"  # the citizens' address of the site


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def setting(transactional_db, monday, make_staff, settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    knowledge.article_create(
        by=make_staff(Role.MANAGER),
        title="Boligstøtte: udbetaling",
        summary="Hvornår boligstøtten bliver udbetalt.",
        body="Boligstøtten udbetales **forud** den 1. i måneden.",
        audience=Audience.PUBLIC,
        status=ArticleStatus.PUBLISHED,
        slug="boligstoette-udbetaling",
    )
    CannedAnswer.objects.create(title="Velkomst", text="Hej, du taler med Borgerservice.")
    agent = make_staff(Role.CONTACT_CENTRE, first_name="Anna", last_name="Agent")
    StaffPresenceFactory(user=agent, status=Presence.AVAILABLE)
    colleague = make_staff(Role.CONTACT_CENTRE, first_name="Bo", last_name="Berg")
    StaffPresenceFactory(user=colleague, status=Presence.AVAILABLE)
    conversation, _token = services.conversation_start(question=QUESTION)
    return agent, conversation


def console(new_page, live_server, user, *, viewport=None, javascript=True):
    page = new_page(viewport=viewport, javascript=javascript)
    log_in(page, user, live_server.url)
    page.goto(URL)
    return page


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_take_answer_with_an_article_link_and_close(new_page, axe, live_server, setting, viewport):
    agent, conversation = setting
    page = console(new_page, live_server, agent, viewport=viewport)
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat")
    expect(page.get_by_test_id("waiting")).to_have_text("1 borger venter")
    expect(page.get_by_test_id("capacity")).to_contain_text("Du har 0 af 3 chats")
    axe(page)
    no_sideways_scroll(page)

    # Take next: the citizen's question, suggestions from the knowledge base.
    page.get_by_role("button", name="Tag næste").click()
    expect(page.get_by_test_id("chat-notice")).to_contain_text("Du har taget en chat.")
    expect(page.get_by_test_id("question")).to_have_text(QUESTION)
    expect(page.get_by_test_id("capacity")).to_contain_text("Du har 1 af 3 chats")
    expect(page.get_by_test_id("waiting")).to_have_text("0 borgere venter")
    expect(page.locator("#chat-live")).to_have_attribute("data-live", "polling")
    page.get_by_text("Viderestil til en kollega").click()
    expect(page.get_by_label("Viderestil til")).to_contain_text("Bo Berg")
    page.get_by_text("Standardsvar", exact=True).click()
    axe(page)
    no_sideways_scroll(page)

    # Answer with a canned answer and an article link, inserted at the cursor.
    box = page.get_by_label("Dit svar")
    page.get_by_role("link", name="Indsæt “Velkomst” (standardsvar)").click()
    expect(box).to_have_value("Hej, du taler med Borgerservice.")
    expect(box).to_be_focused()
    box.press("End")
    box.press_sequentially(" Læs her:", delay=5)
    page.get_by_role("link", name="Indsæt link til “Boligstøtte: udbetaling” i svaret").click()
    link = f"{PUBLIC}/hjaelp/boligstoette-udbetaling/"
    expect(box).to_have_value(f"Hej, du taler med Borgerservice. Læs her: {link}")
    page.get_by_role("button", name="Send", exact=True).click()
    messages = page.get_by_test_id("messages")
    expect(messages.locator("li")).to_have_count(1)
    expect(messages.get_by_role("link", name=link)).to_be_visible()
    expect(page.get_by_label("Dit svar")).to_have_value("")
    expect(page.get_by_label("Dit svar")).to_be_focused()

    # The citizen answers: it shows up without a reload (polling here), once.
    services.message_post(
        conversation=conversation, text="Tak, det hjalp!", client_id="w-1", author=Author.CITIZEN
    )
    expect(messages.locator("li")).to_have_count(2, timeout=15_000)
    expect(messages.locator("li").last).to_contain_text("Tak, det hjalp!")
    axe(page)

    # Close with an outcome: one contact in the registry.
    page.get_by_label("Afklaret med det samme").check()
    page.get_by_role("button", name="Afslut og registrér").click()
    expect(page.get_by_test_id("chat-notice")).to_contain_text(
        "Chatten er afsluttet og registreret som henvendelse: Afklaret med det samme."
    )
    expect(page.get_by_role("heading", name="Ingen åbne chats")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    (contact,) = Contact.objects.all()
    assert (contact.channel, contact.outcome, contact.staff_id) == (
        Channel.CHAT,
        Outcome.RESOLVED,
        agent.pk,
    )
    assert [m.text for m in conversation.messages.order_by("seq")] == [
        f"Hej, du taler med Borgerservice. Læs her: {link}",
        "Tak, det hjalp!",
    ]


def test_without_javascript(new_page, live_server, setting):
    agent, _conversation = setting
    page = console(new_page, live_server, agent, javascript=False)
    page.get_by_role("button", name="Tag næste").click()
    expect(page.get_by_test_id("question")).to_have_text(QUESTION)
    page.get_by_role("link", name="Indsæt link til “Boligstøtte: udbetaling” i svaret").click()
    link = f"{PUBLIC}/hjaelp/boligstoette-udbetaling/"
    expect(page.get_by_label("Dit svar")).to_have_value(link)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_test_id("messages").locator("li")).to_have_count(1)
    page.get_by_label("Henvist til selvbetjening").check()
    page.get_by_role("button", name="Afslut og registrér").click()
    expect(page.get_by_test_id("chat-notice")).to_contain_text("Henvist til selvbetjening")
    assert Contact.objects.get().outcome == Outcome.REFERRED_SELF_SERVICE
