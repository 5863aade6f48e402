"""HTML input of the report pages, with Danish messages. Never saves."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import KpiTargets
from .selectors import KPI_KEYS, YEAR_MAX, YEAR_MIN

QUARTER_CHOICES = [
    ("", _("Hele året")),
    ("1", _("1. kvartal (januar–marts)")),
    ("2", _("2. kvartal (april–juni)")),
    ("3", _("3. kvartal (juli–september)")),
    ("4", _("4. kvartal (oktober–december)")),
]


class ReportPeriodForm(forms.Form):
    """The year and, optionally, the quarter of the report (GET)."""

    year = forms.IntegerField(
        label=_("År"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": _("Skriv året, fx 2019."),
            "invalid": _("Skriv året med fire cifre, fx 2019."),
            "min_value": _("Året skal være %(limit_value)s eller senere."),
            "max_value": _("Året skal være %(limit_value)s eller tidligere."),
        },
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-xs",
                "inputmode": "numeric",
                "autocomplete": "off",
                "maxlength": "4",
            }
        ),
    )
    quarter = forms.TypedChoiceField(
        label=_("Periode"),
        choices=QUARTER_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Vælg hele året eller et kvartal (1–4).")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _target_field(key: str) -> forms.DecimalField:
    model_field = KpiTargets._meta.get_field(key)
    return forms.DecimalField(
        label=model_field.verbose_name[:1].upper() + model_field.verbose_name[1:],
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
        localize=True,
        error_messages={
            "required": _("Skriv et mål mellem 0 og 100."),
            "invalid": _("Skriv målet som et tal mellem 0 og 100, fx 80 eller 42,5."),
            "min_value": _("Målet kan ikke være under 0 %%."),
            "max_value": _("Målet kan ikke være over 100 %%."),
            "max_digits": _("Skriv målet som et tal mellem 0 og 100, fx 80 eller 42,5."),
            "max_decimal_places": _("Skriv højst én decimal, fx 42,5."),
            "max_whole_digits": _("Målet kan ikke være over 100 %%."),
        },
        widget=forms.TextInput(
            attrs={
                "class": "form-input input-width-xs",
                "inputmode": "decimal",
                "autocomplete": "off",
            }
        ),
    )


class KpiTargetsForm(forms.Form):
    """The five KPI targets in percent (0–100, one decimal)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in KPI_KEYS:
            self.fields[key] = _target_field(key)
