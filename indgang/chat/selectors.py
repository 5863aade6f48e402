"""Reads of the chat for the citizen widget, the agent console, the API and the
WebSocket consumer.

Queue order is `created_at`, then id. An agent is *on duty* for chat when they
may take chats (`chat.change_conversation`), are active and their presence
(contactcentre) is "available" or "busy"; only "available" agents are offered
as transfer targets. Nothing here returns a transcript to a log.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from indgang.catalogue import hours
from indgang.contactcentre.models import Presence
from indgang.core import clock

from .models import (
    CannedAnswer,
    ChatAgent,
    ChatHours,
    ChatMessage,
    Conversation,
    ConversationStatus,
)

# Handling time assumed before any chat has been closed (7 minutes).
DEFAULT_HANDLING_SECONDS = 420
# How many recently closed chats the mean handling time is taken over.
HANDLING_SAMPLE = 50
ON_DUTY = (Presence.AVAILABLE, Presence.BUSY)


def token_hash(token: str) -> str:
    """The stored form of a citizen's token (sha256, hex)."""
    return hashlib.sha256(token.encode()).hexdigest()


# Hours ------------------------------------------------------------------


def chat_schedule() -> hours.Schedule:
    """The chat hours as plain data; Danish public holidays close the chat."""
    weekly: dict[int, list] = defaultdict(list)
    for row in ChatHours.objects.all():
        weekly[row.weekday].append((row.opens, row.closes))
    return hours.Schedule(weekly=dict(weekly), closed_on_public_holidays=True)


def chat_is_open(*, at: datetime | None = None) -> bool:
    """Do agents answer chats at `at` (default: now)?"""
    return hours.is_open(chat_schedule(), at or clock.now())


def chat_next_opening(*, at: datetime | None = None) -> datetime | None:
    """When the chat opens next (local time), or None when it is open at `at`
    or has no hours in the next 60 days."""
    at = at or clock.now()
    schedule = chat_schedule()
    if hours.is_open(schedule, at):
        return None
    interval = hours.next_opening(schedule, at)
    return timezone.localtime(interval.start) if interval else None


# Conversations -----------------------------------------------------------


def conversation_for_token(*, pk, token: str) -> Conversation | None:
    """The conversation `pk` when `token` is its citizen's token, else None
    (also for a malformed id or an empty token)."""
    if not token:
        return None
    try:
        pk = uuid.UUID(str(pk))
    except (TypeError, ValueError):
        return None
    conversation = Conversation.objects.select_related("agent").filter(pk=pk).first()
    if conversation is None:
        return None
    if not hmac.compare_digest(conversation.token_hash, token_hash(token)):
        return None
    return conversation


def conversation_get(*, pk) -> Conversation | None:
    """The conversation `pk` (staff use; no token check), or None."""
    try:
        pk = uuid.UUID(str(pk))
    except (TypeError, ValueError):
        return None
    return Conversation.objects.select_related("agent").filter(pk=pk).first()


def staff_may_view(*, user, conversation: Conversation) -> bool:
    """Staff may read a conversation they hold, or any with chat.view_conversation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return conversation.agent_id == user.pk or user.has_perm("chat.view_conversation")


def _waiting() -> QuerySet[Conversation]:
    return Conversation.objects.filter(status=ConversationStatus.WAITING)


def queue_position(conversation: Conversation) -> int | None:
    """1 for the first in the queue; None unless the conversation is waiting."""
    if conversation.status != ConversationStatus.WAITING:
        return None
    ahead = (
        _waiting()
        .filter(
            Q(created_at__lt=conversation.created_at)
            | Q(created_at=conversation.created_at, pk__lt=conversation.pk)
        )
        .count()
    )
    return ahead + 1


def waiting_count() -> int:
    return _waiting().count()


def mean_handling_seconds() -> int:
    """Mean handling time (taken → closed) of the last HANDLING_SAMPLE closed chats."""
    rows = list(
        Conversation.objects.filter(
            status=ConversationStatus.CLOSED, taken_at__isnull=False, closed_at__isnull=False
        )
        .order_by("-closed_at")
        .values_list("taken_at", "closed_at")[:HANDLING_SAMPLE]
    )
    if not rows:
        return DEFAULT_HANDLING_SECONDS
    total = sum((closed - taken).total_seconds() for taken, closed in rows)
    return max(1, round(total / len(rows)))


def _chat_agents() -> QuerySet:
    """Active users who may take chats (by group, own permission or superuser)."""
    perm = Q(codename="change_conversation", content_type__app_label="chat")
    User = get_user_model()
    from django.contrib.auth.models import Permission

    perm_ids = list(Permission.objects.filter(perm).values_list("pk", flat=True))
    return User.objects.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__in=perm_ids)
        | Q(user_permissions__in=perm_ids),
        is_active=True,
    ).distinct()


def _slots(users: QuerySet) -> list[tuple[object, int, int]]:
    """(user, capacity, held) for each of `users`."""
    users = list(users)
    ids = [u.pk for u in users]
    capacity = dict(ChatAgent.objects.filter(user_id__in=ids).values_list("user_id", "capacity"))
    held = dict(
        Conversation.objects.filter(agent_id__in=ids, status=ConversationStatus.ACTIVE)
        .values("agent_id")
        .annotate(n=Count("pk"))
        .values_list("agent_id", "n")
    )
    default = settings.CHAT_DEFAULT_CAPACITY
    return [(u, capacity.get(u.pk, default), held.get(u.pk, 0)) for u in users]


def agents_on_duty() -> list:
    """Chat agents whose presence is available or busy."""
    return list(_chat_agents().filter(presence__status__in=ON_DUTY).order_by("pk"))


def expected_wait_seconds(conversation: Conversation, *, at: datetime | None = None) -> int | None:
    """A waiting citizen's expected wait: None when the chat is closed, nobody
    is on duty or the conversation is not waiting. With C slots on duty
    (sum of capacities), F of them free and mean handling time h, the
    conversation at position p waits (p − F) · h / C (0 when p ≤ F)."""
    position = queue_position(conversation)
    if position is None or not chat_is_open(at=at):
        return None
    slots = _slots(_chat_agents().filter(presence__status__in=ON_DUTY))
    total = sum(capacity for _u, capacity, _held in slots)
    if total <= 0:
        return None
    free = sum(max(0, capacity - held) for _u, capacity, held in slots)
    ahead = position - free
    if ahead <= 0:
        return 0
    return math.ceil(ahead * mean_handling_seconds() / total)


def conversation_state(conversation: Conversation, *, at: datetime | None = None) -> dict:
    """What the citizen's widget shows: the same shape over the API and the
    WebSocket (`{"type": "state", …}`)."""
    at = at or clock.now()
    is_open = chat_is_open(at=at)
    next_opening = None if is_open else chat_next_opening(at=at)
    agent = conversation.agent if conversation.agent_id else None
    return {
        "id": str(conversation.pk),
        "status": conversation.status,
        "open": is_open,
        "queue_position": queue_position(conversation),
        "expected_wait_seconds": expected_wait_seconds(conversation, at=at),
        "agent": (agent.first_name or None) if agent else None,
        "next_opening": next_opening.isoformat() if next_opening else None,
    }


def messages_after(conversation: Conversation, *, after: int = 0) -> list[ChatMessage]:
    """The conversation's messages with seq > `after`, in seq order."""
    return list(
        ChatMessage.objects.filter(conversation=conversation, seq__gt=max(0, int(after))).order_by(
            "seq"
        )
    )


# Agents ------------------------------------------------------------------


def agent_capacity(user) -> int:
    """How many chats `user` takes at once (ChatAgent row, else CHAT_DEFAULT_CAPACITY)."""
    capacity = ChatAgent.objects.filter(user=user).values_list("capacity", flat=True).first()
    return capacity if capacity is not None else settings.CHAT_DEFAULT_CAPACITY


def agent_conversations(user) -> QuerySet[Conversation]:
    """The active conversations `user` holds, longest-held first."""
    return Conversation.objects.filter(agent=user, status=ConversationStatus.ACTIVE).order_by(
        "taken_at", "created_at"
    )


def waiting_conversations() -> QuerySet[Conversation]:
    """The queue, first in line first."""
    return _waiting().order_by("created_at", "pk")


def transfer_candidates(*, by) -> list:
    """Colleagues `by` may hand a chat to: chat agents whose presence is
    available and who have a free slot, `by` excluded."""
    users = _chat_agents().filter(presence__status=Presence.AVAILABLE).exclude(pk=by.pk)
    users = users.order_by("first_name", "last_name", "username")
    return [u for u, capacity, held in _slots(users) if held < capacity]


def canned_answers() -> QuerySet[CannedAnswer]:
    return CannedAnswer.objects.filter(active=True).order_by("position", "title")


def conversations_to_delete(*, cutoff: datetime) -> QuerySet[Conversation]:
    """Conversations whose transcript is past retention: closed before
    `cutoff`, or never closed and without any activity since `cutoff`."""
    active_since = ChatMessage.objects.filter(created_at__gte=cutoff).values("conversation_id")
    closed = Q(status=ConversationStatus.CLOSED, closed_at__lt=cutoff)
    stale = (
        ~Q(status=ConversationStatus.CLOSED) & Q(created_at__lt=cutoff) & ~Q(pk__in=active_since)
    )
    return Conversation.objects.filter(closed | stale)
