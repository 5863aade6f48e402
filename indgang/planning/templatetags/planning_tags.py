"""Template helpers of the planning pages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _rounded(value: float, digits: int) -> str:
    """Rounded half away from zero (number_format alone cuts floats off), Danish grouping."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-int(digits)), ROUND_HALF_UP)
    return number_format(exact, int(digits), force_grouping=True)


PAGES = (
    ("planning:index", _("Bemandingsberegner")),
    ("planning:forecast", _("Prognose")),
    ("planning:plan", _("Bemandingsplan")),
    ("planning:costs", _("Kanalomkostninger")),
    ("planning:scenario", _("Hvad nu hvis")),
)


@register.inclusion_tag("planning/_nav.html")
def planning_nav(current: str) -> dict:
    """The planning pages' navigation with `current` marked."""
    return {"planning_nav": PAGES, "nav": current}


@register.filter
def pct(value, digits: int = 1) -> str:
    """A share 0–1 as a Danish percentage: 0.8123 → "81,2 %"; None → "–"."""
    if value is None or value == "":
        return "–"
    return f"{_rounded(float(value) * 100, digits)} %"


@register.filter
def num(value, digits: int = 0) -> str:
    """A number with Danish grouping and `digits` decimals; None → "–"."""
    if value is None or value == "":
        return "–"
    return _rounded(float(value), digits)
