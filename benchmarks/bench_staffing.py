"""Staffing: Erlang C/A for 48 half hours × 200 scenarios vs one scenario simulated to ±0.01.

Exact maths (no database): 200 scenarios with rates between 20 and 400 calls
an hour at the peak, an intraday profile (a quarter of the peak at night,
the peak late morning), AHT 120–300 s and patience 60–300 s, seeded. For each
of the 48 × 200 = 9,600 half hours `erlang.staffing(...)` finds the required
agents (80 % within 20 s; Erlang A also at most 8 % abandoned after 20 s),
once without patience (Erlang C) and once with (Erlang A). Best of 3 rounds
(the simulation too).

Simulation: one scenario, the what-if page's default contact centre with 10
agents instead of 12 so the service level sits near the 80 % target, where
it varies most from day to day (200 calls an hour, AHT 150 s lognormal with
CV 1, patience 120 s, 8-hour days), replicated in batches of 10 days until the 95 % interval of the
service level is at most ±0.01 wide. Printed: both times and the ratio
(simulation ÷ all 9,600 Erlang A answers), so the figures compare across
machines.
"""

from __future__ import annotations

import math
import random
import time

from benchmarks._timing import best_of
from indgang.planning.erlang import staffing
from indgang.planning.simulation import (
    ContactCentreScenario,
    _stream,
    contact_centre_day,
    half_width,
    summary,
)

SCENARIOS = 200
SLOTS = 48
TARGET_HALF_WIDTH = 0.01
BATCH = 10
MAX_DAYS = 5_000


def scenarios() -> list[dict]:
    rng = random.Random(8)
    out = []
    for _ in range(SCENARIOS):
        peak = rng.uniform(20, 400)
        # a quarter of the peak at night, the peak around 10:30
        rates = [
            peak * (0.25 + 0.75 * math.exp(-(((slot - 21) / 8) ** 2))) for slot in range(SLOTS)
        ]
        out.append(
            {
                "rates": rates,
                "aht": rng.uniform(120, 300),
                "patience": rng.uniform(60, 300),
            }
        )
    return out


def required_all(cases: list[dict], *, erlang_a: bool) -> int:
    total = 0
    for case in cases:
        for rate in case["rates"]:
            result = staffing(
                calls_per_hour=rate,
                aht_seconds=case["aht"],
                answer_within_seconds=20,
                patience_seconds=case["patience"] if erlang_a else None,
            )
            total += result["required_agents"]
    return total


def simulate_to_precision() -> tuple[float, int, dict]:
    scenario = ContactCentreScenario(
        agents=10, calls_per_hour=200, aht_seconds=150, patience_seconds=120, hours=8
    )
    start = time.perf_counter()
    levels: list[float] = []
    figure = summary(levels)
    while len(levels) < MAX_DAYS:
        for i in range(len(levels), len(levels) + BATCH):
            levels.append(contact_centre_day(scenario, _stream(1, i))["service_level"])
        figure = summary(levels)
        if half_width(figure) <= TARGET_HALF_WIDTH:
            break
    return time.perf_counter() - start, len(levels), figure


def run() -> None:
    cases = scenarios()
    intervals = SCENARIOS * SLOTS
    agents_c = required_all(cases, erlang_a=False)
    agents_a = required_all(cases, erlang_a=True)
    seconds_c = best_of(lambda: required_all(cases, erlang_a=False), repeat=3)
    seconds_a = best_of(lambda: required_all(cases, erlang_a=True), repeat=3)
    seconds_sim, days, figure = min(simulate_to_precision() for _ in range(3))
    print(
        f"Erlang C: required agents for {intervals:,} half hours in {seconds_c:.2f} s "
        f"({seconds_c / intervals * 1e6:.0f} µs each; {agents_c:,} agent half-hours)"
    )
    print(
        f"Erlang A: required agents for {intervals:,} half hours in {seconds_a:.2f} s "
        f"({seconds_a / intervals * 1e6:.0f} µs each; {agents_a:,} agent half-hours)"
    )
    print(
        f"Simulation: one scenario to ±{TARGET_HALF_WIDTH} on service level in "
        f"{seconds_sim:.2f} s ({days} days of 8 h; service level {figure['mean']:.3f}, "
        f"95 % interval {figure['low']:.3f}–{figure['high']:.3f})"
    )
    print(
        f"Ratio: one simulated scenario takes {seconds_sim / seconds_a:.1f}× the time of "
        f"all {intervals:,} Erlang A answers ({seconds_sim / seconds_c:.1f}× Erlang C), "
        f"{seconds_sim / (seconds_a / intervals):,.0f}× one Erlang A answer"
    )
