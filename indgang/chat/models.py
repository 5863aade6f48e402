"""Chat: the citizen's conversations with the contact centre, their messages,
the chat hours, agents' capacity and canned answers.

A conversation's question and messages are personal data: deleted
CHAT_TRANSCRIPT_RETENTION_DAYS after the conversation ends by
`delete_old_chats`, and never written to logs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Outcome, Service, SubjectArea, WeeklyIntervalBase
from indgang.contacts.models import Contact


class ChatHours(WeeklyIntervalBase):
    """When agents answer chats (closed on Danish public holidays)."""

    class Meta(WeeklyIntervalBase.Meta):
        verbose_name = _("chatåbningstid")
        verbose_name_plural = _("chatåbningstider")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="chat_hours_closes_after_opens"
            ),
            models.UniqueConstraint(fields=["weekday", "opens"], name="chat_hours_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ConversationStatus(models.TextChoices):
    WAITING = "waiting", _("Venter")
    ACTIVE = "active", _("I gang")
    CLOSED = "closed", _("Afsluttet")


# Outcomes an agent closes a chat with (the API's contract).
CHAT_OUTCOMES = (
    Outcome.RESOLVED,
    Outcome.TRANSFERRED,
    Outcome.CALLBACK,
    Outcome.REFERRED_SELF_SERVICE,
)


class Conversation(models.Model):
    """One chat: the citizen's question, waiting, taken by one agent, closed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # sha256 of the citizen's token (the token itself is shown once, at creation).
    token_hash = models.CharField(max_length=64)
    question = models.TextField(_("spørgsmål"))
    language = models.CharField(_("sprog"), max_length=8, default="da")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConversationStatus.choices,
        default=ConversationStatus.WAITING,
    )
    after_hours = models.BooleanField(_("stillet uden for åbningstid"), default=False)
    created_at = models.DateTimeField(_("oprettet"))
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    taken_at = models.DateTimeField(_("taget"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    outcome = models.CharField(
        _("udfald"),
        max_length=24,
        choices=[(o.value, o.label) for o in CHAT_OUTCOMES],
        blank=True,
    )
    subject_area = models.ForeignKey(
        SubjectArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fagområde"),
    )
    service = models.ForeignKey(
        Service, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ydelse")
    )
    # The contact recorded in the registry when the chat was closed.
    contact = models.ForeignKey(
        Contact,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("henvendelse"),
    )
    # The highest message seq so far (messages are numbered 1, 2, 3 … per conversation).
    last_seq = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("chatsamtale")
        verbose_name_plural = _("chatsamtaler")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="chat_status_created_idx"),
            models.Index(fields=["agent", "status"], name="chat_agent_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.created_at:%Y-%m-%d %H:%M}"


class Author(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    AGENT = "agent", _("Medarbejder")


class ChatMessage(models.Model):
    """One message; `seq` orders a conversation, `client_id` makes a resend harmless."""

    conversation = models.ForeignKey(
        Conversation, models.CASCADE, related_name="messages", verbose_name=_("samtale")
    )
    seq = models.PositiveIntegerField(_("nummer"))
    author = models.CharField(_("afsender"), max_length=10, choices=Author.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    text = models.TextField(_("tekst"))
    client_id = models.CharField(_("klient-id"), max_length=100)
    created_at = models.DateTimeField(_("sendt"))

    class Meta:
        verbose_name = _("chatbesked")
        verbose_name_plural = _("chatbeskeder")
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="chat_message_seq_unique"),
            models.UniqueConstraint(
                fields=["conversation", "client_id"], name="chat_message_client_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id} #{self.seq}"


class ChatAgent(models.Model):
    """How many chats an agent takes at once (default CHAT_DEFAULT_CAPACITY, 3)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="chat_agent",
        verbose_name=_("medarbejder"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("samtidige chats"), default=3, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("chatmedarbejder")
        verbose_name_plural = _("chatmedarbejdere")

    def __str__(self) -> str:
        return f"{self.user} ({self.capacity})"


class CannedAnswer(models.Model):
    """A ready answer agents insert with one click."""

    title = models.CharField(_("titel"), max_length=120)
    text = models.TextField(_("tekst"))
    active = models.BooleanField(_("aktiv"), default=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)

    class Meta:
        verbose_name = _("standardsvar")
        verbose_name_plural = _("standardsvar")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title
