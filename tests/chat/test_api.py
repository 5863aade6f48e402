"""The chat API exactly as issue 9's contract: paths, fields, status codes and
`{"detail": "…"}` / per-field errors; the citizen by X-Chat-Token (a wrong
token is 404 everywhere), agents by staff authentication."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache

from indgang.catalogue.models import Channel, Outcome
from indgang.chat import services
from indgang.chat.models import Author, ChatMessage, ConversationStatus
from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge import services as knowledge
from indgang.knowledge.models import ArticleStatus, Audience
from tests.catalogue.factories import ServiceFactory
from tests.chat.factories import ask, chat_agent, chat_hours_weekdays, taken_by
from tests.conftest import local

pytestmark = pytest.mark.django_db

MONDAY = local(2026, 11, 23, 10, 20)
SUNDAY = local(2026, 11, 22, 10, 20)
BASE = "/api/v1/chat"
START = f"{BASE}/conversations/"
TAKE_NEXT = f"{BASE}/take-next/"


def messages_url(conversation) -> str:
    return f"{BASE}/conversations/{conversation.pk}/messages/"


def close_url(conversation) -> str:
    return f"{BASE}/conversations/{conversation.pk}/close/"


def state_url(conversation) -> str:
    return f"{BASE}/conversations/{conversation.pk}/"


@pytest.fixture(autouse=True)
def monday():
    with clock.frozen(at=MONDAY) as at:
        chat_hours_weekdays()
        yield at


@pytest.fixture
def agent():
    return chat_agent(first_name="Anna")


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


def as_citizen(token: str) -> dict:
    return {"X-Chat-Token": token}


def post_json(client, url, data=None, **kwargs):
    return client.post(url, data or {}, content_type="application/json", **kwargs)


# Start -------------------------------------------------------------------------


def test_start_answers_201_with_id_token_queue_and_public_suggestions(client, make_staff):
    manager = make_staff(Role.MANAGER)
    for title, audience in (("Nyt pas", Audience.PUBLIC), ("Pas: intern vejledning", "internal")):
        knowledge.article_create(
            by=manager,
            title=title,
            summary="Sådan søger du om pas.",
            body="Bestil tid og mød op med dit gamle pas.",
            audience=audience,
            status=ArticleStatus.PUBLISHED,
        )
    ask(minutes_ago=3)
    response = post_json(client, START, {"question": "Hvordan får jeg et nyt pas?"})
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "token",
        "open",
        "queue_position",
        "expected_wait_seconds",
        "suggestions",
    }
    uuid.UUID(body["id"])
    assert len(body["token"]) >= 40
    assert body["open"] is True
    assert body["queue_position"] == 2
    assert body["expected_wait_seconds"] is None  # nobody on duty
    assert body["suggestions"] == [{"title": "Nyt pas", "url": "http://testserver/hjaelp/nyt-pas/"}]


def test_start_with_an_agent_on_duty_gives_an_expected_wait(client, agent):
    body = post_json(client, START, {"question": "Hvornår kommer boligstøtten?"}).json()
    assert body["queue_position"] == 1
    assert body["expected_wait_seconds"] == 0


def test_start_after_hours_is_still_a_conversation_in_the_queue(client, agent):
    with clock.frozen(at=SUNDAY):
        response = post_json(client, START, {"question": "Er I åbne i morgen?"})
    body = response.json()
    assert response.status_code == 201
    assert body["open"] is False
    assert body["queue_position"] == 1
    assert body["expected_wait_seconds"] is None


def test_start_without_a_question_is_a_field_error(client):
    response = post_json(client, START, {"question": "  "})
    assert response.status_code == 400
    assert response.json() == {"question": ["Skriv dit spørgsmål."]}
    assert post_json(client, START, {}).json() == {"question": ["Skriv dit spørgsmål."]}


def test_start_needs_no_csrf_token_even_with_a_staff_session(agent, password):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(agent)
    response = post_json(browser, START, {"question": "Hej"})
    assert response.status_code == 201


def test_start_is_rate_limited_per_client_address(client, settings):
    cache.clear()
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], chat="2/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    try:
        for _ in range(2):
            assert post_json(client, START, {"question": "Hej"}).status_code == 201
        response = post_json(client, START, {"question": "Hej"})
        assert response.status_code == 429
        assert response.json()["detail"].startswith("For mange forespørgsler fra din adresse.")
        other = post_json(client, START, {"question": "Hej"}, REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 201
    finally:
        cache.clear()


# The citizen's messages --------------------------------------------------------


def test_citizen_posts_201_with_seq_and_the_same_client_id_again_200_same_seq(client):
    conversation, token = ask()
    first = post_json(
        client,
        messages_url(conversation),
        {"text": "Hej", "client_id": "k1"},
        headers=as_citizen(token),
    )
    assert (first.status_code, first.json()) == (201, {"seq": 1})
    again = post_json(
        client,
        messages_url(conversation),
        {"text": "Hej", "client_id": "k1"},
        headers=as_citizen(token),
    )
    assert (again.status_code, again.json()) == (200, {"seq": 1})
    second = post_json(
        client,
        messages_url(conversation),
        {"text": "Er der nogen?", "client_id": "k2"},
        headers=as_citizen(token),
    )
    assert (second.status_code, second.json()) == (201, {"seq": 2})
    assert ChatMessage.objects.filter(conversation=conversation).count() == 2


def test_messages_after_a_seq_come_in_order_with_the_contract_fields(client, agent):
    conversation, token = taken_by(agent)
    services.message_post(conversation=conversation, text="Hej", client_id="c1", author="citizen")
    services.message_post(
        conversation=conversation,
        text="Hej, jeg hedder Anna",
        client_id="a1",
        author="agent",
        sender=agent,
    )
    services.message_post(conversation=conversation, text="Tak", client_id="c2", author="citizen")
    response = client.get(messages_url(conversation), {"after": 1}, headers=as_citizen(token))
    assert response.status_code == 200
    assert response.json() == {
        "messages": [
            {
                "seq": 2,
                "author": "agent",
                "text": "Hej, jeg hedder Anna",
                "at": "2026-11-23T10:20:00+01:00",
            },
            {"seq": 3, "author": "citizen", "text": "Tak", "at": "2026-11-23T10:20:00+01:00"},
        ]
    }
    everything = client.get(messages_url(conversation), headers=as_citizen(token)).json()
    assert [m["seq"] for m in everything["messages"]] == [1, 2, 3]
    bad = client.get(messages_url(conversation), {"after": "x"}, headers=as_citizen(token))
    assert bad.status_code == 400
    assert set(bad.json()) == {"after"}


def test_a_wrong_token_is_404_everywhere(client):
    conversation, _token = ask()
    _other, other_token = ask()
    for headers in (as_citizen("forkert"), as_citizen(other_token), as_citizen(""), {}):
        assert client.get(messages_url(conversation), headers=headers).status_code == 404
        posted = post_json(
            client, messages_url(conversation), {"text": "Hej", "client_id": "x"}, headers=headers
        )
        assert posted.status_code == 404
        assert posted.json() == {"detail": "Samtalen findes ikke."}
        assert client.get(state_url(conversation), headers=headers).status_code == 404
    assert not ChatMessage.objects.exists()
    unknown = f"{BASE}/conversations/{uuid.uuid4()}/messages/"
    assert client.get(unknown, headers=as_citizen(other_token)).status_code == 404


def test_a_citizen_token_never_acts_as_the_logged_in_staff_member(agent_client, agent):
    conversation, token = taken_by(agent)
    response = post_json(
        agent_client,
        messages_url(conversation),
        {"text": "Hej", "client_id": "c1"},
        headers=as_citizen(token),
    )
    assert response.status_code == 201
    assert ChatMessage.objects.get().author == Author.CITIZEN


def test_a_closed_conversation_answers_409_to_a_new_message(client, agent):
    conversation, token = taken_by(agent)
    services.conversation_close(conversation=conversation, by=agent, outcome=Outcome.RESOLVED)
    response = post_json(
        client,
        messages_url(conversation),
        {"text": "Hej", "client_id": "c1"},
        headers=as_citizen(token),
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "Samtalen er afsluttet."}


def test_an_empty_message_is_a_field_error(client):
    conversation, token = ask()
    response = post_json(
        client,
        messages_url(conversation),
        {"text": "", "client_id": "c1"},
        headers=as_citizen(token),
    )
    assert response.status_code == 400
    assert response.json() == {"text": ["Skriv en besked."]}


def test_the_state_endpoint_gives_the_widget_its_state(client, agent):
    conversation, token = ask()
    response = client.get(state_url(conversation), headers=as_citizen(token))
    assert response.status_code == 200
    assert response.json() == {
        "id": str(conversation.pk),
        "status": "waiting",
        "open": True,
        "queue_position": 1,
        "expected_wait_seconds": 0,
        "agent": None,
        "next_opening": None,
    }


# The agent's messages ----------------------------------------------------------


def test_the_agent_holding_the_chat_posts_with_staff_authentication(agent_client, agent):
    conversation, _token = taken_by(agent)
    response = post_json(
        agent_client, messages_url(conversation), {"text": "Hej", "client_id": "a1"}
    )
    assert (response.status_code, response.json()) == (201, {"seq": 1})
    again = post_json(agent_client, messages_url(conversation), {"text": "Hej", "client_id": "a1"})
    assert (again.status_code, again.json()) == (200, {"seq": 1})
    message = ChatMessage.objects.get()
    assert (message.author, message.sender) == (Author.AGENT, agent)
    listed = agent_client.get(messages_url(conversation)).json()
    assert [m["author"] for m in listed["messages"]] == ["agent"]


def test_an_agent_not_holding_the_chat_gets_403_and_other_staff_404(client, agent, make_staff):
    conversation, _token = taken_by(agent)
    client.force_login(chat_agent())
    response = post_json(client, messages_url(conversation), {"text": "Hej", "client_id": "a1"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Samtalen er ikke din."}
    client.force_login(make_staff(Role.FRONT_DESK))
    assert client.get(messages_url(conversation)).status_code == 404


# Take next ---------------------------------------------------------------------


def test_take_next_200_with_id_and_question_then_204_when_nobody_waits(agent_client, agent):
    conversation, _ = ask("Hvordan får jeg nyt sundhedskort?")
    response = agent_client.post(TAKE_NEXT)
    assert response.status_code == 200
    assert response.json() == {
        "id": str(conversation.pk),
        "question": "Hvordan får jeg nyt sundhedskort?",
    }
    conversation.refresh_from_db()
    assert (conversation.status, conversation.agent) == (ConversationStatus.ACTIVE, agent)
    empty = agent_client.post(TAKE_NEXT)
    assert empty.status_code == 204
    assert empty.content == b""


def test_take_next_at_capacity_is_409_with_detail(agent_client, agent):
    for minutes in range(4):
        ask(minutes_ago=10 - minutes)
    for _ in range(3):
        assert agent_client.post(TAKE_NEXT).status_code == 200
    response = agent_client.post(TAKE_NEXT)
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Du har allerede så mange chats, som du kan tage. "
        "Afslut en, før du tager den næste."
    }


def test_take_next_needs_staff_with_chat_rights(client, make_staff):
    ask()
    assert client.post(TAKE_NEXT).status_code in (401, 403)
    client.force_login(make_staff(Role.FRONT_DESK))
    response = client.post(TAKE_NEXT)
    assert response.status_code == 403
    assert "detail" in response.json()


# Close -------------------------------------------------------------------------


def test_close_200_records_one_chat_contact(agent_client, agent):
    service = ServiceFactory()
    with clock.frozen(at=MONDAY - timedelta(minutes=2)):
        ask()
    conversation_id = agent_client.post(TAKE_NEXT).json()["id"]
    conversation = services.selectors.conversation_get(pk=conversation_id)
    response = post_json(
        agent_client, close_url(conversation), {"outcome": "resolved", "service": service.slug}
    )
    assert response.status_code == 200
    assert response.json() == {"id": conversation_id, "status": "closed", "outcome": "resolved"}
    contact = Contact.objects.get()
    assert (contact.channel, contact.outcome, contact.service) == (
        Channel.CHAT,
        "resolved",
        service,
    )
    assert contact.wait_seconds == 120
    again = post_json(agent_client, close_url(conversation), {"outcome": "resolved"})
    assert again.status_code == 409
    assert again.json() == {"detail": "Samtalen er afsluttet."}
    assert Contact.objects.count() == 1


@pytest.mark.parametrize(
    "outcome", ["resolved", "transferred", "callback", "referred_self_service"]
)
def test_close_accepts_the_four_chat_outcomes(agent_client, agent, outcome):
    conversation, _ = taken_by(agent)
    response = post_json(agent_client, close_url(conversation), {"outcome": outcome})
    assert response.status_code == 200
    assert Contact.objects.get().outcome == outcome


def test_close_with_another_outcome_is_a_field_error(agent_client, agent):
    conversation, _ = taken_by(agent)
    for data in ({"outcome": "futile"}, {}):
        response = post_json(agent_client, close_url(conversation), data)
        assert response.status_code == 400
        assert set(response.json()) == {"outcome"}
    assert not Contact.objects.exists()


def test_close_by_someone_else_is_403_and_an_unknown_chat_404(client, agent):
    conversation, token = taken_by(agent)
    client.force_login(chat_agent())
    response = post_json(client, close_url(conversation), {"outcome": "resolved"})
    assert response.status_code == 403
    assert response.json() == {"detail": "Samtalen er ikke din."}
    unknown = f"{BASE}/conversations/{uuid.uuid4()}/close/"
    assert post_json(client, unknown, {"outcome": "resolved"}).status_code == 404
    client.logout()
    citizen = post_json(
        client, close_url(conversation), {"outcome": "resolved"}, headers=as_citizen(token)
    )
    assert citizen.status_code in (401, 403)
    assert not Contact.objects.exists()
