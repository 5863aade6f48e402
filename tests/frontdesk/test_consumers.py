"""The live screens' WebSocket: the current state on connect (read from the
database), and the new state after every queue change."""

from __future__ import annotations

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import override_settings

from config.asgi import application
from indgang.core import clock
from indgang.frontdesk.models import TicketStatus
from indgang.frontdesk.signals import queue_changed
from tests.booking.factories import office_build
from tests.conftest import local
from tests.frontdesk.factories import ticket_make

NOW = local(2026, 11, 23, 10, 20)
IN_MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def office():
    with clock.frozen(at=NOW), override_settings(CHANNEL_LAYERS=IN_MEMORY):
        from channels.layers import channel_layers

        channel_layers.backends.clear()
        yield office_build()
        channel_layers.backends.clear()


def run_async(coroutine_function, *args) -> None:
    """Run a test coroutine on its own loop in its own thread: Playwright's
    sync API may have left a running loop in this thread (browser tests in
    the same worker), where async_to_sync refuses to run."""
    outcome: dict = {}

    async def main():
        try:
            await coroutine_function(*args)
        finally:
            # The executor thread's own connection: closed, or PostgreSQL
            # refuses to drop the test database at the end.
            await sync_to_async(connections.close_all)()

    def target():
        try:
            asyncio.run(main())
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the WebSocket test did not finish in 60 s"
    if "error" in outcome:
        raise outcome["error"]


def communicator(slug: str) -> WebsocketCommunicator:
    return WebsocketCommunicator(
        application, f"/ws/frontdesk/{slug}/", headers=[(b"origin", b"http://localhost")]
    )


def test_connect_sends_the_current_state(office):
    run_async(_test_connect_sends_the_current_state, office)


async def _test_connect_sends_the_current_state(office):
    await sync_to_async(ticket_make)(
        office,
        due_at=NOW,
        number="A001",
        status=TicketStatus.CALLED,
        desk=office.desks[0],
        called_at=NOW,
    )
    ws = communicator(office.location.slug)
    connected, _ = await ws.connect()
    assert connected
    state = await ws.receive_json_from(timeout=5)
    assert state["type"] == "state"
    assert [t["number"] for t in state["called"]] == ["A001"]
    assert state["called"][0]["desk"] == office.desks[0].number
    await ws.disconnect()


def test_queue_changed_pushes_the_new_state(office):
    run_async(_test_queue_changed_pushes_the_new_state, office)


async def _test_queue_changed_pushes_the_new_state(office):
    ws = communicator(office.location.slug)
    await ws.connect()
    assert (await ws.receive_json_from(timeout=5))["called"] == []
    ticket = await sync_to_async(ticket_make)(office, due_at=NOW, number="B007")

    def call():
        ticket.status = TicketStatus.CALLED
        ticket.desk = office.desks[1]
        ticket.called_at = NOW
        ticket.save()
        queue_changed(location_id=office.location.pk)

    await sync_to_async(call)()
    state = await ws.receive_json_from(timeout=5)
    assert state["called"][0]["number"] == "B007"
    assert state["called"][0]["desk"] == office.desks[1].number
    await ws.disconnect()


def test_reconnect_reloads_state_from_the_database(office):
    run_async(_test_reconnect_reloads_state_from_the_database, office)


async def _test_reconnect_reloads_state_from_the_database(office):
    ws = communicator(office.location.slug)
    await ws.connect()
    await ws.receive_json_from(timeout=5)
    await ws.disconnect()
    # A call while nobody listened: nothing is replayed, the connect reads it.
    await sync_to_async(ticket_make)(
        office,
        due_at=NOW,
        number="B008",
        status=TicketStatus.CALLED,
        desk=office.desks[0],
        called_at=NOW,
    )
    ws = communicator(office.location.slug)
    await ws.connect()
    state = await ws.receive_json_from(timeout=5)
    assert state["called"][0]["number"] == "B008"
    await ws.disconnect()


def test_unknown_location_is_refused(office):
    run_async(_test_unknown_location_is_refused, office)


async def _test_unknown_location_is_refused(office):
    ws = communicator("findes-ikke")
    connected, _ = await ws.connect()
    assert not connected
