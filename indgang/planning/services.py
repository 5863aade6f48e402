"""Writes of the planning app: the channel costs managers set, and the
what-if runs — create a SimulationRun and hand it to the task worker, run it
(progress and result saved on the row), delete old runs. The simulation itself
is the pure planning/simulation.py; the Erlang answer for the same input is
shown beside the simulated figures."""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from indgang.audit.services import audit_record
from indgang.catalogue.models import Channel
from indgang.core import clock
from indgang.core.permissions import require_perm

from . import erlang
from .costs import channel_costs
from .models import ChannelCost, RunStatus, SimulationRun
from .simulation import (
    ContactCentreScenario,
    FrontDeskScenario,
    scenario_dict,
    simulate_contact_centre,
    simulate_front_desk,
)

CHANGE_PERM = "planning.change_channelcost"


@transaction.atomic
def channel_costs_update(
    *, by, costs: dict[str, tuple[Decimal, Decimal]], request=None
) -> list[ChannelCost]:
    """Set minutes per contact and kroner per minute of some channels:
    `costs` = {channel: (minutes_per_contact, cost_per_minute)}. A channel
    whose figures change (from what is stored, or from the defaults) is saved
    and gets one audit event "planning.channel_cost_update" with the old and
    new figures. Raises ValidationError on a negative or too long number."""
    require_perm(by, CHANGE_PERM)
    unknown = set(costs) - set(Channel.values)
    if unknown:
        raise ValueError(f"unknown channels: {sorted(unknown)}")
    current = {r["channel"]: r for r in channel_costs()}
    changed = []
    for channel, (minutes, per_minute) in costs.items():
        minutes, per_minute = Decimal(str(minutes)), Decimal(str(per_minute))
        old = current[channel]
        if old["minutes_per_contact"] == minutes and old["cost_per_minute"] == per_minute:
            continue  # unchanged (stored, or still the defaults)
        row = ChannelCost.objects.select_for_update().filter(channel=channel).first()
        row = row or ChannelCost(channel=channel)
        row.minutes_per_contact = minutes
        row.cost_per_minute = per_minute
        row.updated_at = clock.now()
        row.full_clean()
        row.save()
        audit_record(
            actor=by,
            action="planning.channel_cost_update",
            target=row,
            extra={
                "channel": channel,
                "minutes_per_contact": [str(old["minutes_per_contact"]), str(minutes)],
                "cost_per_minute": [str(old["cost_per_minute"]), str(per_minute)],
            },
            request=request,
        )
        changed.append(row)
    return changed


# --- What-if runs ------------------------------------------------------------

logger = logging.getLogger(__name__)

CONTACT_CENTRE = "contact_centre"
FRONT_DESK = "front_desk"
DEFAULT_RETENTION_DAYS = 90


def simulation_run_start(
    *,
    scenario: ContactCentreScenario | FrontDeskScenario,
    replications: int,
    seed: int,
    by=None,
) -> SimulationRun:
    """Save a queued run of `scenario` and enqueue it once the row is committed."""
    from .tasks import simulation_run_task

    kind = CONTACT_CENTRE if isinstance(scenario, ContactCentreScenario) else FRONT_DESK
    with transaction.atomic():
        run = SimulationRun.objects.create(
            kind=kind,
            scenario={"input": scenario_dict(scenario), "replications": replications, "seed": seed},
            created_by=by,
            created_at=clock.now(),
        )
        run_id = str(run.pk)
        transaction.on_commit(lambda: simulation_run_task.enqueue(run_id))
    return run


def contact_centre_erlang(scenario: ContactCentreScenario) -> dict | None:
    """erlang.staffing for the scenario's agents (Erlang A with a patience,
    else Erlang C); None when the rate varies over the day."""
    if isinstance(scenario.calls_per_hour, list):
        return None
    return erlang.staffing(
        calls_per_hour=scenario.calls_per_hour,
        aht_seconds=scenario.aht_seconds,
        answer_within_seconds=scenario.answer_within_seconds,
        agents=min(scenario.agents, erlang.MAX_AGENTS),
        patience_seconds=scenario.patience_seconds,
    )


def front_desk_erlang(scenario: FrontDeskScenario) -> dict:
    """What the staffing plan would say: desks for the booked minutes of an hour
    (ceil(booked minutes / 60)) plus walk-in desks by Erlang C, and the Erlang C
    figures for the walk-ins on the desks left after the bookings."""
    booked_desks = math.ceil(scenario.bookings_per_hour * scenario.booking_minutes / 60 - 1e-9)
    walk_in = None
    if scenario.walk_ins_per_hour > 0:
        left = scenario.desks - booked_desks
        walk_in = erlang.staffing(
            calls_per_hour=scenario.walk_ins_per_hour,
            aht_seconds=scenario.walk_in_minutes * 60,
            answer_within_seconds=scenario.wait_target_minutes * 60,
            agents=left if left >= 1 else None,
        )
        if left < 1:
            walk_in["stable"] = False
    required = walk_in["required_agents"] if walk_in else 0
    return {
        "booked_desks": booked_desks,
        "walk_in_desks": required,
        "desks": booked_desks + required if required is not None else None,
        "walk_in": walk_in,
    }


def _scenario_of(run: SimulationRun) -> ContactCentreScenario | FrontDeskScenario:
    data = run.scenario["input"]
    return (
        ContactCentreScenario(**data) if run.kind == CONTACT_CENTRE else FrontDeskScenario(**data)
    )


def simulation_run_execute(*, run_id) -> None:
    """Run a queued run, saving its progress (0–100) as the days are simulated,
    then its result (or the error). Runs that are gone or not queued are left."""
    updated = SimulationRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, progress=0
    )
    if not updated:
        return
    run = SimulationRun.objects.get(pk=run_id)
    shown = {"progress": 0}

    def progress(done: int, total: int) -> None:
        percent = min(99, done * 100 // total)  # 100 once the result is saved
        if percent != shown["progress"]:
            shown["progress"] = percent
            SimulationRun.objects.filter(pk=run_id).update(progress=percent)

    try:
        scenario = _scenario_of(run)
        options = {"replications": run.scenario["replications"], "seed": run.scenario["seed"]}
        if run.kind == CONTACT_CENTRE:
            result = simulate_contact_centre(scenario, progress=progress, **options)
            result["erlang"] = contact_centre_erlang(scenario)
        else:
            result = simulate_front_desk(scenario, progress=progress, **options)
            result["erlang"] = front_desk_erlang(scenario)
    except Exception as exc:  # the page shows that it failed; the log has the trace
        logger.exception("Simulation run %s failed", run_id)
        SimulationRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:1000],
            finished_at=clock.now(),
        )
        return
    SimulationRun.objects.filter(pk=run_id).update(
        status=RunStatus.DONE, progress=100, result=result, finished_at=clock.now()
    )


def simulation_runs_delete_old(
    *, at: datetime | None = None, older_than_days: int | None = None
) -> int:
    """Delete runs created more than PLANNING_SIMULATION_RETENTION_DAYS (90) ago.
    Returns the number deleted."""
    at = at or clock.now()
    days = (
        getattr(settings, "PLANNING_SIMULATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if older_than_days is None
        else older_than_days
    )
    deleted, _ = SimulationRun.objects.filter(created_at__lt=at - timedelta(days=days)).delete()
    return deleted
