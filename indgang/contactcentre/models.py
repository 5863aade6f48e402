"""The contact centre: staff presence and phone hours, and callback tasks
(tilbagekald) in the departments' queues.

A transfer goes only to a colleague whose presence is "available" and whose
department is within its phone hours; otherwise the agent records a futile
call and creates a callback task with a deadline from the service's response
deadline (services.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Channel, Department, Service, SubjectArea, WeeklyIntervalBase


class Presence(models.TextChoices):
    AVAILABLE = "available", _("Ledig")
    BUSY = "busy", _("Optaget")
    MEETING = "meeting", _("I møde")
    AWAY = "away", _("Væk")
    OFF_DUTY = "off_duty", _("Gået for i dag")


class StaffPresence(models.Model):
    """A member of staff's presence now. No row: off duty."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="presence",
        verbose_name=_("medarbejder"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Presence.choices, default=Presence.OFF_DUTY
    )
    note = models.CharField(_("bemærkning"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("opdateret"))

    class Meta:
        verbose_name = _("tilstedeværelse")
        verbose_name_plural = _("tilstedeværelse")
        indexes = [models.Index(fields=["status"], name="presence_status_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_status_display()}"


class StaffPhoneHours(WeeklyIntervalBase):
    """When a caseworker takes phone calls (their own scheduled phone hours)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="phone_hours",
        verbose_name=_("medarbejder"),
    )

    class Meta(WeeklyIntervalBase.Meta):
        verbose_name = _("medarbejderens telefontid")
        verbose_name_plural = _("medarbejdernes telefontider")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="staff_phone_hours_closes_after_opens"
            ),
            models.UniqueConstraint(
                fields=["user", "weekday", "opens"], name="staff_phone_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Udført")
    NOT_REACHED = "not_reached", _("Borgeren ikke truffet")


class CallbackTask(models.Model):
    """A citizen to call back, in a department's queue."""

    department = models.ForeignKey(
        Department, models.PROTECT, related_name="callback_tasks", verbose_name=_("afdeling")
    )
    service = models.ForeignKey(
        Service, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ydelse")
    )
    subject_area = models.ForeignKey(
        SubjectArea,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fagområde"),
    )
    channel = models.CharField(
        _("kom ind via"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    # Personal data: cleared CALLBACK_RETENTION_DAYS after the task is closed.
    citizen_name = models.CharField(_("borgerens navn"), max_length=200, blank=True)
    citizen_phone = models.CharField(_("borgerens telefon"), max_length=20, blank=True)
    question = models.TextField(_("spørgsmål"))
    notes = models.TextField(_("noter"), blank=True)
    deadline = models.DateTimeField(_("frist"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="callback_tasks",
        verbose_name=_("tildelt"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CallbackStatus.choices, default=CallbackStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"))
    updated_at = models.DateTimeField(_("opdateret"))
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    class Meta:
        verbose_name = _("tilbagekald")
        verbose_name_plural = _("tilbagekald")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["department", "status", "deadline"], name="callback_queue_idx"),
            models.Index(fields=["assignee", "status"], name="callback_assignee_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.question[:40]}"

    @property
    def is_closed(self) -> bool:
        return self.status in (CallbackStatus.DONE, CallbackStatus.NOT_REACHED)
