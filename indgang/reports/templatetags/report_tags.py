"""Numbers in the citizen-service report, written the Danish way
(`12.345`, `80,5 %`) in Danish and the English way in English; a dash for
figures that cannot be computed (null in the report)."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()

DASH = "–"


@register.filter
def num(value, decimals: int = 0) -> str:
    """A count with thousands separators; None: a dash."""
    if value is None or value == "":
        return DASH
    return number_format(value, int(decimals), force_grouping=True)


@register.filter
def pct(value) -> str:
    """A percentage with one decimal and the sign; None: a dash."""
    if value is None or value == "":
        return DASH
    return f"{number_format(value, 1, force_grouping=True)}\N{NO-BREAK SPACE}%"
