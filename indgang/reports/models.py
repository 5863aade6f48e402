"""The municipality's KPI targets for the citizen-service report."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

_PCT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _pct(label, default):
    return models.DecimalField(
        label, max_digits=4, decimal_places=1, default=Decimal(default), validators=_PCT
    )


class KpiTargets(models.Model):
    """One row (pk 1): the targets managers set. Defaults from the source
    documents: 80 % within 20 s, at most 8 % abandoned after 20 s, 40 %
    first-contact resolution, 80 % digital for mandatory self-service and 50 %
    of all contacts digital."""

    service_level_pct = _pct(_("servicemål: besvaret inden for 20 sek. (mindst %)"), "80")
    abandoned_after_20s_pct = _pct(_("lagt på efter 20 sek. (højst %)"), "8")
    first_contact_resolution_pct = _pct(_("straksafklaring (mindst %)"), "40")
    digitisation_pct = _pct(_("digitaliseringsgrad, obligatorisk selvbetjening (mindst %)"), "80")
    digital_share_pct = _pct(_("digital andel af alle henvendelser (mindst %)"), "50")
    updated_at = models.DateTimeField(_("opdateret"), null=True, blank=True)

    class Meta:
        verbose_name = _("KPI-mål")
        verbose_name_plural = _("KPI-mål")

    def __str__(self) -> str:
        return str(_("KPI-mål"))
