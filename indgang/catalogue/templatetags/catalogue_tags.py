"""Opening hours and fees the Danish way: "10.00–15.00", "lukket i dag (Juledag)",
"697 kr."."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indgang.catalogue.hours import DEFAULT_TZ, DayHours, Interval

register = template.Library()


def _html(message: str, **params) -> SafeString:
    """A translated message with %(name)s placeholders, escaped as HTML; values
    that are already safe (our own markup) stay as they are."""
    escaped = {name: conditional_escape(value) for name, value in params.items()}
    return mark_safe(conditional_escape(message) % escaped)  # noqa: S308 - all parts escaped


@register.filter
def clock_time(value: datetime | None) -> str:
    """An instant as local wall-clock time the Danish way: 9.00, 10.30."""
    if value is None:
        return ""
    wall = value.astimezone(DEFAULT_TZ)
    return f"{wall.hour}.{wall.minute:02d}"


@register.filter
def weekday_date(value, with_year: bool = False) -> str:
    """ "mandag 23. november" / "Monday 23 November" (with the year when asked);
    add |capfirst at the start of a sentence."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(DEFAULT_TZ)
    fmt = (
        pgettext("date format with weekday and year", "l j. F Y")
        if with_year
        else pgettext("date format with weekday", "l j. F")
    )
    return date_format(value, fmt)


@register.filter
def span(value: Interval | None) -> str:
    """An interval as local wall-clock times: 10.00–15.00."""
    if value is None:
        return ""
    return f"{clock_time(value.start)}–{clock_time(value.end)}"


def _spans(day: DayHours) -> SafeString:
    """The day's intervals, each kept on one line: 10.00–12.00 og 13.00–15.00."""
    joiner = _("og")
    return format_html_join(
        f" {conditional_escape(joiner)} ",
        '<span class="indgang-nowrap">{}</span>',
        ((span(i),) for i in day.intervals),
    )


def _reason(day: DayHours) -> str:
    return day.holiday or day.closure_reason or ""


@register.filter
def day_hours(value: DayHours) -> str:
    """One day's hours: "10.00–15.00", "8.00–12.00 og 13.00–15.00" or
    "Lukket (Juledag)"."""
    if value.is_open:
        return _spans(value)
    reason = _reason(value)
    return _html(_("Lukket (%(reason)s)"), reason=reason) if reason else _("Lukket")


@register.filter
def today_hours(value: DayHours) -> str:
    """Today's hours in a sentence: "i dag 10.00–15.00", "lukket i dag (Juledag)"."""
    if value.is_open:
        return _html(_("i dag %(hours)s"), hours=_spans(value))
    reason = _reason(value)
    if reason:
        return _html(_("lukket i dag (%(reason)s)"), reason=reason)
    return _("lukket i dag")


@register.filter
def kroner(value: Decimal | None) -> str:
    """A fee: "697 kr.", "1.234,50 kr."."""
    if value is None:
        return ""
    return _("%(amount)s kr.") % {"amount": floatformat(value, "-2g")}


@register.filter
def tel_href(value: str) -> str:
    """A phone number as a tel: link target: "70 10 20 30" → "tel:+4570102030"."""
    digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
    if len(digits) == 8 and not digits.startswith("+"):
        digits = "+45" + digits
    return f"tel:{digits}"


@register.filter
def closed_reason(value: DayHours) -> str:
    """Why a day is closed: the holiday's or the closure's name ("" when none)."""
    return _reason(value)
