"""Appointment booking: per-location booking policy, desk closures, duration
overrides and the bookings themselves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department, Desk, Location, Service, WeeklyIntervalBase


class BookingPolicy(models.Model):
    """How a location takes bookings. A location without a row uses the defaults."""

    location = models.OneToOneField(
        Location, models.CASCADE, related_name="booking_policy", verbose_name=_("lokation")
    )
    is_bookable = models.BooleanField(_("tager imod tidsbestilling"), default=True)
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("interval mellem tider (min.)"), default=5
    )
    buffer_minutes = models.PositiveSmallIntegerField(_("pause efter hver tid (min.)"), default=0)
    horizon_days = models.PositiveSmallIntegerField(_("kan bookes dage frem"), default=60)
    min_notice_minutes = models.PositiveIntegerField(_("mindste varsel (min.)"), default=60)
    max_bookings_per_phone_per_day = models.PositiveSmallIntegerField(
        _("højst antal tider pr. telefonnummer pr. dag"), default=2
    )
    reminder_hours_before = models.PositiveSmallIntegerField(
        _("påmindelse timer før"), default=24, help_text=_("0: ingen påmindelse.")
    )

    class Meta:
        verbose_name = _("bookingregler")
        verbose_name_plural = _("bookingregler")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_step_minutes__gte=1), name="booking_policy_step_positive"
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1), name="booking_policy_horizon_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.location)


class ServiceDuration(models.Model):
    """A location's own minutes for a service (overrides the catalogue's)."""

    location = models.ForeignKey(
        Location, models.CASCADE, related_name="service_durations", verbose_name=_("lokation")
    )
    service = models.ForeignKey(
        Service, models.CASCADE, related_name="location_durations", verbose_name=_("ydelse")
    )
    minutes = models.PositiveSmallIntegerField(_("minutter"))

    class Meta:
        verbose_name = _("varighed på lokation")
        verbose_name_plural = _("varigheder på lokation")
        constraints = [
            models.UniqueConstraint(fields=["location", "service"], name="service_duration_unique"),
            models.CheckConstraint(condition=Q(minutes__gte=1), name="service_duration_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.location}: {self.service} {self.minutes} min."


class DeskClosure(models.Model):
    """A desk taken out of booking for a period (training, illness, a meeting)."""

    desk = models.ForeignKey(
        Desk, models.CASCADE, related_name="closures", verbose_name=_("skranke")
    )
    starts_at = models.DateTimeField(_("fra"))
    ends_at = models.DateTimeField(_("til"))
    reason = models.CharField(_("begrundelse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lukket skranke")
        verbose_name_plural = _("lukkede skranker")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="desk_closure_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.desk}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booket")
    CANCELLED = "cancelled", _("Aflyst")


class BookingChannel(models.TextChoices):
    """How the citizen booked (reported in the booking survey)."""

    WEB = "web", _("Hjemmeside")
    PHONE = "phone", _("Telefon")
    IN_PERSON = "in_person", _("Personligt fremmøde")
    SMS = "sms", _("SMS")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=BookingStatus.BOOKED)

    def overlapping(self, *, start, until):
        """Bookings whose blocked time [start, blocked_until) meets [start, until)."""
        return self.filter(start__lt=until, blocked_until__gt=start)


class Booking(models.Model):
    """One appointment: a citizen, one or more services, a desk and a time.

    The desk is blocked from `start` to `blocked_until` (the end plus the
    location's buffer). No two active bookings on one desk may overlap: on
    PostgreSQL an exclusion constraint says so (migration 0002), elsewhere
    `booking_create` checks under a write lock.
    """

    code = models.CharField(_("bookingkode"), max_length=6, unique=True)
    cancel_token = models.CharField(_("link-nøgle"), max_length=64, unique=True)
    location = models.ForeignKey(
        Location, models.PROTECT, related_name="bookings", verbose_name=_("lokation")
    )
    desk = models.ForeignKey(
        Desk, models.PROTECT, related_name="bookings", verbose_name=_("skranke")
    )
    services = models.ManyToManyField(Service, related_name="bookings", verbose_name=_("ydelser"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("slut"))
    blocked_until = models.DateTimeField(_("skranken optaget til"))
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    channel = models.CharField(
        _("bestilt via"), max_length=20, choices=BookingChannel.choices, default=BookingChannel.WEB
    )
    # Personal data: deleted by `anonymise_old_bookings` after BOOKING_RETENTION_DAYS.
    name = models.CharField(_("navn"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("sprog"), max_length=8, default="da")
    created_at = models.DateTimeField(_("oprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)
    # A retried API call with the same Idempotency-Key returns this booking.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookinger")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["desk", "start"], name="booking_desk_start_idx"),
            models.Index(fields=["location", "start"], name="booking_location_start_idx"),
            models.Index(fields=["phone", "start"], name="booking_phone_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("end")), name="booking_blocked_covers_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status == BookingStatus.BOOKED


# --- Caseworkers' own calendars (360-degree guidance books into them) -------


class StaffCalendar(models.Model):
    """A caseworker's bookable calendar: the weekly hours in which citizen
    service may book meetings with them, and how long a meeting lasts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="meeting_calendar",
        verbose_name=_("medarbejder"),
    )
    department = models.ForeignKey(
        Department, models.PROTECT, related_name="staff_calendars", verbose_name=_("afdeling")
    )
    location = models.ForeignKey(
        Location,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mødested"),
        help_text=_("Hvor møderne holdes. Tom: aftales med borgeren."),
    )
    place = models.CharField(
        _("lokale"), max_length=200, blank=True, help_text=_("Fx »Rådhuset, lokale 2.14«.")
    )
    meeting_minutes = models.PositiveSmallIntegerField(_("mødets længde (min.)"), default=45)
    slot_step_minutes = models.PositiveSmallIntegerField(
        _("interval mellem tider (min.)"), default=15
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        _("pause efter hvert møde (min.)"), default=15
    )
    horizon_days = models.PositiveSmallIntegerField(_("kan bookes dage frem"), default=60)
    min_notice_minutes = models.PositiveIntegerField(_("mindste varsel (min.)"), default=60)
    reminder_hours_before = models.PositiveSmallIntegerField(
        _("påmindelse timer før"), default=24, help_text=_("0: ingen påmindelse.")
    )
    is_active = models.BooleanField(_("kan bookes"), default=True)

    class Meta:
        verbose_name = _("mødekalender")
        verbose_name_plural = _("mødekalendere")
        ordering = ["department__name", "user__first_name", "user__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting_minutes__gte=5), name="staff_calendar_minutes_positive"
            ),
            models.CheckConstraint(
                condition=Q(slot_step_minutes__gte=1), name="staff_calendar_step_positive"
            ),
            models.CheckConstraint(
                condition=Q(horizon_days__gte=1), name="staff_calendar_horizon_positive"
            ),
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.department})"


class StaffCalendarHours(WeeklyIntervalBase):
    """One weekly interval in which the caseworker takes meetings."""

    calendar = models.ForeignKey(
        StaffCalendar, models.CASCADE, related_name="hours", verbose_name=_("mødekalender")
    )

    class Meta(WeeklyIntervalBase.Meta):
        verbose_name = _("mødetid")
        verbose_name_plural = _("mødetider")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="staff_calendar_hours_closes_after_opens"
            ),
            models.UniqueConstraint(
                fields=["calendar", "weekday", "opens"], name="staff_calendar_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class StaffCalendarAbsence(models.Model):
    """A period in which the caseworker takes no meetings (holiday, course)."""

    calendar = models.ForeignKey(
        StaffCalendar, models.CASCADE, related_name="absences", verbose_name=_("mødekalender")
    )
    starts_at = models.DateTimeField(_("fra"))
    ends_at = models.DateTimeField(_("til"))
    reason = models.CharField(_("begrundelse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("fravær")
        verbose_name_plural = _("fravær")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="staff_absence_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.calendar}: {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%Y-%m-%d %H:%M}"


class StaffMeetingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=BookingStatus.BOOKED)

    def overlapping(self, *, start, until):
        return self.filter(start__lt=until, blocked_until__gt=start)


class StaffMeeting(models.Model):
    """A citizen's meeting with a caseworker, booked into the caseworker's
    calendar. No two active meetings in one calendar may overlap: on
    PostgreSQL an exclusion constraint says so (migration 0004), elsewhere
    `staff_meeting_book` checks under a write lock. Messages to the citizen
    are the caller's (a guidance plan sends one message for all its meetings).
    """

    calendar = models.ForeignKey(
        StaffCalendar, models.PROTECT, related_name="meetings", verbose_name=_("mødekalender")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("slut"))
    blocked_until = models.DateTimeField(_("kalenderen optaget til"))
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    topic = models.CharField(_("emne"), max_length=200)
    # Personal data: deleted by `anonymise_old_bookings` after BOOKING_RETENTION_DAYS.
    name = models.CharField(_("borgerens navn"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("sprog"), max_length=8, default="da")
    # Who booked it for what, e.g. "guidance.plan:12".
    reference = models.CharField(_("reference"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(_("oprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    objects = StaffMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møde med sagsbehandler")
        verbose_name_plural = _("møder med sagsbehandlere")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["calendar", "start"], name="staff_meeting_cal_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="staff_meeting_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("end")), name="staff_meeting_blocked_covers_end"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.calendar}: {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status == BookingStatus.BOOKED
