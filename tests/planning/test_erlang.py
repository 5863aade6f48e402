"""Staffing maths (indgang.planning.erlang): pure, no database."""

import math
import time

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indgang.planning.erlang import (
    MAX_AGENTS,
    StaffingInputError,
    erlang_a_figures,
    erlang_b_table,
    erlang_c_figures,
    staffing,
    with_shrinkage,
)
from tests.planning.contract import KEYS

# --------------------------------------------------------------------------- references


def mp_erlang_c(c, traffic, aht, t):
    """Erlang C from the factorial formula at 50 digits."""
    with mpmath.workdps(50):
        a = mpmath.mpf(traffic)
        head = mpmath.fsum(a**n / mpmath.factorial(n) for n in range(c))
        last = a**c / mpmath.factorial(c) * c / (c - a)
        pw = last / (head + last)
        sl = 1 - pw * mpmath.exp(-(c - a) * t / mpmath.mpf(aht))
        asa = pw * aht / (c - a)
        return float(pw), float(sl), float(asa)


def _hypo_cdf(rates, t):
    """P(sum of Exp(rates) ≤ t), distinct rates, by partial fractions."""
    total = mpmath.mpf(0)
    for i, ri in enumerate(rates):
        coeff = mpmath.mpf(1)
        for j, rj in enumerate(rates):
            if j != i:
                coeff *= rj / (rj - ri)
        total += coeff * mpmath.exp(-ri * t)
    return 1 - total


def mp_erlang_a(c, calls_per_hour, aht, patience, t):
    """Independent M/M/c+M figures at 50 digits: exact stationary sums, and for
    each queue position k the stage-by-stage absorption (served or abandoned)
    with hypoexponential CDFs by partial fractions."""
    with mpmath.workdps(50):
        lam = mpmath.mpf(calls_per_hour) / 3600
        mu = 1 / mpmath.mpf(aht)
        th = 1 / mpmath.mpf(patience)
        a = c * mu
        weights = [(lam / mu) ** n / mpmath.factorial(n) for n in range(c + 1)]
        k = 0
        while True:
            k += 1
            weights.append(weights[-1] * lam / (a + k * th))
            if weights[-1] < mpmath.mpf(10) ** -45 * max(weights) and lam < a + k * th:
                break
        z = mpmath.fsum(weights)
        pi = [w / z for w in weights]
        below = mpmath.fsum(pi[:c])
        queue = pi[c:]
        p_wait = mpmath.fsum(queue)
        sl = below
        p_ab = 0
        ab_within = 0
        asa_num = 0
        for k, p in enumerate(queue):
            # stages: i = k, k−1, …, 0 calls ahead; exit rate a + (i+1)θ.
            stage_rates = []
            reach = mpmath.mpf(1)
            for i in range(k, -1, -1):
                r = a + (i + 1) * th
                stage_rates.append(r)
                cdf = _hypo_cdf(stage_rates, t)
                p_ab += p * reach * th / r
                ab_within += p * reach * th / r * cdf
                reach *= (a + i * th) / r
            served = reach  # telescoping product a / (a + (k+1)θ)
            sl += p * served * _hypo_cdf(stage_rates, t)
            asa_num += p * served * mpmath.fsum(1 / r for r in stage_rates)
        return {
            "p_wait": float(p_wait),
            "service_level": float(sl),
            "p_abandon": float(p_ab),
            "abandoned_after_t": float(p_ab - ab_within),
            "asa_seconds": float(asa_num / (1 - p_ab)),
            "occupancy": float(lam / mu * (1 - p_ab) / c),
        }


def figures_a(c, calls_per_hour, aht, patience, t):
    lam = calls_per_hour / 3600
    table = erlang_b_table(lam * aht, c)
    return erlang_a_figures(c, lam, 1 / aht, 1 / patience, t, table[c])


# --------------------------------------------------------------------------- Erlang C


def test_textbook_erlang_c_ten_erlangs():
    # A = 10 erlangs (200 calls an hour at 180 s): the classic table values.
    r11 = staffing(calls_per_hour=200, aht_seconds=180, answer_within_seconds=20, agents=11)
    r12 = staffing(calls_per_hour=200, aht_seconds=180, answer_within_seconds=20, agents=12)
    assert set(r11) == KEYS
    assert r11["model"] == "erlang_c"
    assert r11["traffic_erlangs"] == pytest.approx(10.0)
    assert r11["p_wait"] == pytest.approx(0.6821, abs=5e-5)
    assert r12["p_wait"] == pytest.approx(0.4494, abs=5e-5)
    assert r11["occupancy"] == pytest.approx(10 / 11)
    # ASA = Pw·AHT/(c − A) = 0.6821·180/1
    assert r11["asa_seconds"] == pytest.approx(r11["p_wait"] * 180)
    assert r11["p_abandon"] is None and r11["abandoned_after_t"] is None
    assert r11["required_agents"] == 14  # SL(13) < 0.8 ≤ SL(14)


@pytest.mark.parametrize(
    ("c", "traffic", "aht", "t"),
    [(11, 10.0, 180, 20), (3, 2.5, 300, 15), (55, 50.0, 240, 20), (520, 500.0, 120, 30)],
)
def test_erlang_c_matches_high_precision(c, traffic, aht, t):
    table = erlang_b_table(traffic, c)
    f = erlang_c_figures(c, traffic, aht, t, table[c])
    pw, sl, asa = mp_erlang_c(c, traffic, aht, t)
    assert f["p_wait"] == pytest.approx(pw, abs=1e-9)
    assert f["service_level"] == pytest.approx(sl, abs=1e-9)
    assert f["asa_seconds"] == pytest.approx(asa, rel=1e-9)


def test_erlang_c_overload_is_null():
    r = staffing(calls_per_hour=200, aht_seconds=180, answer_within_seconds=20, agents=10)
    assert r["stable"] is False
    for key in ("p_wait", "service_level", "asa_seconds", "occupancy"):
        assert r[key] is None
    assert r["required_agents"] == 14


def test_erlang_c_large_centre_no_overflow():
    # 10,000 calls an hour at 200 s: A ≈ 555.6 erlangs.
    r = staffing(calls_per_hour=10_000, aht_seconds=200, answer_within_seconds=20, agents=600)
    pw, sl, _asa = mp_erlang_c(600, 10_000 * 200 / 3600, 200, 20)
    assert r["p_wait"] == pytest.approx(pw, abs=1e-9)
    assert r["service_level"] == pytest.approx(sl, abs=1e-9)
    assert 0 < r["p_wait"] < 0.1 and 0.95 < r["service_level"] <= 1
    assert r["occupancy"] == pytest.approx(555.5555 / 600, rel=1e-6)
    required = r["required_agents"]
    assert 556 < required < 600
    # The searched answer really is the smallest.
    table = erlang_b_table(r["traffic_erlangs"], MAX_AGENTS)
    sl = [
        erlang_c_figures(c, r["traffic_erlangs"], 200, 20, table[c])["service_level"]
        for c in (required - 1, required)
    ]
    assert sl[0] < 0.8 <= sl[1]


def test_zero_calls():
    r = staffing(calls_per_hour=0, aht_seconds=180, answer_within_seconds=20)
    assert r["required_agents"] == 1
    assert r["p_wait"] == 0 and r["service_level"] == 1 and r["occupancy"] == 0
    a = staffing(calls_per_hour=0, aht_seconds=180, answer_within_seconds=20, patience_seconds=60)
    assert a["required_agents"] == 1 and a["p_abandon"] == 0 and a["service_level"] == 1


# --------------------------------------------------------------------------- Erlang A

A_CASES = [
    # c, calls/h, aht, patience, t
    (7, 100, 240, 90, 20),
    (9, 100, 240, 90, 20),
    (5, 100, 240, 90, 20),  # overload: A = 6.67 > c
    (3, 60, 180, 300, 30),
    (10, 200, 150, 120, 0),
    (2, 40, 300, 45, 60),
]


@pytest.mark.parametrize("case", A_CASES)
def test_erlang_a_matches_high_precision(case):
    f = figures_a(*case)
    ref = mp_erlang_a(*case)
    for key, value in ref.items():
        tol = 1e-9 * max(1.0, abs(value)) if key == "asa_seconds" else 1e-9
        assert f[key] == pytest.approx(value, abs=tol), key


@pytest.mark.parametrize("case", A_CASES)
def test_erlang_a_abandonment_two_ways(case):
    f = figures_a(*case)
    # Σ_k π_{c+k}(1 − P(S|k)) against θ·E[(N − c)+]/λ (Little's law).
    assert f["p_abandon"] == pytest.approx(f["_p_abandon_little"], abs=1e-12)
    assert 0 <= f["abandoned_after_t"] <= f["p_abandon"]


def test_erlang_a_answer_within_zero_counts_every_wait():
    f = figures_a(10, 200, 150, 120, 0)
    assert f["service_level"] == pytest.approx(1 - f["p_wait"], abs=1e-15)
    assert f["abandoned_after_t"] == pytest.approx(f["p_abandon"], abs=1e-15)


def test_erlang_a_overload_is_finite():
    r = staffing(
        calls_per_hour=200,
        aht_seconds=180,
        answer_within_seconds=20,
        agents=8,
        patience_seconds=120,
    )
    assert r["model"] == "erlang_a" and r["stable"] is True
    for key in ("p_wait", "service_level", "asa_seconds", "occupancy", "p_abandon"):
        assert math.isfinite(r[key])
    assert 0 < r["service_level"] < 1
    assert 0 < r["p_abandon"] < 1
    assert r["occupancy"] <= 1
    # Flow balance: served calls equal c·occupancy·μ.
    assert r["occupancy"] == pytest.approx(10 * (1 - r["p_abandon"]) / 8)


@pytest.mark.parametrize(("c", "calls", "aht", "t"), [(11, 200, 180, 20), (55, 600, 300, 15)])
def test_erlang_a_tends_to_erlang_c(c, calls, aht, t):
    traffic = calls * aht / 3600
    table = erlang_b_table(traffic, c)
    ec = erlang_c_figures(c, traffic, aht, t, table[c])
    ea = figures_a(c, calls, aht, 1e10, t)
    assert ea["p_wait"] == pytest.approx(ec["p_wait"], abs=1e-6)
    assert ea["service_level"] == pytest.approx(ec["service_level"], abs=1e-6)
    assert ea["asa_seconds"] == pytest.approx(ec["asa_seconds"], rel=1e-6)
    assert ea["p_abandon"] < 1e-6
    # ... and through the public function at the longest allowed patience.
    public = staffing(
        calls_per_hour=calls,
        aht_seconds=aht,
        answer_within_seconds=t,
        agents=c,
        patience_seconds=86_400,
    )
    assert public["service_level"] == pytest.approx(ec["service_level"], abs=1e-2)
    gaps = [
        abs(figures_a(c, calls, aht, p, t)["service_level"] - ec["service_level"])
        for p in (1e4, 1e5, 1e6)
    ]
    assert gaps[0] > gaps[1] > gaps[2]


def test_erlang_a_large_centre():
    r = staffing(
        calls_per_hour=10_000,
        aht_seconds=200,
        answer_within_seconds=20,
        patience_seconds=60,
        agents=540,
    )
    for key in ("p_wait", "service_level", "asa_seconds", "p_abandon", "abandoned_after_t"):
        assert math.isfinite(r[key]) and r[key] >= 0
    assert 0 < r["p_abandon"] < 0.2
    assert r["occupancy"] <= 1
    f = figures_a(540, 10_000, 200, 60, 20)
    assert f["p_abandon"] == pytest.approx(f["_p_abandon_little"], abs=1e-12)
    req = staffing(
        calls_per_hour=10_000, aht_seconds=200, answer_within_seconds=20, patience_seconds=60
    )
    assert req["required_agents"] < 556  # impatience lets fewer agents than A do


def test_required_agents_erlang_a_is_minimal():
    kw = {
        "calls_per_hour": 200,
        "aht_seconds": 150,
        "answer_within_seconds": 20,
        "patience_seconds": 120,
    }
    r = staffing(**kw)
    c = r["required_agents"]
    assert r["agents"] == c
    ok = r["service_level"] >= 0.8 and r["abandoned_after_t"] <= 0.08
    prev = staffing(**kw, agents=c - 1)
    assert ok
    assert prev["service_level"] < 0.8 or prev["abandoned_after_t"] > 0.08
    # A tight abandonment cap raises the requirement.
    strict = staffing(**kw, max_abandoned_after=0.001)
    assert strict["required_agents"] > c
    assert strict["abandoned_after_t"] <= 0.001


def test_required_agents_none_beyond_max():
    r = staffing(calls_per_hour=10_000, aht_seconds=600, answer_within_seconds=20)
    assert r["traffic_erlangs"] > MAX_AGENTS
    assert r["required_agents"] is None and r["required_agents_with_shrinkage"] is None
    assert r["agents"] is None and r["p_wait"] is None


# --------------------------------------------------------------------------- shrinkage


def test_shrinkage_exact_decimal():
    assert with_shrinkage(21, 0.7 - 0.4) in (30, 31)  # float maths may differ ...
    assert with_shrinkage(21, 0.3) == 30  # ... the decimal 0.3 does not: 21/0.7 = 30
    assert with_shrinkage(7, 0.3) == 10  # float 7/0.7 = 10.000000000000002
    assert with_shrinkage(21, 0.31) == 31
    assert with_shrinkage(30, 0.25) == 40
    assert with_shrinkage(21, 0.0) == 21
    assert with_shrinkage(None, 0.3) is None


def test_shrinkage_in_staffing():
    r = staffing(calls_per_hour=200, aht_seconds=300, answer_within_seconds=20, shrinkage=0.3)
    assert r["required_agents"] == 21
    assert r["required_agents_with_shrinkage"] == 30


# --------------------------------------------------------------------------- validation


def test_validation_lists_every_bad_field():
    with pytest.raises(StaffingInputError) as exc:
        staffing(
            calls_per_hour=-1,
            aht_seconds=0,
            answer_within_seconds=-5,
            agents=0,
            patience_seconds=0,
            shrinkage=1,
            target_service_level=0,
            max_abandoned_after=1.5,
        )
    assert set(exc.value.errors) == {
        "calls_per_hour",
        "aht_seconds",
        "answer_within_seconds",
        "agents",
        "patience_seconds",
        "shrinkage",
        "target_service_level",
        "max_abandoned_after",
    }
    assert isinstance(exc.value, ValueError)
    assert all(isinstance(m, str) and m for m in exc.value.errors.values())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("calls_per_hour", 10_001),
        ("calls_per_hour", float("nan")),
        ("calls_per_hour", "200"),
        ("aht_seconds", float("inf")),
        ("agents", 1_001),
        ("agents", 2.5),
        ("agents", True),
        ("patience_seconds", 86_401),
        ("shrinkage", -0.1),
        ("target_service_level", 1.01),
        ("max_abandoned_after", -0.01),
    ],
)
def test_validation_single_field(field, value):
    kw = {"calls_per_hour": 200, "aht_seconds": 180, "answer_within_seconds": 20}
    kw[field] = value
    with pytest.raises(StaffingInputError) as exc:
        staffing(**kw)
    assert set(exc.value.errors) == {field}


def test_validation_bounds_accepted():
    r = staffing(
        calls_per_hour=10_000,
        aht_seconds=1,
        answer_within_seconds=0,
        agents=1_000,
        patience_seconds=86_400,
        shrinkage=0,
        target_service_level=1,
        max_abandoned_after=0,
    )
    assert r["agents"] == 1000


# --------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(
    calls=st.floats(min_value=1, max_value=3000),
    aht=st.floats(min_value=30, max_value=900),
    t=st.floats(min_value=0, max_value=120),
    patience=st.floats(min_value=5, max_value=1800),
    extra=st.integers(min_value=0, max_value=20),
)
def test_more_agents_never_hurt(calls, aht, t, patience, extra):
    traffic = calls * aht / 3600
    start = max(1, math.floor(traffic) - 5 + extra)
    table = erlang_b_table(traffic, start + 2)
    lam = calls / 3600
    a1 = erlang_a_figures(start, lam, 1 / aht, 1 / patience, t, table[start])
    a2 = erlang_a_figures(start + 1, lam, 1 / aht, 1 / patience, t, table[start + 1])
    assert a2["service_level"] >= a1["service_level"] - 1e-12
    assert a2["abandoned_after_t"] <= a1["abandoned_after_t"] + 1e-12
    assert a2["p_abandon"] <= a1["p_abandon"] + 1e-12
    for f in (a1, a2):
        assert 0 <= f["abandoned_after_t"] <= f["p_abandon"] + 1e-15 <= 1 + 1e-15
        assert 0 <= f["service_level"] <= 1
        assert f["p_abandon"] == pytest.approx(f["_p_abandon_little"], abs=1e-10)
    if start > traffic:
        c1 = erlang_c_figures(start, traffic, aht, t, table[start])
        c2 = erlang_c_figures(start + 1, traffic, aht, t, table[start + 1])
        assert c2["service_level"] >= c1["service_level"] - 1e-12


# --------------------------------------------------------------------------- speed


def test_required_agents_search_is_fast():
    cases = [
        {
            "calls_per_hour": cph,
            "aht_seconds": 240,
            "answer_within_seconds": 20,
            "patience_seconds": p,
        }
        for cph in (50, 400, 3000)
        for p in (None, 90)
    ]
    start = time.perf_counter()
    for kw in cases:
        assert staffing(**kw)["required_agents"] is not None
    assert (time.perf_counter() - start) / len(cases) < 0.05
