"""The front desk on the day: kiosk rules, tickets (kønumre), expeditions and
the booking survey."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indgang.booking.models import Booking
from indgang.catalogue.models import (
    CENTRE_POINTS,
    Desk,
    Location,
    Outcome,
    Point,
    Service,
    SubjectArea,
)


class KioskPolicy(models.Model):
    """Check-in rules of a location's kiosk. No row: the defaults."""

    location = models.OneToOneField(
        Location, models.CASCADE, related_name="kiosk_policy", verbose_name=_("lokation")
    )
    early_minutes = models.PositiveSmallIntegerField(
        _("tjek ind tidligst (min. før tiden)"), default=30
    )
    late_minutes = models.PositiveSmallIntegerField(
        _("tjek ind senest (min. efter tiden)"), default=10
    )
    booked_prefix = models.CharField(_("bogstav for bookede"), max_length=2, default="A")
    walk_in_prefix = models.CharField(_("bogstav for uden tid"), max_length=2, default="B")

    class Meta:
        verbose_name = _("regler for nummerstander")
        verbose_name_plural = _("regler for nummerstandere")

    def __str__(self) -> str:
        return str(self.location)


class TicketKind(models.TextChoices):
    BOOKED = "booked", _("Bestilt tid")
    WALK_IN = "walk_in", _("Uden tid")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Venter")
    CALLED = "called", _("Kaldt")
    SERVED = "served", _("Betjent")
    NO_SHOW = "no_show", _("Udeblevet")
    CANCELLED = "cancelled", _("Annulleret")


class TicketQuerySet(models.QuerySet):
    def waiting(self, *, location: Location):
        return self.filter(location=location, status=TicketStatus.WAITING)

    def servable_by(self, desk: Desk):
        """Tickets this desk can take: every service is one of the desk's, and
        the ticket is not transferred to another desk."""
        foreign = Service.objects.exclude(desks=desk)
        return self.exclude(services__in=foreign).filter(
            Q(transferred_to__isnull=True) | Q(transferred_to=desk)
        )


class Ticket(models.Model):
    """A citizen in the queue today: checked in with a booking, or a walk-in
    entered by staff."""

    location = models.ForeignKey(
        Location, models.PROTECT, related_name="tickets", verbose_name=_("lokation")
    )
    day = models.DateField(_("dato"))
    number = models.CharField(_("kønummer"), max_length=8)
    kind = models.CharField(_("type"), max_length=10, choices=TicketKind.choices)
    booking = models.OneToOneField(
        Booking,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="ticket",
        verbose_name=_("booking"),
    )
    services = models.ManyToManyField(Service, related_name="tickets", verbose_name=_("ydelser"))
    status = models.CharField(
        _("status"), max_length=12, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    urgent = models.BooleanField(_("haster"), default=False)
    # When the citizen is due at a desk: the booked start, or for a walk-in the
    # time staff fitted them in (their arrival when not fitted).
    due_at = models.DateTimeField(_("forventes betjent"))
    arrived_at = models.DateTimeField(_("ankommet"))
    transferred_to = models.ForeignKey(
        Desk,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("flyttet til skranke"),
    )
    desk = models.ForeignKey(
        Desk,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name=_("kaldt til skranke"),
    )
    called_at = models.DateTimeField(_("kaldt"), null=True, blank=True)
    call_count = models.PositiveSmallIntegerField(_("antal kald"), default=0)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kaldt af"),
    )
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    # For the survey link after the visit; personal data, deleted with the
    # booking's retention (BOOKING_RETENTION_DAYS).
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("kønummer")
        verbose_name_plural = _("kønumre")
        ordering = ["due_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "day", "number"], name="ticket_number_unique_per_day"
            )
        ]
        indexes = [models.Index(fields=["location", "day", "status"], name="ticket_queue_idx")]

    def __str__(self) -> str:
        return self.number


class Expedition(models.Model):
    """One served personal contact: at a desk from a ticket, or a one-click
    registration at the information desk or the self-service PCs. The contact
    registry counts these as personal contacts without copying them."""

    location = models.ForeignKey(
        Location, models.PROTECT, related_name="expeditions", verbose_name=_("lokation")
    )
    point = models.CharField(
        _("sted"),
        max_length=20,
        choices=[(p.value, p.label) for p in CENTRE_POINTS],
        default=Point.DESK,
    )
    ticket = models.OneToOneField(
        Ticket,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="expedition",
        verbose_name=_("kønummer"),
    )
    desk = models.ForeignKey(
        Desk, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("skranke")
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
    outcome = models.CharField(
        _("udfald"), max_length=24, choices=Outcome.choices, default=Outcome.RESOLVED
    )
    co_service = models.BooleanField(_("medbetjening"), default=False)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    occurred_at = models.DateTimeField(_("tidspunkt"), db_index=True)
    wait_seconds = models.PositiveIntegerField(_("ventetid (sek.)"), null=True, blank=True)
    handling_seconds = models.PositiveIntegerField(_("betjeningstid (sek.)"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspedition")
        verbose_name_plural = _("ekspeditioner")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.location} {self.occurred_at:%Y-%m-%d %H:%M}"


# --- The booking survey after a visit (see survey.py) -----------------------


class SurveyInvitation(models.Model):
    """A link sent after "served". Holds no answer and no person: the answer
    (SurveyResponse) has no link back, so answers stay anonymous."""

    token = models.CharField(_("nøgle"), max_length=64, unique=True)
    location = models.ForeignKey(
        Location, models.CASCADE, related_name="+", verbose_name=_("lokation")
    )
    created_at = models.DateTimeField(_("oprettet"), db_index=True)
    # Local midnight of the day it was answered: never the time (survey.py).
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation til undersøgelse")
        verbose_name_plural = _("invitationer til undersøgelse")

    def __str__(self) -> str:
        return f"{self.location} {self.created_at:%Y-%m-%d}"


class HowBooked(models.TextChoices):
    WEBSITE = "website", _("På hjemmesiden")
    PHONE = "phone", _("Over telefonen")
    SMS_REMINDER = "sms_reminder", _("Via SMS-påmindelse")
    IN_PERSON = "in_person", _("Ved personligt fremmøde")


class Opinion(models.TextChoices):
    VERY_HAPPY = "very_happy", _("Meget tilfreds")
    HAPPY = "happy", _("Tilfreds")
    NEUTRAL = "neutral", _("Hverken tilfreds eller utilfreds")
    UNHAPPY = "unhappy", _("Utilfreds")
    VERY_UNHAPPY = "very_unhappy", _("Meget utilfreds")


class OnTime(models.TextChoices):
    BEFORE = "before", _("Før tiden")
    ON_TIME = "on_time", _("Til tiden")
    LATE_1_10 = "late_1_10", _("1–10 minutter forsinket")
    LATE_OVER_10 = "late_over_10", _("Mere end 10 minutter forsinket")


class YesNo(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")


class YesPartlyNo(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Delvist")
    NO = "no", _("Nej")


class AgeGroup(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25 år")
    FROM_25_TO_39 = "25_39", _("25–39 år")
    FROM_40_TO_59 = "40_59", _("40–59 år")
    FROM_60_TO_74 = "60_74", _("60–74 år")
    FROM_75 = "75_plus", _("75 år eller derover")


class SurveyResponse(models.Model):
    """One anonymous answer. Deliberately no link to the invitation, ticket or
    citizen, and only the date it was given."""

    location = models.ForeignKey(
        Location, models.CASCADE, related_name="+", verbose_name=_("lokation")
    )
    answered_on = models.DateField(_("besvaret dato"), db_index=True)
    how_booked = models.CharField(
        _("hvordan bestilte du tid"), max_length=20, choices=HowBooked.choices
    )
    opinion = models.CharField(
        _("mening om tidsbestilling"), max_length=20, choices=Opinion.choices, blank=True
    )
    on_time = models.CharField(
        _("betjent til tiden"), max_length=20, choices=OnTime.choices, blank=True
    )
    knew_mandatory = models.CharField(
        _("vidste at tidsbestilling er obligatorisk"),
        max_length=10,
        choices=YesNo.choices,
        blank=True,
    )
    staff_welcoming = models.CharField(
        _("personalet var til stede og imødekommende"),
        max_length=10,
        choices=YesPartlyNo.choices,
        blank=True,
    )
    age_group = models.CharField(
        _("aldersgruppe"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    resident = models.CharField(
        _("bor i kommunen"), max_length=10, choices=YesNo.choices, blank=True
    )

    class Meta:
        verbose_name = _("svar på undersøgelse")
        verbose_name_plural = _("svar på undersøgelse")
        ordering = ["-answered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.location} {self.answered_on}"
