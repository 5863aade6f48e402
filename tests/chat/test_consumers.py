"""The chat WebSocket /ws/chat/<id>/ (and the console's /ws/chat/agents/):
the citizen receives the agent's messages live, `?after=` replays what was
missed, a wrong token is refused, staff need to hold the chat or may view
chats; with the in-memory channel layer and, when REDIS_URL is set, Redis."""

from __future__ import annotations

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client, override_settings

from config.asgi import application
from indgang.catalogue.models import Outcome
from indgang.chat import services
from indgang.chat.models import Author
from indgang.core import clock
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.chat.factories import ask, chat_agent, chat_hours_weekdays, taken_by
from tests.conftest import local

NOW = local(2026, 11, 23, 10, 20)
IN_MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
ORIGIN = (b"origin", b"http://localhost")
TIMEOUT = 5

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["memory", "redis"])
def layer(request):
    """Each test runs on the in-memory layer, and on Redis when REDIS_URL is set."""
    if request.param == "redis":
        if not django_settings.REDIS_URL:
            pytest.skip("REDIS_URL is not set")
        layers = django_settings.CHANNEL_LAYERS
    else:
        layers = IN_MEMORY
    from channels.layers import channel_layers

    with clock.frozen(at=NOW), override_settings(CHANNEL_LAYERS=layers):
        channel_layers.backends.clear()
        chat_hours_weekdays()
        yield request.param
        channel_layers.backends.clear()


def run_async(coroutine_function, *args) -> None:
    """Run a test coroutine on its own loop in its own thread (see
    tests/frontdesk/test_consumers.py)."""
    outcome: dict = {}

    async def main():
        try:
            await coroutine_function(*args)
        finally:
            await sync_to_async(connections.close_all)()

    def target():
        try:
            asyncio.run(main())
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the WebSocket test did not finish in 60 s"
    if "error" in outcome:
        raise outcome["error"]


def citizen_socket(conversation, token, *, after: int | None = None) -> WebsocketCommunicator:
    query = f"?token={token}" + (f"&after={after}" if after is not None else "")
    return WebsocketCommunicator(
        application, f"/ws/chat/{conversation.pk}/{query}", headers=[ORIGIN]
    )


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def staff_socket(path: str, cookie: bytes) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, path, headers=[ORIGIN, (b"cookie", cookie)])


def agent_says(conversation, agent, text: str, client_id: str):
    return services.message_post(
        conversation=conversation,
        text=text,
        client_id=client_id,
        author=Author.AGENT,
        sender=agent,
    )


def citizen_says(conversation, text: str, client_id: str):
    return services.message_post(
        conversation=conversation, text=text, client_id=client_id, author=Author.CITIZEN
    )


async def receive(socket) -> dict:
    return await socket.receive_json_from(timeout=TIMEOUT)


# The citizen -------------------------------------------------------------------


def test_the_citizen_receives_the_agents_messages_live(layer):
    agent = chat_agent(first_name="Anna")
    conversation, token = taken_by(agent)
    run_async(_citizen_receives_live, conversation, token, agent)


async def _citizen_receives_live(conversation, token, agent):
    socket = citizen_socket(conversation, token)
    connected, _ = await socket.connect()
    assert connected
    state = await receive(socket)
    assert state["type"] == "state"
    assert (state["status"], state["agent"], state["open"]) == ("active", "Anna", True)
    for n in range(1, 4):
        await database_sync_to_async(agent_says)(conversation, agent, f"Svar {n}", f"a{n}")
    # A resend of the same client id is not sent again.
    await database_sync_to_async(agent_says)(conversation, agent, "Svar 1", "a1")
    got = [await receive(socket) for _ in range(3)]
    assert [(m["type"], m["seq"], m["author"], m["text"]) for m in got] == [
        ("message", 1, "agent", "Svar 1"),
        ("message", 2, "agent", "Svar 2"),
        ("message", 3, "agent", "Svar 3"),
    ]
    assert got[0]["at"] == NOW.isoformat()
    assert await socket.receive_nothing(timeout=0.2)
    await socket.disconnect()


def test_after_replays_the_missed_messages_first_then_goes_live(layer):
    agent = chat_agent()
    conversation, token = taken_by(agent)
    citizen_says(conversation, "Hej", "c1")
    agent_says(conversation, agent, "Hej, hvad drejer det sig om?", "a1")
    agent_says(conversation, agent, "Er du der?", "a2")
    run_async(_after_replays, conversation, token, agent)


async def _after_replays(conversation, token, agent):
    socket = citizen_socket(conversation, token, after=1)
    connected, _ = await socket.connect()
    assert connected
    replay = [await receive(socket) for _ in range(2)]
    assert [(m["type"], m["seq"], m["text"]) for m in replay] == [
        ("message", 2, "Hej, hvad drejer det sig om?"),
        ("message", 3, "Er du der?"),
    ]
    assert (await receive(socket))["type"] == "state"
    await database_sync_to_async(agent_says)(conversation, agent, "Så lukker jeg", "a3")
    live = await receive(socket)
    assert (live["seq"], live["text"]) == (4, "Så lukker jeg")
    await socket.disconnect()


@pytest.mark.parametrize("token", ["forkert", ""])
def test_a_wrong_token_is_refused(layer, token):
    conversation, _right = ask()
    _other, other_token = ask()
    run_async(_refused, conversation, token or other_token)


async def _refused(conversation, token):
    socket = citizen_socket(conversation, token)
    connected, code = await socket.connect()
    assert not connected
    assert code == 4404


def test_a_waiting_citizen_sees_the_queue_move_and_the_chat_close(layer):
    agent = chat_agent(first_name="Anna")
    ask(minutes_ago=5)
    conversation, token = ask(minutes_ago=1)
    run_async(_queue_moves, conversation, token, agent)


async def _queue_moves(conversation, token, agent):
    socket = citizen_socket(conversation, token)
    assert (await socket.connect())[0]
    state = await receive(socket)
    assert (state["status"], state["queue_position"]) == ("waiting", 2)
    await database_sync_to_async(services.conversation_take_next)(agent=agent)
    state = await receive(socket)
    assert (state["type"], state["status"], state["queue_position"]) == ("state", "waiting", 1)
    await database_sync_to_async(services.conversation_take_next)(agent=agent)
    state = await receive(socket)
    assert (state["status"], state["agent"], state["queue_position"]) == ("active", "Anna", None)
    await database_sync_to_async(services.conversation_close)(
        conversation=conversation, by=agent, outcome=Outcome.RESOLVED
    )
    state = await receive(socket)
    assert state["status"] == "closed"
    await socket.disconnect()


# Staff -------------------------------------------------------------------------


def test_the_agent_holding_the_chat_receives_the_citizens_messages(layer):
    agent = chat_agent()
    conversation, _token = taken_by(agent)
    run_async(_agent_receives, conversation, session_cookie(agent))


async def _agent_receives(conversation, cookie):
    socket = staff_socket(f"/ws/chat/{conversation.pk}/?after=0", cookie)
    assert (await socket.connect())[0]
    assert (await receive(socket))["type"] == "state"
    await database_sync_to_async(citizen_says)(conversation, "Hej", "c1")
    message = await receive(socket)
    assert (message["seq"], message["author"], message["text"]) == (1, "citizen", "Hej")
    await socket.disconnect()


def test_staff_without_chat_rights_and_anonymous_visitors_are_refused(layer):
    agent = chat_agent()
    conversation, _token = taken_by(agent)
    front_desk = UserFactory(roles=[Role.FRONT_DESK.value])
    run_async(_staff_refused, conversation, session_cookie(front_desk))


async def _staff_refused(conversation, cookie):
    for socket in (
        staff_socket(f"/ws/chat/{conversation.pk}/", cookie),
        staff_socket(f"/ws/chat/{conversation.pk}/", b""),
        staff_socket("/ws/chat/agents/", cookie),
    ):
        connected, _code = await socket.connect()
        assert not connected


def test_the_console_socket_counts_the_queue_and_announces_a_transfer(layer):
    agent = chat_agent()
    colleague = chat_agent()
    conversation, _token = taken_by(agent)
    run_async(_console, session_cookie(colleague), conversation, agent, colleague)


async def _console(cookie, conversation, agent, colleague):
    socket = staff_socket("/ws/chat/agents/", cookie)
    assert (await socket.connect())[0]
    assert await receive(socket) == {"type": "queue", "waiting": 0}
    await database_sync_to_async(ask)()
    assert await receive(socket) == {"type": "queue", "waiting": 1}
    await database_sync_to_async(services.conversation_transfer)(
        conversation=conversation, by=agent, to_user=colleague
    )
    assert await receive(socket) == {"type": "assigned", "id": str(conversation.pk)}
    await socket.disconnect()
