"""The survey page for citizens, its results and the front-desk measures for
managers. Thin: check, call one service or selector, render."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from indgang.catalogue.models import Location
from indgang.core import clock
from indgang.core.permissions import Role, role_required

from .measures import frontdesk_measures
from .models import SurveyInvitation
from .survey import (
    QUESTIONS,
    SurveyAlreadyAnswered,
    survey_answer,
    survey_invitation_open,
    survey_results,
)

MANAGER_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)
DEFAULT_DAYS = 30
MAX_DAYS = 366


class SurveyForm(forms.Form):
    """The questions as radio groups; only the first must be answered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, (name, question, choices) in enumerate(QUESTIONS):
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=choices.choices,
                required=index == 0,
                widget=forms.RadioSelect,
                error_messages={"required": _("Vælg, hvordan du bestilte tid.")},
            )


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("Fra dato"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Til dato"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d"),
    )
    location = forms.ModelChoiceField(
        label=gettext_lazy("Sted"),
        queryset=Location.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Alle steder"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("Til-datoen skal ligge efter fra-datoen."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error(
                    "date_to", _("Vælg en periode på højst %(days)s dage.") % {"days": MAX_DAYS}
                )
        return data


def _period(request) -> tuple[PeriodForm, dict | None]:
    """The period form bound to ?date_from=…&date_to=…&location=…, defaulting to
    the last 30 days; (form, cleaned data or None when invalid)."""
    today = clock.today()
    params = {
        "date_from": (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat(),
        "date_to": today.isoformat(),
    }
    params.update(
        {key: value for key, value in request.GET.items() if key in PeriodForm.base_fields}
    )
    form = PeriodForm(params)
    return form, (form.cleaned_data if form.is_valid() else None)


def _error_links(form) -> list[tuple[str, str]]:
    links = []
    for name, errors in form.errors.items():
        anchor = (
            f"#id_{name}_0"
            if isinstance(form.fields.get(name).widget, forms.RadioSelect)
            else f"#id_{name}"
        )
        links.extend((error, anchor) for error in errors)
    return links


@never_cache
def survey_answer_view(request, token: str):
    """The survey of one invitation. Unknown token: 404; answered: a thank-you."""
    invitation = survey_invitation_open(token=token)
    if invitation is None:
        return render(request, "frontdesk/survey/unknown.html", status=404)
    if invitation.answered_at is not None:
        return render(request, "frontdesk/survey/answered.html")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(token=token, answers=form.cleaned_data)
        except SurveyAlreadyAnswered:
            return render(request, "frontdesk/survey/answered.html")
        except SurveyInvitation.DoesNotExist:  # expired since the page was shown
            return render(request, "frontdesk/survey/unknown.html", status=404)
        return redirect("survey:thanks")
    context = {
        "form": form,
        "location": invitation.location,
        "error_links": _error_links(form) if form.is_bound else [],
    }
    return render(request, "frontdesk/survey/answer.html", context)


def survey_thanks_view(request):
    return render(request, "frontdesk/survey/thanks.html")


def _percent(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


@never_cache
@role_required(*MANAGER_ROLES)
def survey_results_view(request):
    form, period = _period(request)
    results = survey_results(**period) if period else None
    if results:
        for question in results["questions"]:
            for row in question["rows"]:
                row["percent"] = _percent(row["share"])
    return render(request, "frontdesk/survey/results.html", {"form": form, "results": results})


# Chart geometry (SVG user units): one bar row per day.
CHART_WIDTH = 300
CHART_ROW = 22


@never_cache
@role_required(*MANAGER_ROLES)
def measures_view(request):
    form, period = _period(request)
    measures = frontdesk_measures(**period) if period else None
    chart = None
    if measures:
        for row in measures["on_time"]["buckets"]:
            row["percent"] = _percent(row["share"])
        for row in measures["points"]["rows"]:
            row["percent"] = _percent(row["share"])
        measures["on_time_percent"] = _percent(measures["on_time"]["on_time_share"])
        measures["no_show_percent"] = _percent(measures["no_show"]["rate"])
        bars = []
        for index, day in enumerate(measures["per_day"]):
            percent = _percent(day["on_time_share"])
            bars.append(
                {
                    "day": day["day"],
                    "total": day["total"],
                    "percent": percent,
                    "y": index * CHART_ROW,
                    "text_y": index * CHART_ROW + 15,
                    "width": round((percent or 0) * CHART_WIDTH / 100),
                }
            )
        chart = {"bars": bars, "height": len(bars) * CHART_ROW, "width": CHART_WIDTH}
    context = {"form": form, "measures": measures, "chart": chart}
    return render(request, "frontdesk/measures.html", context)
