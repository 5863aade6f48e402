"""360-degree guidance (360-graders borgervejledning): a plan citizen service
opens for a citizen in a complex situation, with actions owned by departments
or caseworkers, and meetings booked into caseworkers' own calendars.

Personal data: the citizen's name, phone, e-mail and (only if the citizen
gives it) CPR number. The CPR number is read only through
`selectors.citizen_cpr_get`, which audit-logs every read. All of it is
deleted by `anonymise_old_plans` GUIDANCE_PLAN_RETENTION_DAYS after the plan
closes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from indgang.booking.models import StaffMeeting
from indgang.catalogue.models import Department
from indgang.contacts.models import Contact
from indgang.guides.models import Guide


class PlanStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    CLOSED = "closed", _("Lukket")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Færdig")


class GuidancePlan(models.Model):
    title = models.CharField(
        _("situation"), max_length=200, help_text=_("Fx »Mistet job og skal flytte«.")
    )
    guide = models.ForeignKey(
        Guide,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("livssituation"),
    )
    # Personal data (see the module docstring).
    citizen_name = models.CharField(_("borgerens navn"), max_length=200)
    phone = models.CharField(_("mobilnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    cpr = models.CharField(_("CPR-nummer"), max_length=10, blank=True)
    language = models.CharField(_("sprog"), max_length=8, default="da")
    notes = models.TextField(_("noter"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig i borgerservice"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    opened_at = models.DateTimeField(_("oprettet"))
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    class Meta:
        verbose_name = _("vejledningsplan")
        verbose_name_plural = _("vejledningsplaner")
        ordering = ["-opened_at"]
        permissions = [("view_plan_cpr", _("Kan se CPR-nummeret i en vejledningsplan"))]
        indexes = [models.Index(fields=["status", "opened_at"], name="guidance_plan_status_idx")]

    def __str__(self) -> str:
        return f"{self.pk}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status == PlanStatus.OPEN


class PlanAction(models.Model):
    plan = models.ForeignKey(
        GuidancePlan, models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    title = models.CharField(_("handling"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    department = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig afdeling"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig sagsbehandler"),
    )
    deadline = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(_("oprettet"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    done_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["assignee", "status"], name="guidance_action_assignee_idx"),
            models.Index(fields=["department", "status"], name="guidance_action_dept_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanMeeting(models.Model):
    """A meeting booked for the plan in a caseworker's calendar."""

    plan = models.ForeignKey(
        GuidancePlan, models.CASCADE, related_name="meetings", verbose_name=_("plan")
    )
    meeting = models.OneToOneField(
        StaffMeeting, models.PROTECT, related_name="plan_meeting", verbose_name=_("møde")
    )
    action = models.ForeignKey(
        PlanAction,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("handling"),
    )
    # The contact recorded in the registry for this meeting (when the plan closes).
    contact = models.ForeignKey(
        Contact,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("henvendelse"),
    )
    # When the citizen was last sent the overview that lists this meeting.
    notified_at = models.DateTimeField(_("sendt til borgeren"), null=True, blank=True)

    class Meta:
        verbose_name = _("møde i plan")
        verbose_name_plural = _("møder i plan")
        ordering = ["meeting__start"]

    def __str__(self) -> str:
        return str(self.meeting)
