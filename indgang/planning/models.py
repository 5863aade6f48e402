"""Planning: what each channel costs, and the what-if simulations managers run."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Channel

# Minutes of staff time per contact and kroner per minute (salary with overhead,
# about 480 kr. an hour) until a manager sets the municipality's own figures.
# Self-service counts the case work of one digital application.
DEFAULT_CHANNEL_COSTS: dict[str, tuple[Decimal, Decimal]] = {
    Channel.PERSONAL: (Decimal("12"), Decimal("8.00")),
    Channel.PHONE: (Decimal("6"), Decimal("8.00")),
    Channel.SELF_SERVICE: (Decimal("1"), Decimal("8.00")),
    Channel.CHAT: (Decimal("8"), Decimal("8.00")),
    Channel.EMAIL: (Decimal("10"), Decimal("8.00")),
    Channel.DIGITAL_POST: (Decimal("10"), Decimal("8.00")),
    Channel.LETTER: (Decimal("15"), Decimal("8.00")),
    Channel.VIDEO: (Decimal("15"), Decimal("8.00")),
}


class ChannelCost(models.Model):
    """What one contact in a channel costs: minutes × kroner per minute."""

    channel = models.CharField(_("kanal"), max_length=20, choices=Channel.choices, unique=True)
    minutes_per_contact = models.DecimalField(
        _("minutter pr. henvendelse"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    cost_per_minute = models.DecimalField(
        _("kr. pr. minut"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    updated_at = models.DateTimeField(_("opdateret"), null=True, blank=True)

    class Meta:
        verbose_name = _("kanalomkostning")
        verbose_name_plural = _("kanalomkostninger")
        ordering = ["channel"]

    def __str__(self) -> str:
        return self.get_channel_display()

    @property
    def cost_per_contact(self) -> Decimal:
        return self.minutes_per_contact * self.cost_per_minute


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class SimulationRun(models.Model):
    """One what-if scenario and, once the worker has run it, its result.

    `scenario` and `result` are plain JSON (see planning/simulation.py); no
    personal data. Deleted after PLANNING_SIMULATION_RETENTION_DAYS by
    `delete_old_simulations`."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=[("contact_centre", _("Kontaktcenter")), ("front_desk", _("Skranke"))],
    )
    scenario = models.JSONField(_("scenarie"))
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    result = models.JSONField(_("resultat"), null=True, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), db_index=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("simulering")
        verbose_name_plural = _("simuleringer")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
