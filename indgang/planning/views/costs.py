"""Channel costs: the yearly cost by channel and subject area with the
business case (GET), and the rates managers edit (POST)."""

from __future__ import annotations

from decimal import Decimal

import pygal
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from indgang.core.permissions import role_required
from indgang.reports.charts import chart_new, chart_svg, count_axis, format_count

from ..cost_forms import BusinessCaseForm, ChannelRatesForm, cost_key, minutes_key
from ..costs import business_case, channel_costs, yearly_costs
from ..services import CHANGE_PERM, channel_costs_update
from .hub import MANAGER_ROLES


def _error_links(form) -> list[tuple[str, str]]:
    """Error summary links whose text names the field (the rates form has 16)."""
    links = []
    for name, errors in form.errors.items():
        for error in errors:
            if name in form.fields:
                links.append((f"{form[name].label}: {error}", f"#{form[name].auto_id}"))
            else:
                links.append((error, "#"))
    return links


def _plain(value: Decimal) -> Decimal:
    """12.00 → 12, 7.50 → 7.50: whole minutes without decimals in the form."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _share_sentence(share: float | None, gap: float | None, *, after: bool) -> str:
    """ "Med flytningen når andelen 47,3 % — 2,7 procentpoint under målet." and the like."""
    if share is None:
        return _("Der er ingen henvendelser i perioden, så andelen kan ikke beregnes.")
    values = {
        "share": number_format(share, 1, force_grouping=True),
        "gap": number_format(abs(gap), 1, force_grouping=True),
    }
    if after:
        if gap < 0:
            text = _("Med flytningen når andelen %(share)s %% — %(gap)s procentpoint under målet.")
        elif gap > 0:
            text = _("Med flytningen når andelen %(share)s %% — %(gap)s procentpoint over målet.")
        else:
            text = _("Med flytningen når andelen %(share)s %% — præcis målet.")
    elif gap < 0:
        text = _("I dag er andelen %(share)s %% — %(gap)s procentpoint under målet.")
    elif gap > 0:
        text = _("I dag er andelen %(share)s %% — %(gap)s procentpoint over målet.")
    else:
        text = _("I dag er andelen %(share)s %% — præcis målet.")
    return text % values


def _kroner_formatter(value) -> str:
    return f"{format_count(round(value))} kr."


def _cost_chart(year: dict):
    rows = [r for r in year["by_channel"] if r["kroner"]]
    if not rows:
        return None
    chart = chart_new(
        pygal.Bar,
        show_legend=False,
        value_formatter=_kroner_formatter,
        x_label_rotation=25,
        **count_axis(max(r["kroner"] for r in rows)),
    )
    chart.x_labels = [r["label"] for r in rows]
    chart.add(_("Kroner pr. år"), [r["kroner"] for r in rows])
    return chart_svg(chart, _("Søjlediagram: omkostning pr. kanal i kroner pr. år"))


@never_cache
@role_required(*MANAGER_ROLES)
def costs_view(request):
    year = yearly_costs()
    bound = "service" in request.GET or "move_pct" in request.GET
    form = BusinessCaseForm(request.GET if bound else None, initial={"move_pct": 20})
    case = None
    if bound and form.is_valid():
        case = business_case(
            service=form.cleaned_data["service"],
            move_pct=form.cleaned_data["move_pct"],
            year=year,
        )
        case["before_sentence"] = _share_sentence(
            case["digital_share_before_pct"], case["gap_before_pp"], after=False
        )
        case["after_sentence"] = _share_sentence(
            case["digital_share_after_pct"], case["gap_after_pp"], after=True
        )
    context = {
        "year": year,
        "chart": _cost_chart(year),
        "form": form,
        "case": case,
        "error_links": _error_links(form) if bound else [],
        "can_change_rates": request.user.has_perm(CHANGE_PERM),
    }
    return render(request, "planning/costs.html", context, status=400 if form.errors else 200)


@never_cache
@role_required(*MANAGER_ROLES)
def rates_view(request):
    if not request.user.has_perm(CHANGE_PERM):
        raise DjangoDenied(_("Din rolle giver ikke adgang til at ændre satserne."))
    rates = channel_costs()
    if request.method == "POST":
        form = ChannelRatesForm(request.POST)
        if form.is_valid():
            try:
                channel_costs_update(by=request.user, costs=form.costs(), request=request)
            except ValidationError as exc:  # the model's own checks
                for error in exc.messages:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Satserne er gemt."))
                return redirect("planning:costs")
        status = 400
    else:
        initial = {}
        for r in rates:
            initial[minutes_key(r["channel"])] = _plain(r["minutes_per_contact"])
            initial[cost_key(r["channel"])] = r["cost_per_minute"]
        form = ChannelRatesForm(initial=initial)
        status = 200
    rows = [
        {**rate, "fields": [minutes, cost]}
        for rate, (_label, minutes, cost) in zip(rates, form.channel_groups(), strict=True)
    ]
    context = {
        "form": form,
        "rows": rows,
        "error_links": _error_links(form) if form.is_bound else [],
    }
    return render(request, "planning/rates.html", context, status=status)
