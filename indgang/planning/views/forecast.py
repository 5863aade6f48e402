"""The forecast page: a week's expected calls, chats or desk contacts per day
and per half hour, and how well last year's forecasts hit (MAPE by week)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pygal
from django import forms
from django.shortcuts import render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indgang.catalogue.hours import holiday_name
from indgang.catalogue.models import Location
from indgang.core import clock
from indgang.core.permissions import role_required
from indgang.reports.charts import chart_new, chart_svg, count_axis, format_percent

from .. import forecast as fc
from .hub import MANAGER_ROLES, error_links

KIND_CHOICES = [
    ("phone", gettext_lazy("Telefon")),
    ("chat", gettext_lazy("Chat")),
    ("desk", gettext_lazy("Skranke")),
    ("walk_in", gettext_lazy("Skranke uden tid")),
]
DAY_CHOICES = [
    ("", gettext_lazy("Hele ugen")),
    ("0", gettext_lazy("Mandag")),
    ("1", gettext_lazy("Tirsdag")),
    ("2", gettext_lazy("Onsdag")),
    ("3", gettext_lazy("Torsdag")),
    ("4", gettext_lazy("Fredag")),
    ("5", gettext_lazy("Lørdag")),
    ("6", gettext_lazy("Søndag")),
]
WEEKS_AHEAD_MAX = 52
ACCURACY_WEEKS = 52
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_DANISH_DATE = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$")


def _parse_week(value: str) -> date:
    """The Monday of an ISO week ("2026-W05") or of the week holding a date
    ("2026-02-03" or "3.2.2026"). Raises ValidationError."""
    value = value.strip()
    week = _ISO_WEEK.match(value)
    try:
        if week:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        danish = _DANISH_DATE.match(value)
        if danish:
            day = date(int(danish.group(3)), int(danish.group(2)), int(danish.group(1)))
        else:
            day = date.fromisoformat(value)
    except ValueError:
        raise forms.ValidationError(
            _("Ugen eller datoen findes ikke. Skriv fx 2026-W05 eller 2.2.2026.")
        ) from None
    return fc.monday_of(day)


class ForecastForm(forms.Form):
    """What to forecast (GET): the kind, the week, one day or all, a location."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Henvendelser"),
        help_text=gettext_lazy("Telefon er hovednummeret; uden tid er dem uden booking."),
        choices=KIND_CHOICES,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Vælg telefon, chat eller skranke.")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    week = forms.CharField(
        label=gettext_lazy("Uge"),
        help_text=gettext_lazy("Ugenummer som 2026-W05 eller en dato i ugen. Tom: næste uge."),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-input input-width-s", "autocomplete": "off"}),
    )
    day = forms.ChoiceField(
        label=gettext_lazy("Døgnprofil for"),
        choices=DAY_CHOICES,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Vælg hele ugen eller en ugedag.")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    location = forms.ModelChoiceField(
        label=gettext_lazy("Lokation"),
        help_text=gettext_lazy("Gælder kun skranken."),
        queryset=Location.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=gettext_lazy("Alle lokationer"),
        error_messages={"invalid_choice": gettext_lazy("Vælg en af lokationerne.")},
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or "phone"

    def clean_week(self) -> date:
        value = self.cleaned_data["week"]
        if not value:
            return fc.monday_of(self.today) + timedelta(days=7)
        monday = _parse_week(value)
        if monday.year < 2000:
            raise forms.ValidationError(_("Vælg en uge i år 2000 eller senere."))
        if monday > fc.monday_of(self.today) + timedelta(days=7 * WEEKS_AHEAD_MAX):
            raise forms.ValidationError(_("Vælg en uge højst et år frem."))
        return monday

    def clean_day(self) -> int | None:
        value = self.cleaned_data["day"]
        return int(value) if value else None


def _decimal(value) -> str:
    return "–" if value is None else number_format(value, 1, force_grouping=True)


def _round(value, digits: int):
    return None if value is None else round(value, digits)


def _slot_label(slot: int) -> str:
    start = slot * 30
    end = start + 30
    return f"{start // 60:02d}:{start % 60:02d}–{end // 60 % 24:02d}:{end % 60:02d}"


def _day_rows(days: dict[date, list[float]], actual: dict[date, int]) -> list[dict]:
    return [
        {
            "day": day,
            "forecast": sum(slots),
            "shown": round(sum(slots)),  # `num` cuts decimals off: round first
            "actual": actual.get(day),
            "holiday": holiday_name(day),
        }
        for day, slots in days.items()
    ]


def _day_chart(rows: list[dict]):
    largest = max([r["forecast"] for r in rows] + [r["actual"] or 0 for r in rows])
    if not largest:
        return None
    chart = chart_new(pygal.Bar, **count_axis(largest))
    chart.x_labels = [date_format(r["day"], "D j/n") for r in rows]
    chart.add(_("Prognose"), [round(r["forecast"], 1) for r in rows])
    if any(r["actual"] is not None for r in rows):
        chart.add(_("Faktisk"), [r["actual"] for r in rows])
    return chart_svg(chart, _("Søjlediagram: forventede henvendelser pr. dag i ugen"))


def _profile(days: dict[date, list[float]], day: int | None) -> dict:
    """The half-hour table and chart of one weekday or of every day with a forecast."""
    shown = [d for d in days if (day is None or d.weekday() == day) and any(days[d])]
    if not shown:
        return {"days": [], "rows": [], "chart": None}
    used = [s for s in range(fc.SLOTS) if any(days[d][s] for d in shown)]
    slots = list(range(used[0], used[-1] + 1))
    rows = [
        {"label": _slot_label(s), "values": [round(days[d][s], 1) for d in shown]} for s in slots
    ]
    chart = chart_new(
        pygal.Line,
        value_formatter=_decimal,
        x_labels_major_every=2,
        show_minor_x_labels=False,
        x_label_rotation=0,
        show_dots=False,
        show_legend=len(shown) > 1,
        **count_axis(max(max(days[d]) for d in shown)),
    )
    chart.x_labels = [_slot_label(s)[:5] for s in slots]
    for d in shown:
        chart.add(date_format(d, "l j/n"), [round(days[d][s], 2) for s in slots])
    return {
        "days": shown,
        "rows": rows,
        "chart": chart_svg(chart, _("Kurve: forventede henvendelser pr. halve time")),
    }


def _accuracy_chart(weeks: list[dict]):
    values = [w["mape"] for w in weeks]
    if all(v is None for v in values):
        return None
    chart = chart_new(
        pygal.Line,
        show_legend=False,
        value_formatter=format_percent,
        x_labels_major_every=8,
        show_minor_x_labels=False,
        **count_axis(max(v for v in values if v is not None)),
    )
    chart.x_labels = [
        _("uge %(week)s/%(year)s") % {"week": int(w["week"][6:]), "year": w["week"][:4]}
        for w in weeks
    ]
    chart.add(_("Fejl (MAPE)"), [None if v is None else round(v, 1) for v in values])
    return chart_svg(chart, _("Kurve: prognosens gennemsnitlige fejl pr. uge det seneste år"))


@role_required(*MANAGER_ROLES)
def forecast_view(request):
    today = clock.today()
    form = ForecastForm(request.GET or None, today=today)
    context = {"form": form, "error_links": []}
    if form.is_bound and not form.is_valid():
        context["error_links"] = error_links(form)
        return render(request, "planning/forecast.html", context, status=400)
    if form.is_bound:
        data = form.cleaned_data
    else:
        data = {"kind": "phone", "week": fc.monday_of(today) + timedelta(days=7), "day": None}
    kind, monday, day = data["kind"], data["week"], data["day"]
    location = data.get("location") if kind in fc.LOCATION_KINDS else None
    location_id = location.pk if location else None
    sunday = monday + timedelta(days=6)
    as_of = min(today, monday)
    days = fc.forecast(kind, monday, sunday, as_of=as_of, location_id=location_id)
    actual = {}
    if monday < today:
        past = fc.history(
            kind, monday, min(sunday, today - timedelta(days=1)), location_id=location_id
        )
        actual = {d: sum(slots) for d, slots in past.items()}
    rows = _day_rows(days, actual)
    accuracy = fc.forecast_accuracy(
        kind, weeks=ACCURACY_WEEKS, as_of=today, location_id=location_id
    )
    measured = [w["mape"] for w in accuracy if w["mape"] is not None]
    context.update(
        {
            "result": True,
            "kind_label": dict(KIND_CHOICES)[kind],
            "location": location,
            "monday": monday,
            "sunday": sunday,
            "week_label": fc.iso_week_label(monday),
            "data_until": as_of - timedelta(days=1),
            "day_rows": rows,
            "week_total": round(sum(r["forecast"] for r in rows)),
            "actual_total": sum(actual.values()),
            "has_actual": bool(actual),
            "day_chart": _day_chart(rows),
            "profile": _profile(days, day),
            "profile_day": dict(DAY_CHOICES)[str(day) if day is not None else ""],
            "accuracy": accuracy,
            "accuracy_rows": [
                {**w, "forecast": round(w["forecast"]), "mape": _round(w["mape"], 1)}
                for w in reversed(accuracy)
            ],
            "accuracy_chart": _accuracy_chart(accuracy),
            "mean_mape": round(sum(measured) / len(measured), 1) if measured else None,
            "measured_weeks": len(measured),
        }
    )
    return render(request, "planning/forecast.html", context)
