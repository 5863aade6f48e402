"""Staffing maths: Erlang C and Erlang A (M/M/c+M), pure functions, no Django.

Traffic ``A = calls_per_hour × aht_seconds / 3600`` erlangs.

Erlang C (callers never hang up)
    P(wait) from the Erlang B recursion (never factorials);
    SL = 1 − P(wait)·exp(−(c − A)·t / AHT); ASA = P(wait)·AHT / (c − A);
    occupancy = A / c. For A ≥ c the queue never settles: every figure is None.

Erlang A (exponential patience with mean ``patience_seconds``, rate θ)
    Exact from the birth–death chain of the number in system N:
    birth λ, death μ·min(n, c) + θ·max(n − c, 0). Below c the weights relative
    to π_c come from Erlang B (Σ_{n≤c} π_n / π_c = 1 / B(c, A)); above c the
    terms π_{c+k}/π_c = Π_{j=1..k} λ / (cμ + jθ) are summed in logs and cut off
    where they are below e^-50 of the largest term and falling geometrically.

    An arrival that finds k calls waiting ahead (probability π_{c+k}, PASTA)
    moves up at rate cμ + iθ and hangs up at rate θ, so with a = cμ
      P(served | k) = a / (a + (k + 1)θ)
    and its wait, given served, is hypoexponential with rates
    r_i = a + (i + 1)θ, i = 0..k. With equally spaced rates the hypoexponential
    CDF is a regularised incomplete beta function, i.e. a negative binomial tail:
      P(hypo_k ≤ t) = I_x(k + 1, a/θ + 1) = P(NB > k),
      x = 1 − e^{−θt}, NB pmf q_j = C(j + a/θ, j) (1 − x)^{a/θ + 1} x^j.
    Likewise P(abandon within t | k) = Σ_{j≤k} d_j P(NB > j) with
      d_j = aθ / ((a + jθ)(a + (j + 1)θ)).
    Exchanging the order of summation turns every figure into sums of
    non-negative terms (no alternating partial fractions):
      answered after t     = Σ_j q_j Σ_{k≥j} π_{c+k} P(S|k)
      abandoned after t    = Σ_j q_j Σ_{m≥j} d_m Σ_{k≥m} π_{c+k}
    service_level = P(N < c) + Σ_k π_{c+k} P(S|k) − answered after t (all
    arrivals, zero waits included, abandoned count as not answered);
    asa_seconds = mean wait of answered calls (zero waits included);
    occupancy = A (1 − p_abandon) / c.

Required agents: the smallest c meeting the service level target (and, for
Erlang A, abandoned_after_t ≤ the cap), searched with monotonicity (galloping
+ bisection for Erlang C from floor(A) + 1, galloping + bisection from the Erlang C
answer for Erlang A), up to ``MAX_AGENTS``. Shrinkage s: ceil(required / (1 − s))
in exact decimal arithmetic.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

MAX_CALLS_PER_HOUR = 10_000
MAX_AGENTS = 1_000
MAX_PATIENCE_SECONDS = 86_400  # one day; bounds the Erlang A state space
# Comparisons against the targets allow for float rounding of exact ties.
_TOLERANCE = 1e-12
# Terms below e^-50 (≈ 2e-22) of the largest stationary term are dropped.
_LOG_NEGLIGIBLE = 50.0
_MAX_QUEUE_STATES = 5_000_000

FIELDS = (
    "calls_per_hour",
    "aht_seconds",
    "answer_within_seconds",
    "agents",
    "patience_seconds",
    "shrinkage",
    "target_service_level",
    "max_abandoned_after",
)


class StaffingInputError(ValueError):
    """Bad input; ``errors`` maps each bad field name to a Danish message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


# --------------------------------------------------------------------------- validation


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _validate(
    *,
    calls_per_hour,
    aht_seconds,
    answer_within_seconds,
    agents,
    patience_seconds,
    shrinkage,
    target_service_level,
    max_abandoned_after,
) -> None:
    errors: dict[str, str] = {}
    if not _is_number(calls_per_hour):
        errors["calls_per_hour"] = "Angiv antal opkald pr. time som et tal."
    elif not 0 <= calls_per_hour <= MAX_CALLS_PER_HOUR:
        errors["calls_per_hour"] = (
            f"Antal opkald pr. time skal være mellem 0 og {MAX_CALLS_PER_HOUR:_}.".replace("_", ".")
        )
    if not _is_number(aht_seconds):
        errors["aht_seconds"] = "Angiv den gennemsnitlige behandlingstid i sekunder som et tal."
    elif aht_seconds <= 0:
        errors["aht_seconds"] = "Den gennemsnitlige behandlingstid skal være større end 0 sekunder."
    if not _is_number(answer_within_seconds):
        errors["answer_within_seconds"] = "Angiv svartiden i sekunder som et tal."
    elif answer_within_seconds < 0:
        errors["answer_within_seconds"] = "Svartiden kan ikke være negativ."
    if agents is not None:
        if not _is_number(agents) or (isinstance(agents, float) and not agents.is_integer()):
            errors["agents"] = "Antal medarbejdere skal være et helt tal."
        elif not 1 <= agents <= MAX_AGENTS:
            errors["agents"] = f"Antal medarbejdere skal være mellem 1 og {MAX_AGENTS:_}.".replace(
                "_", "."
            )
    if patience_seconds is not None:
        if not _is_number(patience_seconds):
            errors["patience_seconds"] = "Angiv tålmodigheden i sekunder som et tal."
        elif not 0 < patience_seconds <= MAX_PATIENCE_SECONDS:
            errors["patience_seconds"] = (
                "Tålmodigheden skal være større end 0 og højst "
                f"{MAX_PATIENCE_SECONDS:_} sekunder (et døgn).".replace("_", ".")
            )
    if not _is_number(shrinkage):
        errors["shrinkage"] = "Angiv spildtiden (shrinkage) som et tal."
    elif not 0 <= shrinkage < 1:
        errors["shrinkage"] = "Spildtiden (shrinkage) skal være mindst 0 og mindre end 1."
    if not _is_number(target_service_level):
        errors["target_service_level"] = "Angiv servicemålet som et tal."
    elif not 0 < target_service_level <= 1:
        errors["target_service_level"] = "Servicemålet skal være større end 0 og højst 1."
    if not _is_number(max_abandoned_after):
        errors["max_abandoned_after"] = "Angiv den højeste andel opgivne opkald som et tal."
    elif not 0 <= max_abandoned_after <= 1:
        errors["max_abandoned_after"] = "Andelen af opgivne opkald skal være mellem 0 og 1."
    if errors:
        raise StaffingInputError(errors)


# --------------------------------------------------------------------------- Erlang B / C


def erlang_b_table(traffic: float, max_agents: int) -> list[float]:
    """B(n, A) for n = 0..max_agents by the stable recursion B(n) = A·B/(n + A·B)."""
    table = [1.0]
    b = 1.0
    for n in range(1, max_agents + 1):
        ab = traffic * b
        b = ab / (n + ab)
        table.append(b)
    return table


class _ErlangB:
    """B(n, A) by the same recursion as `erlang_b_table`, computed only as far
    as a search asks (most answers need a few dozen agents, not MAX_AGENTS)."""

    def __init__(self, traffic: float):
        self.traffic = traffic
        self.values = [1.0]

    def __getitem__(self, n: int) -> float:
        values = self.values
        if n >= len(values):
            b = values[-1]
            for k in range(len(values), n + 1):
                ab = self.traffic * b
                b = ab / (k + ab)
                values.append(b)
        return values[n]


def erlang_c_figures(agents: int, traffic: float, aht: float, t: float, b: float) -> dict:
    """Erlang C figures for ``agents`` given B(agents, A) = ``b``; None when A ≥ c."""
    c = agents
    if traffic >= c:
        return {
            "stable": False,
            "p_wait": None,
            "service_level": None,
            "asa_seconds": None,
            "occupancy": None,
        }
    p_wait = c * b / (c - traffic * (1.0 - b))
    return {
        "stable": True,
        "p_wait": p_wait,
        "service_level": 1.0 - p_wait * math.exp(-(c - traffic) * t / aht),
        "asa_seconds": p_wait * aht / (c - traffic),
        "occupancy": traffic / c,
    }


# --------------------------------------------------------------------------- Erlang A


def erlang_a_figures(agents: int, lam: float, mu: float, theta: float, t: float, b: float) -> dict:
    """Exact M/M/c+M figures. ``lam``, ``mu``, ``theta`` are rates per second
    (arrivals, service 1/AHT, abandonment 1/patience); ``b`` = B(agents, λ/μ)."""
    c = agents
    traffic = lam / mu
    if lam == 0.0 or b == 0.0:
        # No calls, or P(N ≥ c) below the float range: nobody ever waits.
        return {
            "stable": True,
            "p_wait": 0.0,
            "service_level": 1.0,
            "asa_seconds": 0.0,
            "occupancy": traffic / c,
            "p_abandon": 0.0,
            "abandoned_after_t": 0.0,
            "_p_abandon_little": 0.0,
        }
    a = c * mu
    # Mass of n = 0..c−1 relative to π_c: 1/B − 1 = (1 − B)/B.
    one_minus_b = 1.0 - b
    log_lower = math.log(one_minus_b) - math.log(b) if one_minus_b > 0.0 else -math.inf

    # log(π_{c+k} / π_c), k = 0..K.
    log_terms = [0.0]
    current = 0.0
    peak = max(log_lower, 0.0)
    log_lam = math.log(lam)
    k = 0
    while True:
        k += 1
        denom = a + k * theta
        current += log_lam - math.log(denom)
        log_terms.append(current)
        if current > peak:
            peak = current
        ratio = lam / denom
        if ratio < 1.0 and current + math.log(ratio) - math.log1p(-ratio) < peak - _LOG_NEGLIGIBLE:
            break
        if k > _MAX_QUEUE_STATES:  # pragma: no cover - excluded by validation
            raise ArithmeticError("Erlang A state space too large")

    exp = math.exp
    lower = exp(log_lower - peak) if log_lower > -math.inf else 0.0
    weights = [exp(v - peak) for v in log_terms]
    total = lower + math.fsum(weights)
    p_below = lower / total
    pi = [w / total for w in weights]
    n_states = len(pi)

    p_wait = math.fsum(pi)
    # Per state: P(served | k), service-time harmonic sums, abandonment weights.
    served = []  # π_{c+k} P(S|k)
    asa_terms = []
    abandon_terms = []
    harmonic = 0.0
    for k, p in enumerate(pi):
        r = a + (k + 1) * theta
        harmonic += 1.0 / r
        w = p * a / r
        served.append(w)
        asa_terms.append(w * harmonic)
        abandon_terms.append(p * (k + 1) * theta / r)
    served_total = math.fsum(served)
    p_abandon = math.fsum(abandon_terms)
    answered = p_below + served_total

    # Negative binomial pmf q_j, j = 0..K (number of "steps" completed by t).
    q = [0.0] * n_states
    x = -math.expm1(-theta * t)
    if x == 0.0:  # t = 0 (or so small that nobody completes a step)
        q[0] = 1.0
    else:
        s = a / theta
        log_x = math.log(x)
        log_q = -(a + theta) * t
        mode = s * x / (1.0 - x) if x < 1.0 else math.inf
        q[0] = exp(log_q)
        for j in range(1, n_states):
            log_q += math.log((j + s) / j) + log_x
            if log_q < -745.0 and j > mode:
                break
            q[j] = exp(log_q)

    # Tail sums: R_j = Σ_{k≥j} π P(S|k); T_j = Σ_{k≥j} π; E_j = Σ_{m≥j} d_m T_m.
    answered_after = 0.0
    abandoned_after = 0.0
    tail_served = 0.0
    tail_pi = 0.0
    tail_e = 0.0
    after_terms = []
    abandoned_terms = []
    for j in range(n_states - 1, -1, -1):
        tail_served += served[j]
        tail_pi += pi[j]
        d = a * theta / ((a + j * theta) * (a + (j + 1) * theta))
        tail_e += d * tail_pi
        if q[j]:
            after_terms.append(q[j] * tail_served)
            abandoned_terms.append(q[j] * tail_e)
    answered_after = math.fsum(after_terms)
    abandoned_after = math.fsum(abandoned_terms)

    service_level = min(1.0, max(0.0, p_below + served_total - answered_after))
    expected_queue = math.fsum(k * p for k, p in enumerate(pi))
    return {
        "stable": True,
        "p_wait": p_wait,
        "service_level": service_level,
        "asa_seconds": math.fsum(asa_terms) / answered,
        "occupancy": traffic * answered / c,
        "p_abandon": p_abandon,
        "abandoned_after_t": abandoned_after,
        # θ·E[(N − c)+] / λ: the same quantity by Little's law (for tests).
        "_p_abandon_little": theta * expected_queue / lam,
    }


# --------------------------------------------------------------------------- search


def _required_erlang_c(traffic, aht, t, table, target) -> int | None:
    lo = math.floor(traffic) + 1
    if lo > MAX_AGENTS:
        return None

    def ok(c):
        sl = erlang_c_figures(c, traffic, aht, t, table[c])["service_level"]
        return sl >= target - _TOLERANCE

    if ok(lo):
        return lo
    # Gallop up from lo (which fails) until a count passes, then bisect:
    # the table is only built as far as the answer needs.
    step = 1
    while True:
        c = min(lo + step, MAX_AGENTS)
        if ok(c):
            return _bisect(ok, lo, c)
        if c == MAX_AGENTS:
            return None
        lo, step = c, step * 2


def _bisect(ok, lo: int, hi: int) -> int:
    """The smallest c in (lo, hi] with ok(c), given ok(lo) is false, ok(hi) true
    and ok monotone in c."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _required_erlang_a(lam, mu, theta, t, table, target, max_abandoned, guess) -> int | None:
    cache: dict[int, bool] = {}

    def ok(c):
        if c not in cache:
            f = erlang_a_figures(c, lam, mu, theta, t, table[c])
            cache[c] = (
                f["service_level"] >= target - _TOLERANCE
                and f["abandoned_after_t"] <= max_abandoned + _TOLERANCE
            )
        return cache[c]

    guess = min(max(guess, 1), MAX_AGENTS)
    if ok(guess):
        hi, step = guess, 1
        while True:
            c = hi - step
            if c < 1:
                lo = 0  # virtual failing point
                break
            if ok(c):
                hi, step = c, step * 2
            else:
                lo = c
                break
    else:
        lo, step = guess, 1
        while True:
            c = min(lo + step, MAX_AGENTS)
            if ok(c):
                hi = c
                break
            if c == MAX_AGENTS:
                return None
            lo, step = c, step * 2
    return _bisect(ok, lo, hi)


def with_shrinkage(required: int | None, shrinkage: float) -> int | None:
    """ceil(required / (1 − s)) exactly: s is read as the decimal it prints as."""
    if required is None:
        return None
    s = Fraction(Decimal(str(shrinkage)))
    return math.ceil(Fraction(required) / (1 - s))


# --------------------------------------------------------------------------- public


def staffing(
    *,
    calls_per_hour: float,
    aht_seconds: float,
    answer_within_seconds: float,
    agents: int | None = None,
    patience_seconds: float | None = None,
    shrinkage: float = 0.0,
    target_service_level: float = 0.8,
    max_abandoned_after: float = 0.08,
) -> dict:
    """Erlang C (no patience) or Erlang A (``patience_seconds`` given) staffing.

    The figures are for ``agents`` when given, else for ``required_agents``
    (all None when no agent count up to ``MAX_AGENTS`` meets the targets).
    Raises :class:`StaffingInputError` listing every bad field.
    """
    _validate(
        calls_per_hour=calls_per_hour,
        aht_seconds=aht_seconds,
        answer_within_seconds=answer_within_seconds,
        agents=agents,
        patience_seconds=patience_seconds,
        shrinkage=shrinkage,
        target_service_level=target_service_level,
        max_abandoned_after=max_abandoned_after,
    )
    calls_per_hour = float(calls_per_hour)
    aht = float(aht_seconds)
    t = float(answer_within_seconds)
    traffic = calls_per_hour * aht / 3600.0
    table = _ErlangB(traffic)
    erlang_a = patience_seconds is not None

    required_c = _required_erlang_c(traffic, aht, t, table, target_service_level)
    if erlang_a:
        lam = calls_per_hour / 3600.0
        mu = 1.0 / aht
        theta = 1.0 / float(patience_seconds)
        guess = required_c if required_c is not None else math.floor(traffic) + 1
        required = _required_erlang_a(
            lam, mu, theta, t, table, target_service_level, max_abandoned_after, guess
        )
    else:
        required = required_c

    shown = int(agents) if agents is not None else required
    result = {
        "model": "erlang_a" if erlang_a else "erlang_c",
        "traffic_erlangs": traffic,
        "stable": erlang_a,
        "agents": shown,
        "p_wait": None,
        "service_level": None,
        "asa_seconds": None,
        "occupancy": None,
        "p_abandon": None,
        "abandoned_after_t": None,
        "required_agents": required,
        "required_agents_with_shrinkage": with_shrinkage(required, shrinkage),
    }
    if shown is not None:
        if erlang_a:
            figures = erlang_a_figures(shown, lam, mu, theta, t, table[shown])
            figures.pop("_p_abandon_little")
        else:
            figures = erlang_c_figures(shown, traffic, aht, t, table[shown])
        result.update(figures)
    return result
