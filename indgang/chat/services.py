"""Every write of the chat. Each service owns its transaction; live updates go
to the channel layer after commit:

- group "chat.<conversation id>": {"type": "chat.message", seq, author, text, at}
  for a new message, {"type": "chat.state"} when the conversation's state or
  the queue in front of it changed (the consumer reads the state afresh);
- group "chat.agents": {"type": "chat.queue", "waiting": n} when the queue changed;
- group "chat.agent.<user id>": {"type": "chat.assigned", "id": …} when a chat
  was transferred to that agent.

Transcripts (the question, message texts) never go into a log line, an audit
event or an error message.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import IntegrityError, transaction

from indgang.audit.services import audit_record
from indgang.catalogue.models import Channel, Point
from indgang.contacts.services import contact_register
from indgang.core import clock
from indgang.core.permissions import require_perm

from . import selectors
from .errors import (  # re-exported: callers may import them from here
    AtCapacity,
    ConversationClosed,
    EmptyMessage,
    EmptyQuestion,
    MissingClientId,
    NotHolder,
    TransferRefused,
    UnknownOutcome,
)
from .models import (
    CHAT_OUTCOMES,
    Author,
    ChatAgent,
    ChatMessage,
    Conversation,
    ConversationStatus,
)

__all__ = [
    "AtCapacity",
    "ConversationClosed",
    "EmptyMessage",
    "EmptyQuestion",
    "MissingClientId",
    "NotHolder",
    "TransferRefused",
    "UnknownOutcome",
    "chats_delete_old",
    "conversation_close",
    "conversation_start",
    "conversation_take_next",
    "conversation_transfer",
    "message_post",
]

logger = logging.getLogger(__name__)

QUESTION_MAX = 2000
MESSAGE_MAX = 4000
CLIENT_ID_MAX = 100
AGENTS_GROUP = "chat.agents"
CONTACT_SOURCE = "chat"


def conversation_group(conversation_id) -> str:
    return f"chat.{conversation_id}"


def agent_group(user_id) -> str:
    return f"chat.agent.{user_id}"


# Live updates -------------------------------------------------------------


def _send(messages: list[tuple[str, dict]]) -> None:
    """Send (group, event) pairs on the channel layer; a failing layer is
    logged (ids only) and never fails the write that already committed."""
    layer = get_channel_layer()
    if layer is None or not messages:
        return

    async def send_all():
        for group, event in messages:
            await layer.group_send(group, event)

    try:
        async_to_sync(send_all)()
    except Exception:  # the write is committed; clients catch up on reconnect
        logger.warning("chat live update failed for groups %s", [g for g, _e in messages])


def _queue_moved_messages() -> list[tuple[str, dict]]:
    """State updates for every waiting citizen and the queue count for consoles."""
    waiting = list(selectors.waiting_conversations().values_list("pk", flat=True))
    messages = [(conversation_group(pk), {"type": "chat.state"}) for pk in waiting]
    messages.append((AGENTS_GROUP, {"type": "chat.queue", "waiting": len(waiting)}))
    return messages


def _after_commit(build) -> None:
    """Build the messages and send them once the transaction has committed."""
    transaction.on_commit(lambda: _send(build()))


# Citizen -----------------------------------------------------------------


@transaction.atomic
def conversation_start(
    *, question: str, language: str = "da", at: datetime | None = None
) -> tuple[Conversation, str]:
    """Open a conversation for the citizen's question; it waits in the queue
    (also after hours, for the next opening). Returns it and the citizen's
    token, which is stored only as a hash and never shown again."""
    question = (question or "").strip()
    if not question:
        raise EmptyQuestion
    at = at or clock.now()
    token = secrets.token_urlsafe(32)
    conversation = Conversation.objects.create(
        token_hash=selectors.token_hash(token),
        question=question[:QUESTION_MAX],
        language=language if language in {"da", "en"} else "da",
        after_hours=not selectors.chat_is_open(at=at),
        created_at=at,
    )
    _after_commit(_queue_moved_messages)
    return conversation, token


def message_post(
    *, conversation: Conversation, text: str, client_id: str, author: str, sender=None
) -> tuple[ChatMessage, bool]:
    """Add a message; returns (message, created). The seq is the next number
    under a row lock on the conversation; the same client_id again returns the
    stored message and False (a resend after a lost answer). A closed
    conversation takes no new messages. An agent's message needs `sender`, the
    agent holding the conversation."""
    text = (text or "").strip()
    client_id = (client_id or "").strip()
    if not client_id or len(client_id) > CLIENT_ID_MAX:
        raise MissingClientId
    if author not in Author.values:
        raise ValueError(f"unknown author {author!r}")
    try:
        return _message_post(conversation.pk, text, client_id, author, sender)
    except IntegrityError:
        # Only without row locks (SQLite): a concurrent post of the same
        # client_id won the race. Its message is the answer.
        existing = ChatMessage.objects.filter(
            conversation_id=conversation.pk, client_id=client_id
        ).first()
        if existing is None:
            raise
        return existing, False


@transaction.atomic
def _message_post(conversation_id, text, client_id, author, sender) -> tuple[ChatMessage, bool]:
    conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
    existing = ChatMessage.objects.filter(conversation=conversation, client_id=client_id).first()
    if existing is not None:
        return existing, False
    if conversation.status == ConversationStatus.CLOSED:
        raise ConversationClosed
    if author == Author.AGENT:
        if sender is None:
            raise NotHolder
        require_perm(sender, "chat.change_conversation")
        if conversation.status != ConversationStatus.ACTIVE or conversation.agent_id != sender.pk:
            raise NotHolder
    if not text:
        raise EmptyMessage
    seq = conversation.last_seq + 1
    message = ChatMessage.objects.create(
        conversation=conversation,
        seq=seq,
        author=author,
        sender=sender if author == Author.AGENT else None,
        text=text[:MESSAGE_MAX],
        client_id=client_id,
        created_at=clock.now(),
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_seq=seq)
    event = {
        "type": "chat.message",
        "seq": message.seq,
        "author": message.author,
        "text": message.text,
        "at": message.created_at.isoformat(),
    }
    group = conversation_group(conversation.pk)
    transaction.on_commit(lambda: _send([(group, event)]))
    return message, True


# Agents ------------------------------------------------------------------


def _agent_slot(user) -> ChatAgent:
    """The agent's ChatAgent row, created with the default capacity, locked."""
    ChatAgent.objects.get_or_create(
        user=user, defaults={"capacity": settings.CHAT_DEFAULT_CAPACITY}
    )
    return ChatAgent.objects.select_for_update().get(user=user)


def _held(user) -> int:
    return Conversation.objects.filter(agent=user, status=ConversationStatus.ACTIVE).count()


@transaction.atomic
def conversation_take_next(*, agent) -> Conversation | None:
    """Give `agent` the oldest waiting conversation, or None when nobody waits.
    Raises AtCapacity when the agent already holds their capacity.

    The agent's ChatAgent row is locked first, so one agent's concurrent
    calls count their chats one at a time; the conversation is picked with
    FOR UPDATE SKIP LOCKED on PostgreSQL, so concurrent agents never get the
    same one (on SQLite the write lock serialises the transactions), and the
    update is conditional on it still waiting."""
    require_perm(agent, "chat.change_conversation")
    slot = _agent_slot(agent)
    if _held(agent) >= slot.capacity:
        raise AtCapacity
    now = clock.now()
    while True:
        conversation = (
            Conversation.objects.filter(status=ConversationStatus.WAITING)
            .order_by("created_at", "pk")
            .select_for_update(skip_locked=True)
            .first()
        )
        if conversation is None:
            return None
        taken = Conversation.objects.filter(
            pk=conversation.pk, status=ConversationStatus.WAITING
        ).update(status=ConversationStatus.ACTIVE, agent=agent, taken_at=now)
        if taken:
            break
    conversation.refresh_from_db()
    group = conversation_group(conversation.pk)
    _after_commit(lambda: [(group, {"type": "chat.state"}), *_queue_moved_messages()])
    return conversation


@transaction.atomic
def conversation_transfer(*, conversation: Conversation, by, to_user) -> Conversation:
    """Hand an active conversation from its holder `by` to a colleague who may
    take chats, is available (presence) and has a free slot."""
    require_perm(by, "chat.change_conversation")
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.status == ConversationStatus.CLOSED:
        raise ConversationClosed
    if conversation.status != ConversationStatus.ACTIVE or conversation.agent_id != by.pk:
        raise NotHolder
    if to_user is None or to_user.pk == by.pk:
        raise TransferRefused
    if to_user.pk not in {u.pk for u in selectors.transfer_candidates(by=by)}:
        raise TransferRefused
    slot = _agent_slot(to_user)  # locked: a colleague taking next waits for us
    if _held(to_user) >= slot.capacity:
        raise TransferRefused
    conversation.agent = to_user
    conversation.save(update_fields=["agent"])
    audit_record(
        actor=by, action="chat.transfer", target=conversation, extra={"to_user": to_user.pk}
    )
    group = conversation_group(conversation.pk)
    assigned = (agent_group(to_user.pk), {"type": "chat.assigned", "id": str(conversation.pk)})
    transaction.on_commit(lambda: _send([(group, {"type": "chat.state"}), assigned]))
    return conversation


@transaction.atomic
def conversation_close(
    *, conversation: Conversation, by, outcome: str, subject_area=None, service=None
) -> Conversation:
    """Close the conversation `by` holds with an outcome and record it once as
    a contact (channel chat, point web) in the registry, so the report counts
    it: wait = created → taken, handling = taken → closed."""
    require_perm(by, "chat.change_conversation")
    if outcome not in {o.value for o in CHAT_OUTCOMES}:
        raise UnknownOutcome
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.status == ConversationStatus.CLOSED:
        raise ConversationClosed
    if conversation.status != ConversationStatus.ACTIVE or conversation.agent_id != by.pk:
        raise NotHolder
    now = clock.now()
    if subject_area is None and service is not None:
        subject_area = service.subject_area
    taken_at = conversation.taken_at or now
    contact = contact_register(
        by=by,
        channel=Channel.CHAT,
        point=Point.WEB,
        subject_area=subject_area,
        service=service,
        outcome=outcome,
        wait_seconds=max(0, round((taken_at - conversation.created_at).total_seconds())),
        handling_seconds=max(0, round((now - taken_at).total_seconds())),
        source=CONTACT_SOURCE,
        at=now,
    )
    conversation.status = ConversationStatus.CLOSED
    conversation.closed_at = now
    conversation.outcome = outcome
    conversation.subject_area = subject_area
    conversation.service = service
    conversation.contact = contact
    conversation.save(
        update_fields=["status", "closed_at", "outcome", "subject_area", "service", "contact"]
    )
    group = conversation_group(conversation.pk)
    transaction.on_commit(lambda: _send([(group, {"type": "chat.state"})]))
    return conversation


# Retention ---------------------------------------------------------------


@transaction.atomic
def chats_delete_old(*, at: datetime | None = None, days: int | None = None) -> int:
    """Delete conversations (question and messages) closed more than `days`
    (default CHAT_TRANSCRIPT_RETENTION_DAYS) ago, and those never closed with
    no activity in that period. The contact recorded at close stays, so the
    report keeps counting it. Returns how many conversations were deleted."""
    days = settings.CHAT_TRANSCRIPT_RETENTION_DAYS if days is None else days
    cutoff = (at or clock.now()) - timedelta(days=days)
    doomed = list(selectors.conversations_to_delete(cutoff=cutoff).values_list("pk", flat=True))
    if not doomed:
        return 0
    ChatMessage.objects.filter(conversation_id__in=doomed).delete()
    Conversation.objects.filter(pk__in=doomed).delete()
    logger.info("deleted %d chat conversations past retention", len(doomed))
    return len(doomed)
