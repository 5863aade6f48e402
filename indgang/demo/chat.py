"""Demo Kommune's chat: chat hours that run past the phone lines' closing,
canned answers, the contact-centre agent's capacity and two citizens waiting,
so the agent console has someone to take on a fresh `make run`. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.db import transaction

from indgang.accounts.models import User
from indgang.catalogue.models import Weekday
from indgang.chat.models import CannedAnswer, ChatAgent, ChatHours, Conversation, ConversationStatus
from indgang.chat.services import conversation_start

# Chat is open after the phone lines close (the source documents ask for it).
CHAT_HOURS = [
    (Weekday.MONDAY, time(9, 0), time(18, 0)),
    (Weekday.TUESDAY, time(9, 0), time(18, 0)),
    (Weekday.WEDNESDAY, time(9, 0), time(18, 0)),
    (Weekday.THURSDAY, time(9, 0), time(19, 0)),
    (Weekday.FRIDAY, time(9, 0), time(15, 0)),
]

CANNED_ANSWERS = [
    ("Velkommen", "Hej, og tak fordi du skriver. Jeg hedder {navn}. Hvad kan jeg hjælpe med?"),
    (
        "Et øjeblik",
        "Tak for dit spørgsmål. Jeg undersøger det lige og vender tilbage om et øjeblik.",
    ),
    (
        "Bestil tid",
        "Det kræver, at du møder op i Borgerservice. Du kan bestille en tid på "
        "kommunens hjemmeside under »Bestil tid«.",
    ),
    (
        "Log ind med MitID",
        "Det kan du selv gøre på borger.dk, når du logger ind med MitID. Skriv endelig, "
        "hvis du går i stå undervejs.",
    ),
    (
        "Ingen CPR-numre",
        "Skriv venligst ikke dit CPR-nummer eller andre fortrolige oplysninger i chatten.",
    ),
    (
        "Afslutning",
        "Tak for snakken. Du er altid velkommen til at skrive igen. Hav en god dag.",
    ),
]

WAITING_QUESTIONS = [
    "Hvordan bestiller jeg et nyt pas til mit barn?",
    "Jeg er flyttet i går – hvor melder jeg flytning?",
]


@dataclass
class ChatSeedResult:
    hours: int = 0
    canned_answers: int = 0
    waiting: int = 0


@transaction.atomic
def demo_chat_seed() -> ChatSeedResult:
    result = ChatSeedResult()
    if not ChatHours.objects.exists():
        for weekday, opens, closes in CHAT_HOURS:
            ChatHours.objects.create(weekday=weekday, opens=opens, closes=closes)
            result.hours += 1
    for position, (title, text) in enumerate(CANNED_ANSWERS, start=1):
        _answer, created = CannedAnswer.objects.get_or_create(
            title=title, defaults={"text": text, "position": position * 10}
        )
        result.canned_answers += created
    agent = User.objects.filter(username="kontaktcenter").first()
    if agent is not None:
        ChatAgent.objects.get_or_create(user=agent, defaults={"capacity": 3})
    if not Conversation.objects.filter(status=ConversationStatus.WAITING).exists():
        for question in WAITING_QUESTIONS:
            conversation_start(question=question)
            result.waiting += 1
    return result
