"""Digital mail: secure mail (Digital Post) and plain e-mail to the
municipality, fetched from a mailbox or pushed by another system, triaged to a
subject area and department, and answered, forwarded or turned into a callback
task from one inbox.

Sender, subject and text are personal data: cleared
MAIL_RETENTION_DAYS after the mail is handled by `anonymise_old_mail`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department, Service, SubjectArea
from indgang.contactcentre.models import CallbackTask
from indgang.contacts.models import Contact, MailKind


class MailSource(models.TextChoices):
    MAILBOX = "mailbox", _("Postkasse (IMAP)")
    API = "api", _("Andet system (API)")


class MailStatus(models.TextChoices):
    NEW = "new", _("Ny")
    ANSWERED = "answered", _("Besvaret")
    FORWARDED = "forwarded", _("Videresendt")
    CALLBACK = "callback", _("Tilbagekald oprettet")


class Mail(models.Model):
    """One mail in the inbox."""

    # The sender's Message-ID (mailbox) or the pushing system's id (API): a
    # mail fetched or pushed twice is stored once.
    message_id = models.CharField(_("meddelelses-id"), max_length=255, unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=MailKind.choices)
    source = models.CharField(_("kilde"), max_length=10, choices=MailSource.choices)
    sender_name = models.CharField(_("afsenderens navn"), max_length=200, blank=True)
    sender_address = models.CharField(_("afsenderens adresse"), max_length=254, blank=True)
    subject = models.CharField(_("emne"), max_length=300, blank=True)
    body = models.TextField(_("tekst"), blank=True)
    received_at = models.DateTimeField(_("modtaget"), db_index=True)
    # The triage: suggested on arrival (rules, then the knowledge search), changed by staff.
    subject_area = models.ForeignKey(
        SubjectArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fagområde"),
    )
    department = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    service = models.ForeignKey(
        Service, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("ydelse")
    )
    suggestion = models.CharField(_("forslag ud fra"), max_length=300, blank=True)
    deadline = models.DateTimeField(_("svarfrist"))
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.NEW
    )
    handled_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet af"),
    )
    forwarded_to = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("videresendt til"),
    )
    callback = models.ForeignKey(
        CallbackTask,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tilbagekald"),
    )
    contact = models.ForeignKey(
        Contact,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("henvendelse"),
    )
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    class Meta:
        verbose_name = _("digital post")
        verbose_name_plural = _("digital post")
        ordering = ["deadline", "received_at"]
        indexes = [models.Index(fields=["status", "deadline"], name="mail_status_deadline_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_at:%Y-%m-%d %H:%M}"


class MailRule(models.Model):
    """A triage rule: a mail whose subject or text contains one of the words
    goes to the subject area and department (rules before the knowledge search,
    lowest position first)."""

    words = models.CharField(
        _("ord"),
        max_length=300,
        help_text=_(
            "Et eller flere hele ord adskilt af komma; slut et ord med * for alle ord, "
            "der begynder sådan (flyt*)."
        ),
    )
    subject_area = models.ForeignKey(
        SubjectArea, models.CASCADE, related_name="+", verbose_name=_("fagområde")
    )
    department = models.ForeignKey(
        Department,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    service = models.ForeignKey(
        Service, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("ydelse")
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=100)
    active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("sorteringsregel")
        verbose_name_plural = _("sorteringsregler")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.words
