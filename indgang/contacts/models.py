"""The contact registry (henvendelsesregistrering): contacts in every channel,
telephone calls, self-service counts and digital mail counts, plus the daily
tallies the citizen-service report reads.

Front-desk expeditions (`frontdesk.Expedition`) are personal contacts too; the
report counts them where they are, without copying them here.

Every write goes through `services.py`, which keeps the tallies in step with
the rows (`tally.py`); the admin shows calls and contacts read-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indgang.booking.models import Booking
from indgang.catalogue.models import (
    Channel,
    Department,
    Location,
    Outcome,
    Point,
    Service,
    SubjectArea,
)


class Line(models.TextChoices):
    MAIN = "main", _("Hovednummer (omstilling/kontaktcenter)")
    DEPARTMENT = "department", _("Afdelingens eget nummer")


class CallResult(models.TextChoices):
    RESOLVED = "resolved", _("Afklaret med det samme")
    TRANSFERRED = "transferred", _("Viderestillet")
    CALLBACK = "callback", _("Tilbagekald aftalt")
    FUTILE = "futile", _("Forgæves (afdelingen lukket)")
    RETURNED = "returned", _("Returkald (viderestillet, ikke besvaret)")
    ABANDONED = "abandoned", _("Lagt på i kø")


# Wait buckets of the tallies: wait ≤ 10 s, ≤ 20 s, ≤ 60 s, > 60 s. The report
# needs 10 and 60 (switchboard buckets) and 20 (service level, abandoned after 20 s).
WAIT_BUCKET_LIMITS = (10, 20, 60)


class Call(models.Model):
    """One telephone call, from a telephony platform (API push) or a file."""

    call_id = models.CharField(_("opkalds-id"), max_length=100, unique=True)
    line = models.CharField(_("linje"), max_length=12, choices=Line.choices)
    arrived_at = models.DateTimeField(_("ankommet"))
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    ended_at = models.DateTimeField(_("afsluttet"))
    result = models.CharField(_("resultat"), max_length=12, choices=CallResult.choices)
    subject_area = models.ForeignKey(
        SubjectArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fagområde"),
    )
    transferred_to = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("viderestillet til"),
    )
    # Derived once when stored: answered − arrived, or ended − arrived when abandoned.
    wait_seconds = models.PositiveIntegerField(_("ventetid (sek.)"))
    talk_seconds = models.PositiveIntegerField(_("samtaletid (sek.)"), null=True, blank=True)
    source = models.CharField(_("kilde"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("registreret"))

    class Meta:
        verbose_name = _("opkald")
        verbose_name_plural = _("opkald")
        ordering = ["-arrived_at"]
        indexes = [models.Index(fields=["line", "arrived_at"], name="call_line_arrived_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, result="abandoned")
                | (Q(answered_at__isnull=False) & ~Q(result="abandoned")),
                name="call_abandoned_iff_unanswered",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__gte=models.F("arrived_at")), name="call_ends_after_arrival"
            ),
        ]

    def __str__(self) -> str:
        return self.call_id


class Contact(models.Model):
    """One contact (henvendelse) in any channel."""

    # The sender's id (contact_id in files and the API); empty for staff registrations.
    external_id = models.CharField(
        _("ekstern id"), max_length=100, null=True, blank=True, unique=True
    )
    occurred_at = models.DateTimeField(_("tidspunkt"))
    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices)
    point = models.CharField(_("sted"), max_length=20, choices=Point.choices, blank=True)
    location = models.ForeignKey(
        Location,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lokation"),
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
    outcome = models.CharField(_("udfald"), max_length=24, choices=Outcome.choices, blank=True)
    wait_seconds = models.PositiveIntegerField(_("ventetid (sek.)"), null=True, blank=True)
    handling_seconds = models.PositiveIntegerField(_("betjeningstid (sek.)"), null=True, blank=True)
    # Who registered it. Staff identity is personal data: cleared after
    # CONTACT_STAFF_RETENTION_DAYS by `forget_contact_staff`.
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    booking = models.ForeignKey(
        Booking, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("booking")
    )
    call = models.ForeignKey(
        Call,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("opkald"),
    )
    source = models.CharField(_("kilde"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("registreret"))

    class Meta:
        verbose_name = _("henvendelse")
        verbose_name_plural = _("henvendelser")
        ordering = ["-occurred_at"]
        permissions = [
            ("import_records", _("Kan indlæse filer med opkald, henvendelser og selvbetjeningstal"))
        ]
        indexes = [
            models.Index(fields=["occurred_at"], name="contact_occurred_idx"),
            models.Index(fields=["staff", "created_at"], name="contact_staff_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.occurred_at:%Y-%m-%d %H:%M}"


class SelfServiceCount(models.Model):
    """How many applications for a service came in digitally and manually in
    a period (from the self-service platform's statistics)."""

    service = models.ForeignKey(
        Service, models.PROTECT, related_name="self_service_counts", verbose_name=_("ydelse")
    )
    period_start = models.DateField(_("fra dato"))
    period_end = models.DateField(_("til dato"))
    digital = models.PositiveIntegerField(_("digitalt"))
    manual = models.PositiveIntegerField(_("manuelt"))
    source = models.CharField(_("kilde"), max_length=60, blank=True)
    updated_at = models.DateTimeField(_("opdateret"))

    class Meta:
        verbose_name = _("selvbetjeningstal")
        verbose_name_plural = _("selvbetjeningstal")
        ordering = ["-period_start", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period_start", "period_end"],
                name="self_service_count_unique_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="self_service_count_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.period_start}–{self.period_end}"


class MailKind(models.TextChoices):
    SECURE = "secure", _("Sikker post (Digital Post)")
    PLAIN = "plain", _("Almindelig e-mail")


class MailCount(models.Model):
    """Digital mail received in a period: secure or plain, by subject area and
    the department it was forwarded to."""

    period_start = models.DateField(_("fra dato"))
    period_end = models.DateField(_("til dato"))
    kind = models.CharField(_("type"), max_length=10, choices=MailKind.choices)
    subject_area = models.ForeignKey(
        SubjectArea,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fagområde"),
    )
    forwarded_to = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("videresendt til"),
    )
    count = models.PositiveIntegerField(_("antal"))

    class Meta:
        verbose_name = _("antal digitale henvendelser")
        verbose_name_plural = _("antal digitale henvendelser")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="mail_count_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end}: {self.count}"


class CallTally(models.Model):
    """Calls per local day and key, kept by `tally.py` with every stored call.
    The report reads these instead of scanning millions of calls. Keys are
    plain values (0 = no subject area) so an upsert can match them."""

    day = models.DateField()
    line = models.CharField(max_length=12)
    result = models.CharField(max_length=12)
    subject_area_id = models.IntegerField(default=0)
    wait_bucket = models.PositiveSmallIntegerField()
    calls = models.IntegerField(default=0)
    wait_seconds = models.BigIntegerField(default=0)
    talk_seconds = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "line", "result", "subject_area_id", "wait_bucket"],
                name="call_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.line} {self.result}: {self.calls}"


class ContactTally(models.Model):
    """Contacts per local day and key (see `CallTally`)."""

    day = models.DateField()
    channel = models.CharField(max_length=20)
    point = models.CharField(max_length=20)
    outcome = models.CharField(max_length=24)
    subject_area_id = models.IntegerField(default=0)
    contacts = models.IntegerField(default=0)
    wait_seconds = models.BigIntegerField(default=0)
    handling_seconds = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "channel", "point", "outcome", "subject_area_id"],
                name="contact_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.channel} {self.point}: {self.contacts}"
