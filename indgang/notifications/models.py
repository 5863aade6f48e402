"""The message ledger (outbox): one row per SMS or e-mail Indgang will send.

A row is written in the same transaction as the change it tells about (a
booking confirmed, moved, cancelled), so a rollback leaves no message. Workers
(`manage.py send_messages`) claim due rows under a lease and send them; see
docs/notifications.md for the life of a row.

    PENDING ──claim──▶ SENDING ──provider accepts──▶ SENT
       ▲                 │
       └──provider error─┤ (attempts < max_attempts, after a backoff)
                         └──provider error, attempts = max_attempts──▶ FAILED
    PENDING ──messages_cancel_pending──▶ CANCELLED
    SENDING whose lease ran out (worker died) is claimed again.
    FAILED ──retry on the staff page──▶ PENDING
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MessageChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Venter")
    SENDING = "sending", _("Sendes")  # claimed by a worker under a lease
    SENT = "sent", _("Sendt")
    FAILED = "failed", _("Fejlet")
    CANCELLED = "cancelled", _("Annulleret")


class MessageKind(models.TextChoices):
    """The kinds Indgang sends today. `Message.kind` is a free string so a new
    kind needs no migration; these give the known ones a Danish label."""

    BOOKING_CONFIRMED = "booking.confirmed", _("Bekræftelse af tid")
    BOOKING_REMINDER = "booking.reminder", _("Påmindelse om tid")
    BOOKING_CANCELLED = "booking.cancelled", _("Aflysning af tid")
    BOOKING_MOVED = "booking.moved", _("Flytning af tid")
    GUIDES_CHECKLIST = "guides.checklist", _("Tjekliste fra livssituation")
    GUIDANCE_OVERVIEW = "guidance.overview", _("Oversigt over møder i vejledningsplan")
    GUIDANCE_REMINDER = "guidance.reminder", _("Påmindelse om møde med sagsbehandler")


# Statuses a worker will never touch again; retention deletes these.
FINISHED_STATUSES = (MessageStatus.SENT, MessageStatus.CANCELLED, MessageStatus.FAILED)
# Statuses the staff page shows by default: what may still need a hand.
OPEN_STATUSES = (MessageStatus.FAILED, MessageStatus.PENDING, MessageStatus.SENDING)


def kind_label(kind: str) -> str:
    """The Danish label of a kind; unknown kinds are shown as they are."""
    try:
        return str(MessageKind(kind).label)
    except ValueError:
        return kind


class MessageQuerySet(models.QuerySet):
    def due(self, *, at: datetime) -> MessageQuerySet:
        """Rows a worker may claim at `at`: pending and due, or claimed by a
        worker whose lease has run out (it died or hung)."""
        return self.filter(
            Q(status=MessageStatus.PENDING, next_attempt_at__lte=at)
            | Q(status=MessageStatus.SENDING, lease_expires_at__lte=at)
        )

    def for_reference(self, reference: str) -> MessageQuerySet:
        return self.filter(reference=reference)


class Message(models.Model):
    kind = models.CharField(_("type"), max_length=64)
    channel = models.CharField(_("kanal"), max_length=8, choices=MessageChannel.choices)
    # E.164 phone number (SMS) or e-mail address. Personal data: never logged.
    recipient = models.CharField(_("modtager"), max_length=254)
    subject = models.CharField(_("emne"), max_length=200, blank=True)
    body = models.TextField(_("tekst"))
    # Unique per message; the provider receives it so a retried send is not
    # delivered twice. Callers derive it from what the message is about,
    # e.g. "booking:42:confirmed:sms".
    idempotency_key = models.CharField(_("idempotensnøgle"), max_length=200, unique=True)
    # What the message is about, e.g. "booking:42"; used to cancel pending messages.
    reference = models.CharField(_("reference"), max_length=100, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    max_attempts = models.PositiveIntegerField(_("højst antal forsøg"), default=8)
    next_attempt_at = models.DateTimeField(_("næste forsøg"))
    lease_expires_at = models.DateTimeField(_("lejemål udløber"), null=True, blank=True)
    leased_by = models.CharField(_("hentet af"), max_length=200, blank=True)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"))
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    provider_message_id = models.CharField(_("udbyderens id"), max_length=200, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("besked")
        verbose_name_plural = _("beskeder")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The workers' poll: pending rows by due time, claimed rows by lease.
            models.Index(
                fields=["next_attempt_at"],
                name="notif_msg_pending_due",
                condition=Q(status="pending"),
            ),
            models.Index(
                fields=["lease_expires_at"],
                name="notif_msg_sending_lease",
                condition=Q(status="sending"),
            ),
            # The staff page and retention.
            models.Index(fields=["status", "created_at"], name="notif_msg_status_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="notif_msg_max_attempts_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="notif_msg_sent_has_sent_at",
            ),
            models.CheckConstraint(
                condition=~Q(status="sending") | Q(lease_expires_at__isnull=False),
                name="notif_msg_sending_has_lease",
            ),
        ]

    def __str__(self) -> str:
        # No recipient or text: this string ends up in the admin and the audit trail.
        return f"{kind_label(self.kind)} #{self.pk} ({self.get_channel_display()})"
