"""The what-if pages: the scenario form (POST starts a simulation run in the
task worker), the run page with its progress, and the progress fragment that
the run page polls with htmx while the run is queued or running."""

from __future__ import annotations

import secrets

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from indgang.core.permissions import role_required

from ..models import RunStatus, SimulationRun
from ..services import CONTACT_CENTRE, simulation_run_start
from ..whatif_forms import ContactCentreForm, FrontDeskForm
from .hub import MANAGER_ROLES, error_links

RECENT_RUNS = 10

# (figure, label, format, key in the Erlang answer or None)
CONTACT_CENTRE_ROWS = (
    ("service_level", _("Besvaret inden svartiden"), "pct", "service_level"),
    ("p_wait", _("Andel der må vente"), "pct", "p_wait"),
    ("asa_seconds", _("Gennemsnitlig ventetid for besvarede, sek."), "sec", "asa_seconds"),
    ("mean_wait_seconds", _("Gennemsnitlig ventetid for alle, sek."), "sec", None),
    ("p_abandon", _("Lægger på i alt"), "pct", "p_abandon"),
    ("abandoned_after_t", _("Lægger på efter svartiden"), "pct", "abandoned_after_t"),
    ("occupancy", _("Belægning"), "pct", "occupancy"),
    ("calls", _("Opkald pr. dag"), "count", None),
    ("returned", _("Heraf viderestillede der kom tilbage"), "count", None),
    ("callbacks", _("Opringninger til borgere der lagde på"), "count", None),
    ("callback_wait_minutes", _("Minutter til borgeren blev ringet op"), "min", None),
)
FRONT_DESK_ROWS = (
    ("walk_in_within_target", _("Borgere uden tid betjent inden målet"), "pct", "service_level"),
    ("walk_in_wait_minutes", _("Ventetid for borgere uden tid, min."), "min", "asa_minutes"),
    ("booked_within_target", _("Bookede betjent inden målet"), "pct", None),
    ("booked_wait_minutes", _("Ventetid for bookede, min."), "min", None),
    ("within_target", _("Alle betjent inden målet"), "pct", None),
    ("occupancy", _("Belægning af skrankerne"), "pct", None),
    ("booked", _("Bookede borgere pr. dag"), "count", None),
    ("walk_ins", _("Borgere uden tid pr. dag"), "count", None),
    ("no_shows", _("Udeblivelser pr. dag"), "count", None),
    ("overtime_minutes", _("Overtid efter lukketid, min."), "min", None),
)


def _result_rows(run: SimulationRun) -> list[dict]:
    result = run.result or {}
    figures = result.get("figures", {})
    erlang = result.get("erlang") or {}
    if run.kind == CONTACT_CENTRE:
        rows, answer = CONTACT_CENTRE_ROWS, erlang
    else:
        rows, answer = FRONT_DESK_ROWS, dict(erlang.get("walk_in") or {})
        if answer.get("asa_seconds") is not None:
            answer["asa_minutes"] = answer["asa_seconds"] / 60
    return [
        {
            "name": name,
            "label": label,
            "format": fmt,
            **_shown(figures.get(name), top=1.0 if fmt == "pct" else None),
            "erlang": answer.get(key) if key else None,
        }
        for name, label, fmt, key in rows
    ]


def _shown(figure: dict | None, *, top: float | None) -> dict:
    """The interval cut to what the figure can be (no share below 0 % or above 100 %)."""
    if not figure or figure["low"] is None:
        return {"mean": (figure or {}).get("mean"), "low": None, "high": None}
    high = figure["high"] if top is None else min(top, figure["high"])
    return {"mean": figure["mean"], "low": max(0.0, figure["low"]), "high": high}


def _forms(post=None, kind=None) -> tuple[ContactCentreForm, FrontDeskForm]:
    return (
        ContactCentreForm(post if kind == "contact_centre" else None),
        FrontDeskForm(post if kind == "front_desk" else None),
    )


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def scenario_view(request):
    kind = request.POST.get("kind") if request.method == "POST" else None
    contact_centre, front_desk = _forms(request.POST, kind)
    bound = contact_centre if kind == "contact_centre" else front_desk if kind else None
    if bound is not None and bound.is_valid():
        run = simulation_run_start(
            scenario=bound.scenario,
            replications=bound.cleaned_data["replications"],
            seed=secrets.randbelow(2**31),
            by=request.user,
        )
        return redirect("planning:run", pk=run.pk)
    context = {
        "contact_centre": contact_centre,
        "front_desk": front_desk,
        "kind": kind,
        "error_links": error_links(bound) if bound is not None else [],
        "runs": SimulationRun.objects.filter(created_by=request.user)[:RECENT_RUNS],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/scenario.html", context, status=status)


def _run_context(run: SimulationRun) -> dict:
    return {
        "run": run,
        "polling": run.status in (RunStatus.QUEUED, RunStatus.RUNNING),
        "rows": _result_rows(run) if run.status == RunStatus.DONE else [],
        "erlang": (run.result or {}).get("erlang"),
        "input": run.scenario.get("input", {}),
    }


@role_required(*MANAGER_ROLES)
@require_GET
def run_view(request, pk):
    run = get_object_or_404(SimulationRun, pk=pk)
    return render(request, "planning/run.html", _run_context(run))


@role_required(*MANAGER_ROLES)
@require_GET
def run_status_view(request, pk):
    """The progress and, once done, the result: the fragment the run page polls."""
    run = get_object_or_404(SimulationRun, pk=pk)
    return render(request, "planning/run_status.html", _run_context(run))
