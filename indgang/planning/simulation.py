"""What-if simulation of the contact centre and the front desk: SimPy, no Django.

A discrete-event simulation answers what the Erlang formulas cannot: handling
times that are not exponential, transfers that come back, callbacks, bookings
with no-shows beside walk-ins. Each scenario is run as independent
replications of one day, each with its own random stream
(``random.Random(f"{seed}-{i}")``), and every figure is reported as the mean
over the replications with a 95 % confidence interval:

    mean ± t(0.975, n − 1) · s / √n

where s is the sample standard deviation of the per-day values. The t
quantiles are exact (3 decimals) for n − 1 ≤ 30 and, above that, the value of
the next tabulated smaller df (40, 60, 120), which is never smaller than the
true quantile: the interval errs on the wide side (by at most 0.02 on 1.96).

Contact centre (``ContactCentreScenario``)
    Arrivals: Poisson at ``calls_per_hour`` for ``hours``, or non-homogeneous
    Poisson from 48 half-hour rates (a whole day, index 0 = 00:00–00:30).
    Handling: lognormal with mean ``aht_seconds`` and coefficient of variation
    ``handling_cv``, or exponential (``handling="exponential"``).
    Patience: exponential with mean ``patience_seconds`` (None: nobody hangs up).
    ``agents`` agents all day; the queue is first come, first served.
    A share ``transfer_share`` of answered calls is transferred; of those a
    share ``transfer_return_share`` comes back unanswered after
    ``transfer_return_seconds`` and queues again (it counts as a new call in
    the figures, as the telephony logs it; it is not transferred again). A
    share ``callback_share`` of the callers who hang up asks for a callback;
    callbacks wait behind every queued call and are made by the first agent
    with nothing else to do.
    The day starts empty. ``warm_up_minutes`` of the opening are run but not
    counted (0 for a real day; the comparison with Erlang A's steady state
    uses a warm-up). Calls that arrive while open are followed to the end:
    the agents keep going after closing until the queue is empty.
    Figures for the calls that arrive in the counted period:
      service_level     answered within ``answer_within_seconds`` / all calls
      p_wait            calls that had to wait at all / all calls
      asa_seconds       mean wait of answered calls
      mean_wait_seconds mean wait of all calls (abandoned: until they hung up)
      p_abandon         hung up / all calls
      abandoned_after_t hung up after waiting more than the answer time / all calls
      occupancy         agents' busy time (calls and callbacks) / (agents × open time)
      calls, returned, callbacks (per day), callback_wait_minutes
    These are the definitions of ``erlang.staffing``, so the exponential case
    without transfers or callbacks must agree with Erlang A (tested).

Front desk (``FrontDeskScenario``)
    ``desks`` desks for ``hours``. Booked citizens come at their times
    (``bookings_per_hour`` spread evenly over each hour), a share
    ``no_show_share`` never comes; walk-ins arrive by Poisson at
    ``walk_ins_per_hour``. Handling is lognormal (``handling_cv``) with mean
    ``booking_minutes`` or ``walk_in_minutes``. A free desk takes a booked
    citizen before any walk-in, otherwise first come, first served. Figures:
    booked and walk-in mean waits, the share of each (and of all) served within
    ``wait_target_minutes``, occupancy, walk-ins and no-shows per day, and the
    overtime after closing until the last citizen is served.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass

import simpy

SLOTS = 48
SLOT_SECONDS = 1800.0

# Two-sided 95 % t quantiles t(0.975, df), df = 1..30, then 40, 60, 120.
_T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_T_975_LARGE = ((120, 1.980), (60, 2.000), (40, 2.021), (30, 2.042))

Progress = Callable[[int, int], None]


class ScenarioError(ValueError):
    """A scenario that cannot be simulated; ``errors`` maps field → message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


# --------------------------------------------------------------------------- statistics


def t_quantile_975(df: int) -> float:
    """t(0.975, df): exact to 3 decimals up to 30, conservative above."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df <= 30:
        return _T_975[df - 1]
    for at_least, value in _T_975_LARGE:
        if df >= at_least:
            return value
    raise AssertionError  # unreachable: df > 30


def summary(values: list[float | None]) -> dict:
    """{"mean", "low", "high"}: the mean and 95 % CI of the values (None
    values left out; fewer than two values: no interval)."""
    data = [v for v in values if v is not None]
    if not data:
        return {"mean": None, "low": None, "high": None}
    mean = statistics.fmean(data)
    if len(data) < 2:
        return {"mean": mean, "low": None, "high": None}
    half = t_quantile_975(len(data) - 1) * statistics.stdev(data) / math.sqrt(len(data))
    return {"mean": mean, "low": mean - half, "high": mean + half}


def half_width(figure: dict) -> float | None:
    if figure["low"] is None:
        return None
    return (figure["high"] - figure["low"]) / 2


def _summarise(days: list[dict], names: tuple[str, ...]) -> dict:
    return {name: summary([day[name] for day in days]) for name in names}


def _stream(seed: int, replication: int) -> random.Random:
    return random.Random(f"{seed}-{replication}")  # noqa: S311 – a model, not a secret


def _lognormal(rng: random.Random, mean: float, cv: float) -> float:
    if cv <= 0:
        return mean
    sigma2 = math.log1p(cv * cv)
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


def _overlap(start: float, end: float, lo: float, hi: float) -> float:
    return max(0.0, min(end, hi) - max(start, lo))


# --------------------------------------------------------------------------- contact centre


@dataclass
class ContactCentreScenario:
    agents: int
    calls_per_hour: float | list[float]  # one rate for `hours`, or 48 half-hour rates
    aht_seconds: float
    answer_within_seconds: float = 20.0
    patience_seconds: float | None = None
    handling: str = "lognormal"  # or "exponential"
    handling_cv: float = 1.0
    hours: float = 8.0
    transfer_share: float = 0.0
    transfer_return_share: float = 0.0
    transfer_return_seconds: float = 60.0
    callback_share: float = 0.0
    warm_up_minutes: float = 0.0

    def __post_init__(self):
        errors = {}
        if isinstance(self.calls_per_hour, list | tuple):
            self.calls_per_hour = [float(r) for r in self.calls_per_hour]
            if len(self.calls_per_hour) != SLOTS or min(self.calls_per_hour) < 0:
                errors["calls_per_hour"] = "48 half-hour rates, none negative."
        elif not self.calls_per_hour > 0:
            errors["calls_per_hour"] = "Must be greater than 0."
        if not (isinstance(self.agents, int) and self.agents >= 1):
            errors["agents"] = "At least one agent."
        if not self.aht_seconds > 0:
            errors["aht_seconds"] = "Must be greater than 0."
        if self.patience_seconds is not None and not self.patience_seconds > 0:
            errors["patience_seconds"] = "Must be greater than 0."
        if self.handling not in ("lognormal", "exponential"):
            errors["handling"] = "lognormal or exponential."
        if not 0 < self.hours <= 24:
            errors["hours"] = "More than 0 and at most 24."
        for name in ("transfer_share", "transfer_return_share", "callback_share"):
            if not 0 <= getattr(self, name) <= 1:
                errors[name] = "Between 0 and 1."
        if self.answer_within_seconds < 0 or self.handling_cv < 0 or self.warm_up_minutes < 0:
            errors["answer_within_seconds"] = "No negative times or variation."
        if errors:
            raise ScenarioError(errors)

    def arrival_periods(self) -> list[tuple[float, float, float]]:
        """(start, end, calls per second) of the periods with calls, in seconds."""
        if isinstance(self.calls_per_hour, list):
            return [
                (i * SLOT_SECONDS, (i + 1) * SLOT_SECONDS, rate / 3600.0)
                for i, rate in enumerate(self.calls_per_hour)
                if rate > 0
            ]
        return [(0.0, self.hours * 3600.0, self.calls_per_hour / 3600.0)]


CONTACT_CENTRE_FIGURES = (
    "service_level",
    "p_wait",
    "asa_seconds",
    "mean_wait_seconds",
    "p_abandon",
    "abandoned_after_t",
    "occupancy",
    "calls",
    "returned",
    "callbacks",
    "callback_wait_minutes",
)


def contact_centre_day(scenario: ContactCentreScenario, rng: random.Random) -> dict:
    """One simulated day: the figures of CONTACT_CENTRE_FIGURES (plain floats)."""
    s = scenario
    env = simpy.Environment()
    agents = simpy.PriorityResource(env, capacity=s.agents)
    periods = s.arrival_periods()
    if not periods:
        raise ScenarioError({"calls_per_hour": "No calls in the day."})
    counted_from = periods[0][0] + s.warm_up_minutes * 60.0
    counted_to = periods[-1][1]
    if counted_from >= counted_to:
        raise ScenarioError({"warm_up_minutes": "The warm-up is longer than the day."})
    t = s.answer_within_seconds
    mean_patience = s.patience_seconds

    tally = {
        "calls": 0,
        "returned": 0,
        "answered": 0,
        "answered_within": 0,
        "waited": 0,
        "abandoned": 0,
        "abandoned_after": 0,
        "answered_wait": 0.0,
        "all_wait": 0.0,
        "busy": 0.0,
        "callbacks": 0,
        "callback_wait": 0.0,
    }

    if s.handling == "exponential":

        def handling_time() -> float:
            return rng.expovariate(1.0 / s.aht_seconds)
    else:

        def handling_time() -> float:
            return _lognormal(rng, s.aht_seconds, s.handling_cv)

    def serve():
        duration = handling_time()
        start = env.now
        yield env.timeout(duration)
        tally["busy"] += _overlap(start, start + duration, counted_from, counted_to)

    def callback(requested_at: float):
        with agents.request(priority=1) as request:
            yield request
            tally["callbacks"] += 1
            tally["callback_wait"] += env.now - requested_at
            yield from serve()

    def caller(returned: bool):
        arrived = env.now
        counted = counted_from <= arrived < counted_to
        if counted:
            tally["calls"] += 1
            tally["returned"] += returned
        with agents.request(priority=0) as request:
            if mean_patience is None:
                yield request
            else:
                gave_up = env.timeout(rng.expovariate(1.0 / mean_patience))
                fired = yield request | gave_up
                if request not in fired:
                    wait = env.now - arrived
                    if counted:
                        tally["abandoned"] += 1
                        tally["abandoned_after"] += wait > t
                        tally["all_wait"] += wait
                        tally["waited"] += 1
                    if s.callback_share and rng.random() < s.callback_share:
                        env.process(callback(env.now))
                    return
            wait = env.now - arrived
            if counted:
                tally["answered"] += 1
                tally["answered_within"] += wait <= t
                tally["answered_wait"] += wait
                tally["all_wait"] += wait
                tally["waited"] += wait > 0
            yield from serve()
        transferred = not returned and s.transfer_share and rng.random() < s.transfer_share
        if transferred and s.transfer_return_share and rng.random() < s.transfer_return_share:
            yield env.timeout(s.transfer_return_seconds)
            env.process(caller(True))

    def arrivals():
        for start, end, rate in periods:
            if env.now < start:
                yield env.timeout(start - env.now)
            while True:
                gap = rng.expovariate(rate)
                if env.now + gap >= end:
                    break
                yield env.timeout(gap)
                env.process(caller(False))
            yield env.timeout(max(0.0, end - env.now))

    env.process(arrivals())
    env.run()

    calls = tally["calls"]
    open_seconds = counted_to - counted_from
    return {
        "service_level": tally["answered_within"] / calls if calls else None,
        "p_wait": tally["waited"] / calls if calls else None,
        "asa_seconds": tally["answered_wait"] / tally["answered"] if tally["answered"] else None,
        "mean_wait_seconds": tally["all_wait"] / calls if calls else None,
        "p_abandon": tally["abandoned"] / calls if calls else None,
        "abandoned_after_t": tally["abandoned_after"] / calls if calls else None,
        "occupancy": tally["busy"] / (s.agents * open_seconds),
        "calls": float(calls),
        "returned": float(tally["returned"]),
        "callbacks": float(tally["callbacks"]),
        "callback_wait_minutes": (
            tally["callback_wait"] / tally["callbacks"] / 60.0 if tally["callbacks"] else None
        ),
    }


def simulate_contact_centre(
    scenario: ContactCentreScenario,
    *,
    replications: int = 20,
    seed: int = 1,
    progress: Progress | None = None,
) -> dict:
    """Run `replications` days; {"replications", "seed", "figures": {name:
    {"mean", "low", "high"}}} (plain JSON). `progress(done, total)` after each day."""
    days = []
    for i in range(replications):
        days.append(contact_centre_day(scenario, _stream(seed, i)))
        if progress:
            progress(i + 1, replications)
    return {
        "replications": replications,
        "seed": seed,
        "figures": _summarise(days, CONTACT_CENTRE_FIGURES),
    }


# --------------------------------------------------------------------------- front desk


@dataclass
class FrontDeskScenario:
    desks: int
    hours: float = 7.0
    bookings_per_hour: int = 0
    booking_minutes: float = 15.0
    no_show_share: float = 0.0
    walk_ins_per_hour: float = 0.0
    walk_in_minutes: float = 10.0
    handling_cv: float = 0.5
    wait_target_minutes: float = 15.0

    def __post_init__(self):
        errors = {}
        if not (isinstance(self.desks, int) and self.desks >= 1):
            errors["desks"] = "At least one desk."
        if not 0 < self.hours <= 24:
            errors["hours"] = "More than 0 and at most 24."
        if not (isinstance(self.bookings_per_hour, int) and self.bookings_per_hour >= 0):
            errors["bookings_per_hour"] = "A whole number, 0 or more."
        if not 0 <= self.no_show_share <= 1:
            errors["no_show_share"] = "Between 0 and 1."
        if self.walk_ins_per_hour < 0:
            errors["walk_ins_per_hour"] = "Not negative."
        if self.bookings_per_hour == 0 and self.walk_ins_per_hour == 0:
            errors["walk_ins_per_hour"] = "Bookings or walk-ins, or both."
        if not (self.booking_minutes > 0 and self.walk_in_minutes > 0):
            errors["walk_in_minutes"] = "Handling times must be greater than 0."
        if self.handling_cv < 0 or self.wait_target_minutes < 0:
            errors["handling_cv"] = "Not negative."
        if errors:
            raise ScenarioError(errors)


FRONT_DESK_FIGURES = (
    "booked_wait_minutes",
    "walk_in_wait_minutes",
    "booked_within_target",
    "walk_in_within_target",
    "within_target",
    "occupancy",
    "booked",
    "walk_ins",
    "no_shows",
    "overtime_minutes",
)


def front_desk_day(scenario: FrontDeskScenario, rng: random.Random) -> dict:
    """One simulated day at the front desk (minutes in the figures)."""
    s = scenario
    env = simpy.Environment()
    desks = simpy.PriorityResource(env, capacity=s.desks)
    close = s.hours * 60.0  # the model runs in minutes
    target = s.wait_target_minutes
    waits: dict[str, list[float]] = {"booked": [], "walk_in": []}
    tally = {"busy": 0.0, "no_shows": 0, "last_done": 0.0}

    def citizen(kind: str, mean_minutes: float):
        arrived = env.now
        with desks.request(priority=0 if kind == "booked" else 1) as request:
            yield request
            waits[kind].append(env.now - arrived)
            duration = _lognormal(rng, mean_minutes, s.handling_cv)
            start = env.now
            yield env.timeout(duration)
            tally["busy"] += _overlap(start, start + duration, 0.0, close)
            tally["last_done"] = max(tally["last_done"], env.now)

    def bookings():
        times = []
        if s.bookings_per_hour:
            step = 60.0 / s.bookings_per_hour
            times = [
                h * 60.0 + j * step
                for h in range(math.ceil(s.hours))
                for j in range(s.bookings_per_hour)
            ]
            times = [t for t in times if t < close]
        for at in times:
            if at > env.now:
                yield env.timeout(at - env.now)
            if rng.random() < s.no_show_share:
                tally["no_shows"] += 1
            else:
                env.process(citizen("booked", s.booking_minutes))

    def walk_ins():
        if not s.walk_ins_per_hour:
            return
        rate = s.walk_ins_per_hour / 60.0
        while True:
            gap = rng.expovariate(rate)
            if env.now + gap >= close:
                return
            yield env.timeout(gap)
            env.process(citizen("walk_in", s.walk_in_minutes))

    env.process(bookings())
    env.process(walk_ins())
    env.run()

    def mean(values):
        return statistics.fmean(values) if values else None

    def within(values):
        return sum(w <= target for w in values) / len(values) if values else None

    everyone = waits["booked"] + waits["walk_in"]
    return {
        "booked_wait_minutes": mean(waits["booked"]),
        "walk_in_wait_minutes": mean(waits["walk_in"]),
        "booked_within_target": within(waits["booked"]),
        "walk_in_within_target": within(waits["walk_in"]),
        "within_target": within(everyone),
        "occupancy": tally["busy"] / (s.desks * close),
        "booked": float(len(waits["booked"])),
        "walk_ins": float(len(waits["walk_in"])),
        "no_shows": float(tally["no_shows"]),
        "overtime_minutes": max(0.0, tally["last_done"] - close),
    }


def simulate_front_desk(
    scenario: FrontDeskScenario,
    *,
    replications: int = 20,
    seed: int = 1,
    progress: Progress | None = None,
) -> dict:
    """Like `simulate_contact_centre`, for the front desk."""
    days = []
    for i in range(replications):
        days.append(front_desk_day(scenario, _stream(seed, i)))
        if progress:
            progress(i + 1, replications)
    return {
        "replications": replications,
        "seed": seed,
        "figures": _summarise(days, FRONT_DESK_FIGURES),
    }


def scenario_dict(scenario: ContactCentreScenario | FrontDeskScenario) -> dict:
    """The scenario as plain JSON (rebuild with `ContactCentreScenario(**data)`)."""
    return asdict(scenario)
