"""Factories and helpers for the chat: chat hours, agents with presence and
capacity, conversations asked and taken."""

from __future__ import annotations

from datetime import time, timedelta

import factory

from indgang.chat import services
from indgang.chat.models import CannedAnswer, ChatAgent, ChatHours
from indgang.contactcentre.models import Presence
from indgang.core import clock
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.contactcentre.factories import StaffPresenceFactory


class ChatHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChatHours

    weekday = 0
    opens = time(8, 0)
    closes = time(20, 0)


class CannedAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CannedAnswer

    title = factory.Sequence(lambda n: f"Standardsvar {n}")
    text = "Tak for din henvendelse."


def chat_hours_weekdays(*, opens=time(8, 0), closes=time(20, 0), weekdays=range(5)) -> None:
    """Chat open Monday to Friday 8–20 by default."""
    for weekday in weekdays:
        ChatHoursFactory(weekday=weekday, opens=opens, closes=closes)


def chat_agent(*, presence: str | None = Presence.AVAILABLE, capacity: int | None = None, **kw):
    """A contact-centre agent with `presence` (None: off duty) and, when given, a capacity."""
    user = UserFactory(roles=[Role.CONTACT_CENTRE.value], **kw)
    if presence is not None:
        StaffPresenceFactory(user=user, status=presence)
    if capacity is not None:
        ChatAgent.objects.create(user=user, capacity=capacity)
    return user


def ask(question: str = "Hvordan bestiller jeg et nyt pas?", *, minutes_ago: int = 0):
    """A waiting conversation and its citizen's token."""
    return services.conversation_start(
        question=question, at=clock.now() - timedelta(minutes=minutes_ago)
    )


def taken_by(agent, question: str = "Hvornår udbetales boligstøtten?"):
    """A conversation asked now and taken by `agent` (nobody else waits), with its token."""
    conversation, token = ask(question)
    assert services.conversation_take_next(agent=agent).pk == conversation.pk
    conversation.refresh_from_db()
    return conversation, token
