"""The what-if simulation (planning/simulation.py): statistics, the model's
bookkeeping on cases with hand-computed answers, and its agreement with the
exact Erlang A on exponential cases."""

from __future__ import annotations

import math
import random

import pytest

from indgang.planning.erlang import staffing
from indgang.planning.simulation import (
    CONTACT_CENTRE_FIGURES,
    ContactCentreScenario,
    FrontDeskScenario,
    ScenarioError,
    contact_centre_day,
    front_desk_day,
    simulate_contact_centre,
    simulate_front_desk,
    summary,
    t_quantile_975,
)

# --------------------------------------------------------------------------- statistics


def test_t_quantiles_exact_to_30_then_never_too_small():
    assert t_quantile_975(1) == 12.706
    assert t_quantile_975(19) == 2.093
    assert t_quantile_975(30) == 2.042
    # Between tables: the smaller tabulated df's (larger) value, so the interval errs wide.
    assert t_quantile_975(35) == 2.042  # true value 2.030
    assert t_quantile_975(59) == 2.021  # true value 2.001
    assert t_quantile_975(10_000) == 1.980  # true value 1.960


def test_summary_is_mean_with_t_interval():
    # 1, 2, 3: mean 2, s = 1, half-width 4.303 / √3.
    figure = summary([1.0, 2.0, None, 3.0])
    half = 4.303 / math.sqrt(3)
    assert figure["mean"] == pytest.approx(2.0)
    assert figure["low"] == pytest.approx(2.0 - half)
    assert figure["high"] == pytest.approx(2.0 + half)


def test_summary_of_too_few_values_has_no_interval():
    assert summary([]) == {"mean": None, "low": None, "high": None}
    assert summary([None, 0.5]) == {"mean": 0.5, "low": None, "high": None}
    assert summary([0.5, 0.5]) == {"mean": 0.5, "low": 0.5, "high": 0.5}


# --------------------------------------------------------------------------- contact centre


def _scenario(**kwargs) -> ContactCentreScenario:
    values = {"agents": 12, "calls_per_hour": 200, "aht_seconds": 150, "hours": 2}
    return ContactCentreScenario(**(values | kwargs))


def test_same_seed_same_result_other_seed_other_result():
    scenario = _scenario(patience_seconds=120)
    first = simulate_contact_centre(scenario, replications=3, seed=5)
    assert first == simulate_contact_centre(scenario, replications=3, seed=5)
    assert first != simulate_contact_centre(scenario, replications=3, seed=6)
    assert set(first["figures"]) == set(CONTACT_CENTRE_FIGURES)
    assert first["replications"] == 3 and first["seed"] == 5


def test_progress_is_reported_after_each_day():
    calls = []
    simulate_contact_centre(
        _scenario(hours=0.5), replications=4, progress=lambda *a: calls.append(a)
    )
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_with_an_agent_for_everyone_nobody_waits():
    # 60 calls an hour of 60 s (1 erlang) on 100 agents: every call is answered at once.
    scenario = _scenario(agents=100, calls_per_hour=60, aht_seconds=60, patience_seconds=30)
    figures = simulate_contact_centre(scenario, replications=5)["figures"]
    assert figures["service_level"]["mean"] == 1.0
    assert figures["p_wait"]["mean"] == 0.0
    assert figures["asa_seconds"]["mean"] == 0.0
    assert figures["p_abandon"]["mean"] == 0.0
    # Occupancy ≈ 1 erlang / 100 agents.
    assert figures["occupancy"]["mean"] == pytest.approx(0.01, abs=0.003)


def test_calls_follow_the_half_hour_rates():
    # 100 calls an hour from 09:00 to 10:00, none otherwise: 100 calls a day on average.
    rates = [0.0] * 48
    rates[18] = rates[19] = 100.0
    scenario = _scenario(calls_per_hour=rates, agents=20)
    day = contact_centre_day(scenario, random.Random(1))
    assert 50 < day["calls"] < 150
    figures = simulate_contact_centre(scenario, replications=30)["figures"]
    assert figures["calls"]["low"] <= 100 <= figures["calls"]["high"]


def test_every_caller_who_hangs_up_is_called_back():
    scenario = _scenario(agents=6, patience_seconds=30, callback_share=1.0)
    day = contact_centre_day(scenario, random.Random(3))
    assert day["p_abandon"] > 0.1
    assert day["callbacks"] == round(day["p_abandon"] * day["calls"])
    assert day["callback_wait_minutes"] > 0


def test_transferred_calls_that_come_back_queue_again_once():
    # Every answered call is transferred and comes straight back, once: with
    # 1-second calls and free agents each first-time call makes one returned
    # call (but for a call in the last second before closing, none today).
    scenario = _scenario(
        agents=30,
        calls_per_hour=100,
        aht_seconds=1,
        handling_cv=0,
        transfer_share=1.0,
        transfer_return_share=1.0,
        transfer_return_seconds=0,
    )
    day = contact_centre_day(scenario, random.Random(2))
    first_time = day["calls"] - day["returned"]
    assert first_time > 150
    assert day["returned"] == first_time


def test_bad_scenarios_are_refused_with_the_field_named():
    with pytest.raises(ScenarioError) as error:
        ContactCentreScenario(agents=0, calls_per_hour=-1, aht_seconds=0, transfer_share=2)
    assert {"agents", "calls_per_hour", "aht_seconds", "transfer_share"} <= set(error.value.errors)
    with pytest.raises(ScenarioError):
        ContactCentreScenario(agents=1, calls_per_hour=[1.0] * 47, aht_seconds=60)


# The agreement with Erlang A. Exponential handling and patience, no transfers
# or callbacks: the M/M/c+M queue that erlang.staffing solves exactly. Each set
# simulates 40 days of 8 hours with the first 30 minutes discarded (the day
# starts empty; Erlang A is the steady state). The seed is fixed so the test
# is deterministic; over seeds 1–20 the Erlang value fell outside 15 of the
# 180 intervals, and 600 days put it inside intervals of ±0.001: no bias.
AGREEMENT = [
    pytest.param(7, 200, 120, id="fewer-agents-than-traffic"),  # A = 8.33 erlangs
    pytest.param(11, 200, 120, id="more-agents-than-traffic"),
    pytest.param(4, 100, 60, id="small-impatient"),  # A = 4.17
]


@pytest.mark.parametrize(("agents", "calls_per_hour", "patience"), AGREEMENT)
def test_simulation_agrees_with_erlang_a_within_its_95_percent_interval(
    agents, calls_per_hour, patience
):
    scenario = ContactCentreScenario(
        agents=agents,
        calls_per_hour=calls_per_hour,
        aht_seconds=150,
        answer_within_seconds=20,
        patience_seconds=patience,
        handling="exponential",
        hours=8,
        warm_up_minutes=30,
    )
    figures = simulate_contact_centre(scenario, replications=40, seed=1)["figures"]
    exact = staffing(
        calls_per_hour=calls_per_hour,
        aht_seconds=150,
        answer_within_seconds=20,
        agents=agents,
        patience_seconds=patience,
    )
    for name in ("service_level", "p_abandon", "abandoned_after_t"):
        figure = figures[name]
        assert figure["low"] <= exact[name] <= figure["high"], (name, exact[name], figure)
        # and the interval is narrow enough to mean something
        assert figure["high"] - figure["low"] < 0.05, (name, figure)


# --------------------------------------------------------------------------- front desk


def test_back_to_back_bookings_fill_one_desk_without_waits():
    # 4 bookings an hour of exactly 15 minutes on one desk for 7 hours: the
    # desk is busy all day, nobody waits, the last one ends at closing.
    scenario = FrontDeskScenario(
        desks=1, hours=7, bookings_per_hour=4, booking_minutes=15, handling_cv=0
    )
    figures = simulate_front_desk(scenario, replications=3)["figures"]
    assert figures["booked"]["mean"] == 28
    assert figures["booked_wait_minutes"]["mean"] == 0
    assert figures["booked_within_target"]["mean"] == 1.0
    assert figures["occupancy"]["mean"] == pytest.approx(1.0)
    assert figures["overtime_minutes"]["mean"] == pytest.approx(0.0, abs=1e-9)
    assert figures["walk_ins"]["mean"] == 0
    assert figures["walk_in_wait_minutes"]["mean"] is None


def test_no_shows_leave_their_minutes_free():
    scenario = FrontDeskScenario(
        desks=2, hours=4, bookings_per_hour=6, no_show_share=1.0, walk_ins_per_hour=3
    )
    day = front_desk_day(scenario, random.Random(4))
    assert day["no_shows"] == 24
    assert day["booked"] == 0
    assert day["booked_wait_minutes"] is None
    assert day["walk_ins"] > 0


def test_walk_ins_wait_longer_when_desks_are_taken_by_bookings():
    walk_ins_only = FrontDeskScenario(desks=2, walk_ins_per_hour=8, walk_in_minutes=10)
    with_bookings = FrontDeskScenario(
        desks=2, walk_ins_per_hour=8, walk_in_minutes=10, bookings_per_hour=4, booking_minutes=15
    )
    alone = simulate_front_desk(walk_ins_only, replications=20)["figures"]
    shared = simulate_front_desk(with_bookings, replications=20)["figures"]
    assert shared["walk_in_wait_minutes"]["low"] > alone["walk_in_wait_minutes"]["high"]
    assert shared["booked_wait_minutes"]["mean"] < shared["walk_in_wait_minutes"]["mean"]


def test_front_desk_needs_someone_to_serve():
    with pytest.raises(ScenarioError):
        FrontDeskScenario(desks=2)
