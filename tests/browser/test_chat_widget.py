"""The citizen's chat in Chromium.

- The chat page has no axe-core violations at 1280 and 360 px, open and
  closed, before and after starting a chat (and with a form error).
- The loader script on a municipality's page (another origin): a real
  button opens the chat in an iframe, Escape closes it, the focus returns.
- The issue's proof: a live conversation over Daphne (HTTP + WebSockets, in a
  thread of this process, Redis channel layer); the citizen's connection is
  cut (offline and the socket closed), the agent sends 20 messages through
  `services.message_post`, the connection comes back → exactly 20 agent
  messages shown, in order, none twice. A message the citizen wrote while
  offline is posted once it can be (same client_id) and shown once; a reload
  resumes the chat with the same messages.
"""

from __future__ import annotations

import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from indgang.chat import services
from indgang.chat.models import Author, ChatMessage, Conversation, ConversationStatus
from indgang.contactcentre.models import CallbackTask
from indgang.core import clock
from tests.browser.conftest import PHONE
from tests.browser.helpers import no_sideways_scroll
from tests.catalogue.factories import DepartmentFactory
from tests.chat.factories import chat_agent, chat_hours_weekdays
from tests.conftest import local
from tests.knowledge.test_search import make_article

pytestmark = pytest.mark.browser

OPEN = local(2026, 11, 23, 10, 20)  # Monday; chat open Monday–Friday 8–20
EVENING = local(2026, 11, 23, 21, 30)  # opens again Tuesday 8.00
QUESTION = "Hvordan fornyer jeg mit pas?"
REDIS_URL = "redis://127.0.0.1:6379/0"
VIEWPORTS = pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])


@pytest.fixture
def chat_data(transactional_db):
    from indgang.knowledge import search

    search.synonyms_changed()
    chat_hours_weekdays()
    DepartmentFactory(name="Borgerservice", slug="borgerservice")
    make_article("Forny dit pas", summary="Bestil et nyt pas, når dit gamle udløber.")
    make_article("Flyt adresse", summary="Meld flytning digitalt.")


@pytest.fixture
def open_hours():
    with clock.frozen(at=OPEN) as at:
        yield at


@pytest.fixture
def evening():
    with clock.frozen(at=EVENING) as at:
        yield at


def start_chat(page):
    page.get_by_label("Skriv dit spørgsmål").fill(QUESTION)
    suggestions = page.get_by_test_id("chat-suggestions")
    expect(suggestions.get_by_role("link", name=re.compile("Forny dit pas"))).to_be_visible()
    expect(suggestions).to_have_attribute("aria-live", "polite")
    page.get_by_role("button", name=re.compile("Start chat|Send spørgsmålet")).click()
    expect(page.get_by_role("heading", name="Din chat")).to_be_focused()


# --- axe: open and closed ---------------------------------------------------------------


@VIEWPORTS
def test_open_chat_page_has_no_axe_violations(new_page, axe, chat_data, open_hours, viewport):
    page = new_page(viewport=viewport)
    page.goto("/chat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat med kommunen")
    expect(page.get_by_test_id("chat-state")).to_contain_text("Chatten er åben")
    axe(page)
    no_sideways_scroll(page)

    # An empty question: a message at the field.
    page.get_by_role("button", name="Start chat").click()
    expect(page.get_by_text("Skriv dit spørgsmål, før du starter chatten.")).to_be_visible()
    expect(page.get_by_label("Skriv dit spørgsmål")).to_be_focused()
    axe(page)

    start_chat(page)
    expect(page.get_by_test_id("chat-status")).to_contain_text("Du er nummer 1 i køen.")
    expect(page.get_by_text(QUESTION)).to_be_visible()
    page.get_by_label("Skriv en besked").fill("Jeg har bestilt tid i forvejen.")
    page.keyboard.press("Enter")
    expect(page.locator("#chat-messages [data-author='citizen']")).to_have_count(1)
    expect(page.get_by_label("Skriv en besked")).to_have_value("")
    axe(page)
    no_sideways_scroll(page)
    assert Conversation.objects.get().question == QUESTION


@VIEWPORTS
def test_closed_chat_page_has_no_axe_violations(new_page, axe, chat_data, evening, viewport):
    page = new_page(viewport=viewport)
    page.goto("/chat/")
    state = page.get_by_test_id("chat-state")
    expect(state).to_contain_text("Chatten er lukket lige nu")
    expect(state).to_contain_text("Vi åbner igen i morgen kl. 08.00.")
    expect(page.get_by_role("link", name="Bestil en tid hos Borgerservice")).to_have_attribute(
        "href", "/bestil-tid/"
    )
    axe(page)
    no_sideways_scroll(page)

    # A question left after hours is a conversation waiting for the opening.
    start_chat(page)
    expect(page.get_by_test_id("chat-status")).to_contain_text(
        "Chatten er lukket nu. Dit spørgsmål venter i køen"
    )
    expect(page.get_by_test_id("chat-status")).to_contain_text("tirsdag")
    axe(page)
    no_sideways_scroll(page)
    conversation = Conversation.objects.get()
    assert conversation.after_hours and conversation.status == ConversationStatus.WAITING

    # The callback form: a bad number is a message at the field.
    page.get_by_label("Navn").fill("Karen Hansen")
    page.get_by_label("Telefonnummer").fill("123")
    page.get_by_label("Hvad drejer det sig om?").fill("Mit pas er væk.")
    page.get_by_role("button", name="Ring mig op").click()
    expect(page.get_by_role("heading", name="Der er en fejl")).to_be_visible()
    expect(page.locator(".form-error-message")).to_contain_text("Skriv et gyldigt telefonnummer")
    axe(page)
    no_sideways_scroll(page)
    page.get_by_label("Telefonnummer").fill("12 34 56 78")
    page.get_by_role("button", name="Ring mig op").click()
    expect(page.get_by_test_id("callback-done")).to_contain_text("Vi ringer til 12 34 56 78")
    axe(page)
    assert CallbackTask.objects.get().citizen_phone == "+4512345678"


def test_english_chat_page_has_no_axe_violations(new_page, axe, chat_data, evening):
    page = new_page(viewport=PHONE)
    page.goto("/en/chat/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe(page)
    no_sideways_scroll(page)


# --- The loader on a municipality's page --------------------------------------------------


def municipality_page(new_page, live_server, *, lang="da", viewport=None):
    """A page of the municipality's website on another origin than Indgang
    (127.0.0.1 against the live server's localhost) with the one script tag."""
    page = new_page(viewport=viewport)
    port = live_server.url.rsplit(":", 1)[1]
    page.goto(f"http://127.0.0.1:{port}/healthz")
    page.set_content(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Kommunen</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        "<body><main><h1>Kontakt kommunen</h1><p>Velkommen.</p>"
        '<a href="#top">Til toppen</a></main>'
        f'<script src="{live_server.url}/chat/widget.js" defer></script></body></html>'
    )
    assert "localhost" in live_server.url
    return page


def tab_to_in_shadow(page, locator, *, limit: int = 20) -> None:
    """Press Tab until `locator` (in the widget's shadow root) has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el.getRootNode().activeElement === el"):
            return
    raise AssertionError(f"Tab never reached {locator}")


@VIEWPORTS
def test_the_loader_opens_the_chat_in_an_iframe_with_the_keyboard(
    new_page, axe, live_server, chat_data, open_hours, viewport
):
    page = municipality_page(new_page, live_server, viewport=viewport)
    launcher = page.get_by_role("button", name="Chat med kommunen")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    axe(page)
    no_sideways_scroll(page)

    tab_to_in_shadow(page, launcher)
    page.keyboard.press("Enter")
    frame_el = page.locator("iframe[title='Chat med kommunen']")
    expect(frame_el).to_be_visible()
    assert frame_el.get_attribute("src").startswith(f"{live_server.url}/chat/?embed=1")
    chat = page.frame_locator("iframe[title='Chat med kommunen']")
    expect(chat.get_by_role("heading", level=1)).to_have_text("Chat med kommunen")
    question = chat.get_by_label("Skriv dit spørgsmål")
    expect(question).to_be_focused()
    page.keyboard.type("pas")
    expect(chat.get_by_role("link", name=re.compile("Forny dit pas"))).to_be_visible()
    axe(page)
    no_sideways_scroll(page)

    # Escape inside the iframe closes the panel; the focus returns to the button.
    page.keyboard.press("Escape")
    expect(frame_el).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")

    # Open again: the same iframe, what was typed is still there; the close button works.
    page.keyboard.press("Enter")
    expect(question).to_have_value("pas")
    page.get_by_role("button", name="Luk chatten").click()
    expect(frame_el).to_be_hidden()
    expect(launcher).to_be_focused()


def test_the_loader_follows_the_page_language(new_page, live_server, chat_data, open_hours):
    page = municipality_page(new_page, live_server, lang="en")
    page.get_by_role("button", name=re.compile("Chat")).click()
    frame_el = page.locator("#indgang-chat-widget iframe")
    expect(frame_el).to_be_visible()
    assert frame_el.get_attribute("src").startswith(f"{live_server.url}/en/chat/?embed=1")


# --- The reconnect proof (Daphne + WebSockets) ---------------------------------------------


@pytest.fixture(scope="session")
def chat_asgi_server(django_db_setup):
    """Daphne serving config.asgi:application in a daemon thread for the rest
    of the session. Twisted's reactor runs once per process: when another
    module's Daphne already runs it, this server joins that reactor."""
    from daphne.server import Server
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from twisted.internet import reactor

    from config.asgi import application

    ready = threading.Event()
    server = Server(
        application=ASGIStaticFilesHandler(application),
        endpoints=["tcp:port=0:interface=127.0.0.1"],
        signal_handlers=False,
        ready_callable=ready.set,
    )
    if reactor.running:

        def join_reactor():
            run = reactor.run
            reactor.run = lambda *args, **kwargs: None
            try:
                server.run()
            finally:
                reactor.run = run

        reactor.callFromThread(join_reactor)
    else:
        threading.Thread(target=server.run, daemon=True, name="daphne-chat").start()
    if not ready.wait(timeout=15):
        pytest.fail("Daphne did not start")
    for _ in range(150):
        if server.listening_addresses:
            break
        threading.Event().wait(0.1)
    host, port = server.listening_addresses[0]
    yield f"http://{host}:{port}"


@pytest.fixture
def redis_layer(settings):
    """The Redis channel layer (as in production), own prefix per test."""
    import redis
    from channels.layers import channel_layers

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception:  # no Redis here: the in-process test cannot prove live updates
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"indgang-test-{uuid.uuid4().hex[:8]}"},
        }
    }
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


class SocketSwitch:
    """Routes the page's chat WebSockets through Playwright so the test can
    cut them: `cut()` closes both ends and refuses new ones until `restore()`."""

    def __init__(self) -> None:
        self.allowed = True
        self.open: list = []
        self.refused = 0

    def handle(self, ws) -> None:
        if not self.allowed:
            self.refused += 1
            ws.close(code=4000, reason="offline")
            return
        server = ws.connect_to_server()
        self.open.append((ws, server))

    def cut(self) -> None:
        self.allowed = False
        for ws, server in self.open:
            server.close()
            ws.close(code=4000, reason="offline")
        self.open.clear()

    def restore(self) -> None:
        self.allowed = True


def in_thread(service, **kwargs):
    """Call a chat service in a thread of its own: in this thread Playwright's
    event loop runs, where async_to_sync (the live update after commit) may not."""
    from django.db import connections

    def call():
        try:
            return service(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def agent_messages(page):
    return page.locator("#chat-messages [data-author='agent']")


def shown(page) -> list[tuple[int, str, str]]:
    """(seq, author, text) of every message shown, top to bottom."""
    return page.locator("#chat-messages > li").evaluate_all(
        """items => items.map(li => [Number(li.dataset.seq), li.dataset.author,
            li.querySelector('.chat-message-text').textContent])"""
    )


def test_a_lost_connection_loses_nothing_and_shows_nothing_twice(
    new_page, chat_data, open_hours, chat_asgi_server, redis_layer
):
    base = chat_asgi_server
    agent = chat_agent(first_name="Anna")
    switch = SocketSwitch()
    page = new_page()
    page.route_web_socket(re.compile(r"/ws/chat/"), switch.handle)
    page.goto(f"{base}/chat/")
    start_chat(page)
    session = page.locator("#chat-session")
    expect(session).to_have_attribute("data-live", "live")
    expect(page.get_by_test_id("chat-status")).to_contain_text("Du er nummer 1 i køen.")

    # The agent takes the chat and answers; the citizen answers back.
    conversation = Conversation.objects.get()
    assert in_thread(services.conversation_take_next, agent=agent).pk == conversation.pk
    expect(page.get_by_test_id("chat-status")).to_have_text("Du chatter med Anna fra kommunen.")
    in_thread(
        services.message_post,
        conversation=conversation,
        text="Hej, det er Anna. Hvad er dit spørgsmål om passet?",
        client_id=str(uuid.uuid4()),
        author=Author.AGENT,
        sender=agent,
    )
    expect(agent_messages(page)).to_have_count(1)
    page.get_by_label("Skriv en besked").fill("Mit pas udløber i næste måned.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#chat-messages [data-author='citizen']")).to_have_count(1)

    # Cut the citizen's connection: offline, and the socket closed.
    page.context.set_offline(True)
    switch.cut()
    expect(session).to_have_attribute("data-live", "polling")
    expect(page.get_by_text("Forbindelsen er afbrudt.")).to_be_visible()
    # The citizen writes while offline: the message waits, and is retried.
    page.get_by_label("Skriv en besked").fill("Er du der stadig?")
    page.keyboard.press("Enter")
    expect(page.locator("#chat-outbox li")).to_have_count(1)

    for n in range(1, 21):
        in_thread(
            services.message_post,
            conversation=conversation,
            text=f"Svar {n:02d}",
            client_id=str(uuid.uuid4()),
            author=Author.AGENT,
            sender=agent,
        )
    expect(agent_messages(page)).to_have_count(1)  # nothing arrives while cut off

    # Back online: the client reconnects and fetches what it missed.
    switch.restore()
    page.context.set_offline(False)
    expect(session).to_have_attribute("data-live", "live", timeout=20_000)
    expect(agent_messages(page)).to_have_count(21, timeout=20_000)
    expect(page.locator("#chat-outbox li")).to_have_count(0, timeout=20_000)
    expect(page.locator("#chat-messages [data-author='citizen']")).to_have_count(2)

    def check(rows):
        seqs = [seq for seq, _a, _t in rows]
        assert seqs == sorted(set(seqs)), f"out of order or twice: {seqs}"
        agent_texts = [text for _s, author, text in rows if author == "agent"]
        assert agent_texts[1:] == [f"Svar {n:02d}" for n in range(1, 21)]
        assert len(agent_texts) == 21
        assert [t for _s, a, t in rows if a == "citizen"] == [
            "Mit pas udløber i næste måned.",
            "Er du der stadig?",
        ]
        assert seqs == list(range(1, len(rows) + 1))

    check(shown(page))
    # The offline message was stored once, whatever the retries.
    assert (
        ChatMessage.objects.filter(conversation=conversation, text="Er du der stadig?").count() == 1
    )

    # A reload resumes the chat from sessionStorage: the same messages, once each.
    page.reload()
    expect(session).to_be_visible()
    expect(session).to_have_attribute("data-live", "live")
    expect(agent_messages(page)).to_have_count(21)
    expect(page.get_by_text(QUESTION)).to_be_visible()
    check(shown(page))

    # The agent closes the chat: the citizen sees it ended and may start anew.
    in_thread(services.conversation_close, conversation=conversation, by=agent, outcome="resolved")
    expect(page.get_by_test_id("chat-status")).to_have_text(
        "Chatten er afsluttet. Tak for din henvendelse."
    )
    expect(page.get_by_role("button", name="Start en ny chat")).to_be_visible()
