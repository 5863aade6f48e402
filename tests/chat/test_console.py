"""The agent console (/personale/chat/): who gets in; presence, capacity and
the waiting count; "Tag næste" (taken, at capacity, nobody waiting); sending
(plain POST and htmx, a resend stored once); canned answers and "Indsæt link"
(public articles only, /hjaelp/<slug>/ in the message box); transfer to a
present colleague with a free slot; close with an outcome records one contact."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from indgang.catalogue.models import Channel, Outcome, Point
from indgang.chat import services
from indgang.chat.models import Author, CannedAnswer, ChatAgent, ChatMessage, ConversationStatus
from indgang.contactcentre.models import Presence
from indgang.contactcentre.selectors import presence_of
from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge import services as knowledge
from indgang.knowledge.models import ArticleStatus, Audience
from tests.catalogue.factories import SubjectAreaFactory
from tests.conftest import local
from tests.contactcentre.factories import StaffPresenceFactory

NOW = local(2026, 11, 23, 10, 20)  # a Monday
URL = "/personale/chat/"


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PUBLIC_BASE_URL = "https://borger.example.dk/"


@pytest.fixture
def agent(make_staff):
    user = make_staff(Role.CONTACT_CENTRE, first_name="Anna", last_name="Agent")
    StaffPresenceFactory(user=user, status=Presence.AVAILABLE)
    return user


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


def ask(question: str, *, minutes_ago: int = 0):
    conversation, _token = services.conversation_start(
        question=question, at=clock.now() - timedelta(minutes=minutes_ago)
    )
    return conversation


def taken(agent, question="Hvornår udbetales boligstøtten?"):
    ask(question)
    return services.conversation_take_next(agent=agent)


def page_url(conversation) -> str:
    return reverse("chat_staff:conversation", kwargs={"pk": conversation.pk})


def text(response) -> str:
    return response.content.decode()


# --- Access ----------------------------------------------------------------------------


def test_console_urls_are_under_personale_chat():
    assert reverse("chat_staff:console") == URL
    assert reverse("chat_staff:take_next") == "/personale/chat/tag-naeste/"


def test_anonymous_is_sent_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.BACK_OFFICE, Role.ADMINISTRATOR])
def test_other_roles_get_403(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get(URL).status_code == 403
    assert client.post(reverse("chat_staff:take_next")).status_code == 403


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.MANAGER])
def test_contact_centre_and_managers_get_in(client, make_staff, monday, role):
    client.force_login(make_staff(role))
    response = client.get(URL)
    assert response.status_code == 200
    assert "<h1>Chat</h1>" in text(response)


def test_an_agent_cannot_open_a_colleagues_chat(agent_client, make_staff, monday):
    colleague = make_staff(Role.CONTACT_CENTRE)
    conversation = taken(colleague, "Mit personlige spørgsmål")
    response = agent_client.get(page_url(conversation), follow=True)
    assert "Chatten er ikke længere åben hos dig." in text(response)
    assert "Mit personlige spørgsmål" not in text(response)
    assert (
        agent_client.get(reverse("chat_staff:messages", args=[conversation.pk])).status_code == 404
    )
    response = agent_client.post(
        reverse("chat_staff:send", args=[conversation.pk]), {"text": "Hej", "client_id": "x1"}
    )
    assert response.status_code == 302
    assert not ChatMessage.objects.exists()


# --- Presence, capacity, waiting -------------------------------------------------------


def test_console_shows_presence_capacity_and_waiting(agent_client, agent, monday):
    ask("Første", minutes_ago=3)
    ask("Anden", minutes_ago=2)
    ask("Tredje", minutes_ago=1)
    services.conversation_take_next(agent=agent)
    ChatAgent.objects.filter(user=agent).update(capacity=3)
    page = text(agent_client.get(URL))
    assert "Du står som: <strong>Ledig</strong>" in page
    assert "<strong>1 af 3 chats</strong>" in page
    assert "<strong>2</strong> borgere venter" in page
    # The fragment console.js polls says the same.
    fragment = text(agent_client.get(reverse("chat_staff:status")))
    assert "<strong>2</strong> borgere venter" in fragment
    assert "<strong>1 af 3 chats</strong>" in fragment
    assert "Første" in fragment  # my open chats


def test_agent_sets_own_presence(agent_client, agent, monday):
    response = agent_client.post(
        reverse("chat_staff:presence"), {"status": Presence.MEETING}, follow=True
    )
    assert presence_of(type(agent).objects.get(pk=agent.pk)) == Presence.MEETING
    assert "Din status er nu: I møde." in text(response)
    assert "Kolleger kan kun viderestille chats til dig, når du står som Ledig." in text(response)


# --- Take next -------------------------------------------------------------------------


def test_take_next_with_nobody_waiting_says_so(agent_client, monday):
    response = agent_client.post(reverse("chat_staff:take_next"), follow=True)
    assert "Ingen borgere venter lige nu." in text(response)
    assert "Du har ingen åbne chats." in text(response)


def test_take_next_takes_the_oldest_and_opens_it(agent_client, agent, monday):
    ask("Nyeste spørgsmål", minutes_ago=1)
    oldest = ask("Hvornår udbetales boligstøtten?", minutes_ago=5)
    response = agent_client.post(reverse("chat_staff:take_next"))
    assert response.status_code == 302
    assert response["Location"] == page_url(oldest)
    oldest.refresh_from_db()
    assert oldest.status == ConversationStatus.ACTIVE and oldest.agent == agent
    page = text(agent_client.get(response["Location"]))
    assert "Du har taget en chat. Borgeren venter på dit svar." in page
    assert "Hvornår udbetales boligstøtten?" in page
    assert "<strong>1</strong> borger venter" in page


def test_take_next_at_capacity_says_so_and_takes_nothing(agent_client, agent, monday):
    ChatAgent.objects.create(user=agent, capacity=2)
    for n in range(3):
        ask(f"Spørgsmål {n}", minutes_ago=10 - n)
    agent_client.post(reverse("chat_staff:take_next"))
    agent_client.post(reverse("chat_staff:take_next"))
    response = agent_client.post(reverse("chat_staff:take_next"), follow=True)
    page = text(response)
    assert (
        "Du har allerede 2 af 2 chats. Afslut eller viderestil en chat, før du tager den næste."
        in page
    )
    assert "<strong>2 af 2 chats</strong>" in page
    assert "<strong>1</strong> borger venter" in page


# --- Send ------------------------------------------------------------------------------


def test_send_without_javascript_posts_and_redirects(agent_client, agent, monday):
    conversation = taken(agent)
    services.message_post(
        conversation=conversation, text="Er der nogen?", client_id="c-1", author=Author.CITIZEN
    )
    url = reverse("chat_staff:send", args=[conversation.pk])
    data = {"text": "Den 1. i måneden.", "client_id": "console-abc"}
    response = agent_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == page_url(conversation) + "#chat-messages"
    again = agent_client.post(url, data)  # a resend of the same form
    assert again.status_code == 302
    messages = list(conversation.messages.order_by("seq"))
    assert [(m.seq, m.author, m.text) for m in messages] == [
        (1, Author.CITIZEN, "Er der nogen?"),
        (2, Author.AGENT, "Den 1. i måneden."),
    ]
    assert messages[1].sender == agent
    page = text(agent_client.get(page_url(conversation)))
    assert page.index("Er der nogen?") < page.index("Den 1. i måneden.")
    assert "<strong>Dig</strong>" in page and "<strong>Borger</strong>" in page


def test_send_with_htmx_returns_a_fresh_form_and_a_cue(agent_client, agent, monday):
    conversation = taken(agent)
    response = agent_client.post(
        reverse("chat_staff:send", args=[conversation.pk]),
        {"text": "Hej, jeg ser på det.", "client_id": "console-1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "chat-sent"
    body = text(response)
    assert 'id="chat-compose"' in body and "Hej, jeg ser på det." not in body
    assert 'name="client_id"' in body and 'value="console-1"' not in body
    fragment = agent_client.get(
        reverse("chat_staff:messages", args=[conversation.pk]), {"after": 0}
    )
    assert 'data-seq="1"' in text(fragment) and "Hej, jeg ser på det." in text(fragment)
    assert "Hej" not in text(
        agent_client.get(reverse("chat_staff:messages", args=[conversation.pk]), {"after": 1})
    )


def test_an_empty_message_is_refused_in_danish(agent_client, agent, monday):
    conversation = taken(agent)
    url = reverse("chat_staff:send", args=[conversation.pk])
    response = agent_client.post(url, {"text": "   ", "client_id": "console-2"})
    assert response.status_code == 200
    assert "Skriv et svar, før du sender." in text(response)
    htmx = agent_client.post(url, {"text": "", "client_id": "c"}, HTTP_HX_REQUEST="true")
    assert "Skriv et svar, før du sender." in text(htmx)
    assert not ChatMessage.objects.exists()


# --- Canned answers and article links --------------------------------------------------


def test_canned_answers_are_listed_and_inserted_without_javascript(agent_client, agent, monday):
    answer = CannedAnswer.objects.create(title="Velkomst", text="Hej, du taler med Borgerservice.")
    CannedAnswer.objects.create(title="Gammelt svar", text="Ikke mere.", active=False)
    conversation = taken(agent)
    page = text(agent_client.get(page_url(conversation)))
    assert "Velkomst" in page and "Gammelt svar" not in page
    assert 'data-insert-text="Hej, du taler med Borgerservice."' in page
    page = text(agent_client.get(page_url(conversation), {"canned": answer.pk}))
    assert ">\nHej, du taler med Borgerservice.</textarea>" in page


@pytest.fixture
def articles(make_staff):
    manager = make_staff(Role.MANAGER)
    public = knowledge.article_create(
        by=manager,
        title="Boligstøtte: udbetaling",
        summary="Hvornår boligstøtten bliver udbetalt.",
        body="Boligstøtten udbetales forud den 1. i måneden.",
        audience=Audience.PUBLIC,
        status=ArticleStatus.PUBLISHED,
        slug="boligstoette-udbetaling",
    )
    internal = knowledge.article_create(
        by=manager,
        title="Boligstøtte: intern sagsgang",
        summary="Sådan behandler vi boligstøtte.",
        body="Boligstøtte behandles af Ydelsesafdelingen.",
        audience=Audience.INTERNAL,
        status=ArticleStatus.PUBLISHED,
        slug="boligstoette-intern",
    )
    return public, internal


def test_knowledge_beside_the_chat_offers_links_to_public_articles_only(
    agent_client, agent, monday, articles
):
    conversation = taken(agent, "Hvornår kommer min boligstøtte?")
    page = text(agent_client.get(page_url(conversation)))
    # Suggestions from the question, internal articles too (marked), but only
    # the public one can be sent.
    assert "Forslag ud fra borgerens spørgsmål" in page
    assert "Boligstøtte: udbetaling" in page and "Boligstøtte: intern sagsgang" in page
    assert 'data-insert-text="https://borger.example.dk/hjaelp/boligstoette-udbetaling/"' in page
    assert "/hjaelp/boligstoette-intern/" not in page
    assert page.count('data-testid="insert-link"') == 1
    # Search as you type (htmx fragment) gives the same.
    fragment = text(
        agent_client.get(reverse("chat_staff:search", args=[conversation.pk]), {"q": "boligstøtte"})
    )
    assert "2 vejledninger fundet" in fragment
    assert fragment.count('data-testid="insert-link"') == 1


def test_insert_link_without_javascript_puts_the_url_in_the_message_box(
    agent_client, agent, monday, articles
):
    conversation = taken(agent)
    page = text(agent_client.get(page_url(conversation), {"insert": "boligstoette-udbetaling"}))
    assert ">\nhttps://borger.example.dk/hjaelp/boligstoette-udbetaling/</textarea>" in page
    # An internal article's slug inserts nothing.
    page = text(agent_client.get(page_url(conversation), {"insert": "boligstoette-intern"}))
    assert "hjaelp/boligstoette-intern" not in page
    # Sent, the link is a link in the transcript.
    agent_client.post(
        reverse("chat_staff:send", args=[conversation.pk]),
        {"text": "Se https://borger.example.dk/hjaelp/boligstoette-udbetaling/", "client_id": "k1"},
    )
    page = text(agent_client.get(page_url(conversation)))
    assert '<a href="https://borger.example.dk/hjaelp/boligstoette-udbetaling/"' in page


# --- Transfer --------------------------------------------------------------------------


def test_transfer_to_a_present_colleague_with_a_free_slot(agent_client, agent, make_staff, monday):
    bo = make_staff(Role.CONTACT_CENTRE, first_name="Bo", last_name="Ledig")
    StaffPresenceFactory(user=bo, status=Presence.AVAILABLE)
    away = make_staff(Role.CONTACT_CENTRE, first_name="Vera", last_name="Væk")
    StaffPresenceFactory(user=away, status=Presence.AWAY)
    full = make_staff(Role.CONTACT_CENTRE, first_name="Frida", last_name="Fuld")
    StaffPresenceFactory(user=full, status=Presence.AVAILABLE)
    ChatAgent.objects.create(user=full, capacity=1)
    taken(full, "Fridas chat")
    conversation = taken(agent)

    page = text(agent_client.get(page_url(conversation)))
    assert "Bo Ledig" in page
    assert "Vera Væk" not in page and "Frida Fuld" not in page

    url = reverse("chat_staff:transfer", args=[conversation.pk])
    refused = agent_client.post(url, {"to_user": away.pk})
    assert refused.status_code == 200
    assert "Kollegaen er ikke længere ledig eller har ikke plads til flere chats." in text(refused)
    conversation.refresh_from_db()
    assert conversation.agent == agent

    agent_client.post(
        reverse("chat_staff:send", args=[conversation.pk]),
        {"text": "Jeg giver dig videre til en kollega.", "client_id": "t1"},
    )
    response = agent_client.post(url, {"to_user": bo.pk}, follow=True)
    assert "Chatten er viderestillet til Bo Ledig." in text(response)
    conversation.refresh_from_db()
    assert conversation.agent == bo and conversation.status == ConversationStatus.ACTIVE
    assert "<strong>0 af 3 chats</strong>" in text(response)
    # Bo has it now, with the transcript so far (Anna's message under her name).
    agent_client.force_login(bo)
    page = text(agent_client.get(URL))
    assert "<strong>1 af 3 chats</strong>" in page
    assert "<strong>Anna</strong>" in page and "Jeg giver dig videre til en kollega." in page


def test_no_colleague_free_says_so(agent_client, agent, monday):
    conversation = taken(agent)
    page = text(agent_client.get(page_url(conversation)))
    assert "Ingen kolleger er ledige med plads til flere chats lige nu." in page


# --- Close -----------------------------------------------------------------------------


def test_close_with_an_outcome_records_one_contact(agent_client, agent, monday):
    area = SubjectAreaFactory(name="Boligstøtte")
    ask("Hvornår udbetales boligstøtten?", minutes_ago=4)  # waited 4 minutes
    conversation = services.conversation_take_next(agent=agent)
    url = reverse("chat_staff:close", args=[conversation.pk])
    with clock.frozen(at=NOW + timedelta(minutes=6)):
        response = agent_client.post(
            url, {"outcome": Outcome.RESOLVED, "subject_area": area.pk}, follow=True
        )
        again = agent_client.post(url, {"outcome": Outcome.RESOLVED}, follow=True)
    assert "Chatten er afsluttet og registreret som henvendelse: Afklaret med det samme." in text(
        response
    )
    assert "Chatten er ikke længere åben hos dig." in text(again)
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    contact = Contact.objects.get()
    assert contact.channel == Channel.CHAT and contact.point == Point.WEB
    assert contact.outcome == Outcome.RESOLVED and contact.subject_area == area
    assert contact.staff == agent
    assert contact.wait_seconds == 240 and contact.handling_seconds == 360
    assert conversation.contact == contact


def test_close_offers_the_four_chat_outcomes_and_needs_one(agent_client, agent, monday):
    conversation = taken(agent)
    page = text(agent_client.get(page_url(conversation)))
    for value in ("resolved", "transferred", "callback", "referred_self_service"):
        assert f'value="{value}"' in page
    assert 'value="futile"' not in page
    response = agent_client.post(reverse("chat_staff:close", args=[conversation.pk]), {})
    assert response.status_code == 200
    assert "Vælg hvordan chatten endte." in text(response)
    assert not Contact.objects.exists()
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.ACTIVE


def test_message_text_never_reaches_the_log(agent_client, agent, monday, caplog):
    conversation = taken(agent, "Mit CPR-nummer er hemmeligt")
    with caplog.at_level("DEBUG"):
        agent_client.get(page_url(conversation))
        agent_client.post(
            reverse("chat_staff:send", args=[conversation.pk]),
            {"text": "Fortroligt svar", "client_id": "l1"},
        )
        agent_client.post(
            reverse("chat_staff:close", args=[conversation.pk]), {"outcome": Outcome.RESOLVED}
        )
    assert "Fortroligt svar" not in caplog.text
    assert "hemmeligt" not in caplog.text
