"""Live chat over Channels.

/ws/chat/<id>/  one conversation. The citizen connects with `?token=…`; staff
    with their session when they hold the conversation or may view chats.
    With `?after=<seq>` the server first sends every message after that seq
    (what the client missed), then live events:
      {"type": "message", "seq", "author", "text", "at"}
      {"type": "state", …selectors.conversation_state}
    A state event is also sent on connect. Messages are never sent twice on
    one socket; clients still dedupe by seq across reconnects.
/ws/chat/agents/  the agent console (staff who may take chats):
      {"type": "queue", "waiting": n} on connect and whenever the queue changes,
      {"type": "assigned", "id": "<conversation id>"} when a colleague
      transfers a chat to this agent.

Refused connections close with 4403 (not allowed) or 4404 (no such
conversation or a wrong token) before the handshake is accepted.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import selectors
from .services import AGENTS_GROUP, agent_group, conversation_group


def _query(scope) -> dict[str, str]:
    raw = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return {key: values[-1] for key, values in raw.items() if values}


@database_sync_to_async
def _conversation_for(scope, pk, token: str | None):
    if token is not None:
        return selectors.conversation_for_token(pk=pk, token=token)
    user = scope.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    conversation = selectors.conversation_get(pk=pk)
    if conversation is None or not selectors.staff_may_view(user=user, conversation=conversation):
        return None
    return conversation


def _message_event(message) -> dict:
    return {
        "type": "message",
        "seq": message.seq,
        "author": message.author,
        "text": message.text,
        "at": message.created_at.isoformat(),
    }


@database_sync_to_async
def _missed(conversation_id, after: int) -> list[dict]:
    conversation = selectors.conversation_get(pk=conversation_id)
    if conversation is None:
        return []
    return [_message_event(m) for m in selectors.messages_after(conversation, after=after)]


@database_sync_to_async
def _state(conversation_id) -> dict | None:
    conversation = selectors.conversation_get(pk=conversation_id)
    if conversation is None:
        return None
    return {"type": "state", **selectors.conversation_state(conversation)}


class ConversationConsumer(AsyncJsonWebsocketConsumer):
    conversation_id = None
    group: str | None = None
    last_seq = 0

    async def connect(self):
        query = _query(self.scope)
        pk = self.scope["url_route"]["kwargs"]["pk"]
        conversation = await _conversation_for(self.scope, pk, query.get("token"))
        if conversation is None:
            await self.close(code=4404)
            return
        self.conversation_id = conversation.pk
        try:
            after = int(query["after"]) if "after" in query else None
        except ValueError:
            after = None
        # Join the group before reading the database: a message committed in
        # between arrives as an event and is skipped by seq if already sent.
        self.group = conversation_group(self.conversation_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        if after is not None:
            self.last_seq = max(0, after)
            for event in await _missed(self.conversation_id, self.last_seq):
                await self.send_json(event)
                self.last_seq = event["seq"]
        state = await _state(self.conversation_id)
        if state is not None:
            await self.send_json(state)

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # Messages are posted over HTTP (idempotent by client_id); the socket
        # only answers a request for the state.
        if content.get("type") == "state.get" and self.conversation_id is not None:
            state = await _state(self.conversation_id)
            if state is not None:
                await self.send_json(state)

    async def chat_message(self, event):
        if event["seq"] <= self.last_seq:
            return
        self.last_seq = event["seq"]
        await self.send_json(
            {
                "type": "message",
                "seq": event["seq"],
                "author": event["author"],
                "text": event["text"],
                "at": event["at"],
            }
        )

    async def chat_state(self, event):
        state = await _state(self.conversation_id)
        if state is not None:
            await self.send_json(state)


@database_sync_to_async
def _may_take_chats(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm("chat.change_conversation")
    )


@database_sync_to_async
def _waiting() -> int:
    return selectors.waiting_count()


class AgentsConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str] = []

    async def connect(self):
        user = self.scope.get("user")
        if not await _may_take_chats(user):
            await self.close(code=4403)
            return
        self.groups_joined = [AGENTS_GROUP, agent_group(user.pk)]
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_json({"type": "queue", "waiting": await _waiting()})

    async def disconnect(self, code):
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def chat_queue(self, event):
        await self.send_json({"type": "queue", "waiting": event["waiting"]})

    async def chat_assigned(self, event):
        await self.send_json({"type": "assigned", "id": event["id"]})
