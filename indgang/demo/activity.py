"""Two years of plausible activity for Demo Kommune, so the citizen-service
report is full on a fresh `make run`: calls on the main number and the
departments' numbers, contacts in every channel, monthly self-service counts
and monthly digital mail counts.

Every day from 1 January of last year up to yesterday is generated from its
own `random.Random` seeded by the date, so a day always comes out the same,
and the records carry ids made of the date (`demo-YYYYMMDD-…`) and the source
"demo". Running the seed again therefore adds nothing; run on a later day, it
adds only the days (and complete months) since the last run.

The patterns are those of a mid-sized Danish municipality: 150–250 calls a
day on the main number in the phone hours (most on Monday morning, fewer in
July and December), about 35–45 % of the answered calls resolved at once and
rising, 5–10 % abandoned, most answered within 20 seconds; personal contacts
at the desks, the information desk, the cash desk and the co-service PCs in
the opening hours; a slow shift from letters and the desk to digital post,
chat and self-service. Everything is stored through the contact registry's
services, which keep the daily tallies the report reads.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min

from indgang.catalogue.hours import holiday_name
from indgang.catalogue.models import Channel, Department, Location, Outcome, Service, SubjectArea
from indgang.contacts.models import (
    Call,
    CallResult,
    Contact,
    Line,
    MailCount,
    MailKind,
    Point,
    SelfServiceCount,
)
from indgang.contacts.records import CallRecord, ContactRecord, SelfServiceRecord
from indgang.contacts.services import calls_store, contacts_store, self_service_store
from indgang.core import clock

from . import data

SOURCE = "demo"
SEED = 6
# The trends (resolution at first contact, digitisation, the shift to digital
# channels) run over this many days from the first demo day.
TREND_DAYS = 730

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# --- Volumes and weights -----------------------------------------------------

# Main-number calls on an ordinary day in February, by weekday.
MAIN_CALLS = {MON: 205, TUE: 170, WED: 160, THU: 175, FRI: 125}
# Calls on a department's own number per day.
DEPARTMENT_CALLS = {
    data.COLLECTION: 6,
    data.TECHNICAL: 5,
    data.SOCIAL_HEALTH: 4,
    data.CHILDCARE: 2.5,
    data.SCHOOLS: 1.5,
    data.HOUSING: 2,
    data.ELECTIONS: 0.5,
}
# Calls and visits by month (January = 1): summer holiday and Christmas are quiet.
MONTH_FACTOR = {
    1: 1.1,
    2: 1.0,
    3: 1.05,
    4: 0.95,
    5: 1.0,
    6: 0.95,
    7: 0.6,
    8: 0.95,
    9: 1.0,
    10: 1.0,
    11: 1.0,
    12: 0.75,
}
# How the day's calls fall on the hours of the phone hours; Monday morning peaks.
HOUR_WEIGHT = {9: 1.6, 10: 1.5, 11: 1.25, 12: 0.9, 13: 1.0, 14: 0.85, 15: 0.6, 16: 0.5}
MONDAY_MORNING = 1.5

# What citizens ask about (all channels), before the seasons below.
AREA_WEIGHT = {
    "pas": 10,
    "koerekort": 6,
    "folkeregister": 10,
    "sygesikring": 9,
    "mitid": 9,
    "digital-post": 5,
    "vielser": 1.5,
    "ejendomsskat": 4,
    "opkraevning": 7,
    "boliganvisning": 5,
    "valg": 0.5,
    "pension": 6,
    "boern-og-familie": 7,
    "skat": 5,
    "byggeri": 3,
    "affald": 4,
    "miljoe-og-natur": 2,
    "ny-i-danmark": 3,
}
# (subject area, months, factor): passports before the summer, the annual tax
# statement in March and the preliminary assessment in November, property-tax
# bills in January and July, school enrolment in December–January.
SEASONS = (
    ("pas", (3, 4, 5, 6), 1.6),
    ("skat", (3,), 2.5),
    ("skat", (11, 12), 2.0),
    ("ejendomsskat", (1, 7), 2.0),
    ("boern-og-familie", (12, 1), 1.5),
    ("affald", (4, 5), 1.5),
)

# Personal contacts at the desks, per open day and location.
DESK_VISITS = {
    data.TOWN_HALL: {MON: 60, TUE: 50, WED: 50, THU: 65, FRI: 35, SAT: 20},
    data.LIBRARY: {TUE: 12, THU: 14, SAT: 8},
}
INFORMATION_VISITS = {
    data.TOWN_HALL: {MON: 22, TUE: 18, WED: 18, THU: 24, FRI: 14, SAT: 8},
    data.LIBRARY: {TUE: 4, THU: 4, SAT: 3},
}
CASH_VISITS = {data.TOWN_HALL: {MON: 6, TUE: 5, WED: 5, THU: 6, FRI: 4}}
# Of the desk visits for a service with self-service: helped at the PCs instead.
CO_SERVICE_SHARE = 0.25
# Popularity of the services at the desks (others: 2).
DESK_SERVICE_WEIGHT = {
    "pas-voksne": 22,
    "pas-boern": 10,
    "koerekort-fornyelse": 14,
    "legitimationskort": 4,
    "koerekort-ombytning": 3,
    "koerekort-duplikat": 3,
    "flytning": 6,
    "sundhedskort-og-laegeskift": 6,
    "eu-sygesikringskort": 3,
    "mitid-app": 9,
    "mitid-uden-app": 5,
    "fritagelse-digital-post": 4,
    "indrejse": 3,
    "forskudsopgoerelse": 3,
    "vielse": 1,
    "brevstemme": 1,
}
CASH_SERVICES = ("pas-voksne", "pas-boern", "koerekort-fornyelse", "legitimationskort")

# Written and remote channels per day: (weekday count, weekend count, change
# over the two years): more digital post and chat, fewer letters.
WRITTEN = {
    Channel.EMAIL: (12, 4, -0.15),
    Channel.DIGITAL_POST: (16, 6, 0.35),
    Channel.LETTER: (2, 0, -0.4),
    Channel.CHAT: (7, 0, 0.8),
    Channel.VIDEO: (0.5, 0, 0.5),
}
# Calls registered as contacts by staff on the departments' numbers.
PHONE_CONTACTS = 4

# Self-service applications per month (others: 40).
SELF_SERVICE_MONTHLY = {
    "flytning": 650,
    "sundhedskort-og-laegeskift": 420,
    "eu-sygesikringskort": 380,
    "pas-voksne": 260,
    "pas-boern": 110,
    "koerekort-fornyelse": 180,
    "boligstoette": 140,
    "folkepension": 70,
    "boerne-og-ungeydelse": 90,
    "pladsanvisning": 85,
    "skoleindskrivning": 25,
    "byggesag": 45,
    "rotteanmeldelse": 60,
    "affald": 300,
    "mitid-app": 500,
    "forskudsopgoerelse": 900,
    "bopaelsattest": 55,
    "indskudslaan": 18,
    "laan-til-ejendomsskat": 12,
    "navne-og-adressebeskyttelse": 20,
    "proevelse-af-aegteskabsbetingelser": 14,
    "helbredstillaeg": 30,
    "laegekoersel": 25,
    "nyttehaver": 8,
}
SELF_SERVICE_SEASON = {"skoleindskrivning": {12: 8.0, 1: 10.0}, "forskudsopgoerelse": {3: 3.0}}

# Digital mail to the municipality's shared inboxes per month.
MAIL_MONTHLY = {MailKind.SECURE: (900, 0.25), MailKind.PLAIN: (380, -0.2)}
FORWARDED_SHARE = 0.7


@dataclass
class ActivityResult:
    first_day: date | None = None
    last_day: date | None = None
    calls: int = 0
    contacts: int = 0
    self_service_counts: int = 0
    mail_counts: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.calls or self.contacts or self.self_service_counts or self.mail_counts)


# --- The catalogue as the generator needs it ---------------------------------


@dataclass
class _Catalogue:
    tz: ZoneInfo
    area_ids: dict[str, int]
    department_ids: dict[str, int]
    location_ids: dict[str, int]
    services: dict[str, Service]
    # subject area slug → the department that handles it (not Borgerservice)
    area_department: dict[str, int | None]
    # department slug → its subject areas
    department_areas: dict[str, list[str]]
    citizen_service_areas: frozenset[str]
    # location slug → services offered at its desks
    desk_services: dict[str, list[str]]
    # weekday → [(start second, end second)] of the main number's phone hours
    main_phone_hours: dict[int, list[tuple[int, int]]]
    department_phone_hours: dict[str, dict[int, list[tuple[int, int]]]]
    opening_hours: dict[str, dict[int, list[tuple[int, int]]]]

    @classmethod
    def load(cls) -> _Catalogue:
        slugs = [s.slug for s in data.SERVICES]
        services = {s.slug: s for s in Service.objects.filter(slug__in=slugs)}
        area_ids = dict(SubjectArea.objects.values_list("slug", "pk"))
        department_ids = dict(Department.objects.values_list("slug", "pk"))
        handlers: dict[str, Counter] = defaultdict(Counter)
        department_areas: dict[str, list[str]] = defaultdict(list)
        citizen_service_areas = set()
        for s in data.SERVICES:
            if s.department == data.CITIZEN_SERVICE:
                citizen_service_areas.add(s.subject_area)
            elif s.department:
                handlers[s.subject_area][s.department] += 1
                if s.subject_area not in department_areas[s.department]:
                    department_areas[s.department].append(s.subject_area)
        area_department = {
            area: department_ids.get(handlers[area].most_common(1)[0][0])
            if handlers.get(area)
            else None
            for area in AREA_WEIGHT
        }
        in_person = {s.slug for s in data.SERVICES if Channel.PERSONAL in s.channels}
        desk_services = {}
        for loc in data.LOCATIONS:
            slugs: list[str] = []
            for desk in loc.desks:
                wanted = in_person if data.ALL_PERSONAL in desk.services else desk.services
                slugs += [s for s in sorted(wanted) if s not in slugs]
            desk_services[loc.slug] = slugs
        departments = {d.slug: d for d in data.DEPARTMENTS}
        return cls(
            tz=ZoneInfo(settings.TIME_ZONE),
            area_ids=area_ids,
            department_ids=department_ids,
            location_ids=dict(Location.objects.values_list("slug", "pk")),
            services=services,
            area_department=area_department,
            department_areas=dict(department_areas),
            citizen_service_areas=frozenset(citizen_service_areas),
            desk_services=desk_services,
            main_phone_hours=_spans(departments[data.CITIZEN_SERVICE].phone_hours),
            department_phone_hours={
                slug: _spans(departments[slug].phone_hours) for slug in DEPARTMENT_CALLS
            },
            opening_hours={loc.slug: _spans(loc.opening_hours) for loc in data.LOCATIONS},
        )


def _seconds(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60


def _spans(weekly: Iterable[tuple[int, str, str]]) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for weekday, opens, closes in weekly:
        spans[weekday].append((_seconds(opens), _seconds(closes)))
    return {weekday: sorted(s) for weekday, s in spans.items()}


def _hour_slots(
    spans: list[tuple[int, int]], weight=lambda hour: 1.0
) -> tuple[list[tuple[int, int]], list[float]]:
    """Cut spans into slots of at most an hour; returns the slots and their
    cumulative weights (weight per hour × the slot's share of an hour)."""
    slots, cumulative, total = [], [], 0.0
    for start, end in spans:
        t = start
        while t < end:
            slot_end = min(end, (t // 3600 + 1) * 3600)
            total += weight(t // 3600) * (slot_end - t) / 3600
            slots.append((t, slot_end))
            cumulative.append(total)
            t = slot_end
    return slots, cumulative


def _weights(weights: dict[str, float]) -> tuple[list[str], list[float]]:
    keys, cumulative, total = [], [], 0.0
    for key, weight in weights.items():
        if weight > 0:
            total += weight
            keys.append(key)
            cumulative.append(total)
    return keys, cumulative


def _area_weights(month: int) -> dict[str, float]:
    weights = dict(AREA_WEIGHT)
    for area, months, factor in SEASONS:
        if month in months:
            weights[area] *= factor
    return weights


def _count(rng: random.Random, mean: float) -> int:
    """A whole number around `mean` (±10 %; small means round at random)."""
    if mean <= 0:
        return 0
    value = mean * rng.gauss(1.0, 0.1)
    whole = int(value)
    return max(0, whole + (rng.random() < value - whole))


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


# --- One day -------------------------------------------------------------------


class _Day:
    """Everything generated for one day; `rng` is seeded by the date."""

    def __init__(self, cat: _Catalogue, day: date, trend: float, scale: float):
        self.cat = cat
        self.day = day
        self.trend = trend
        self.scale = scale
        self.rng = random.Random(f"{SEED}:{day.isoformat()}")  # noqa: S311 - not a secret
        self.midnight = datetime(day.year, day.month, day.day, tzinfo=cat.tz)
        self.stamp = day.strftime("%Y%m%d")
        self.closed = holiday_name(day) is not None
        self.weekday = day.weekday()
        self.month_factor = MONTH_FACTOR[day.month] * scale
        self.areas, self.area_cumulative = _weights(_area_weights(day.month))
        self.calls: list[CallRecord] = []
        self.contacts: list[ContactRecord] = []

    def at(self, second: float) -> datetime:
        return self.midnight + timedelta(seconds=int(second))

    def area(self) -> str:
        return self.rng.choices(self.areas, cum_weights=self.area_cumulative)[0]

    def moment(self, slots, cumulative) -> float:
        start, end = self.rng.choices(slots, cum_weights=cumulative)[0]
        return start + self.rng.random() * (end - start)

    # Calls ---------------------------------------------------------------------

    def main_calls(self) -> None:
        spans = self.cat.main_phone_hours.get(self.weekday)
        if self.closed or not spans:
            return
        monday = self.weekday == MON

        def weight(hour: int) -> float:
            w = HOUR_WEIGHT.get(hour, 0.5)
            return w * MONDAY_MORNING if monday and hour < 12 else w

        slots, cumulative = _hour_slots(spans, weight)
        mean_weight = cumulative[-1] / (sum(e - s for s, e in slots) / 3600)
        rng = self.rng
        n = _count(rng, MAIN_CALLS[self.weekday] * self.month_factor)
        arrivals = sorted(self.moment(slots, cumulative) for _ in range(n))
        for i, arrived in enumerate(arrivals):
            busy = weight(int(arrived) // 3600) / mean_weight * MONTH_FACTOR[self.day.month]
            area = None if rng.random() < 0.08 else self.area()
            self.calls.append(self._main_call(i, arrived, busy, area))

    def _main_call(self, i: int, arrived: float, busy: float, area: str | None) -> CallRecord:
        rng = self.rng
        call_id = f"demo-{self.stamp}-m{i:04d}"
        area_id = self.cat.area_ids.get(area) if area else None
        if rng.random() < 0.035 + 0.03 * busy:
            # Hung up in the queue: many at once (a wrong number), the rest
            # after a while.
            if rng.random() < 0.45:
                wait = rng.uniform(2, 10)
            else:
                wait = 10 + rng.expovariate(1 / (25 * busy))
            return CallRecord(
                call_id=call_id,
                line=Line.MAIN,
                arrived_at=self.at(arrived),
                answered_at=None,
                ended_at=self.at(arrived + wait),
                result=CallResult.ABANDONED,
                subject_area_id=area_id,
            )
        if rng.random() < 0.06 * busy:
            wait = 20 + rng.expovariate(1 / 40)
        else:
            wait = rng.expovariate(1 / (5 + 2 * busy))
        result, talk, transferred_to = self._main_result(arrived, area)
        return CallRecord(
            call_id=call_id,
            line=Line.MAIN,
            arrived_at=self.at(arrived),
            answered_at=self.at(arrived + wait),
            ended_at=self.at(arrived + wait + talk),
            result=result,
            subject_area_id=area_id,
            transferred_to_id=transferred_to,
        )

    def _main_result(self, arrived: float, area: str | None) -> tuple[str, float, int | None]:
        rng = self.rng
        # Questions Borgerservice handles itself are often answered at once;
        # the rest mostly go on to a department. Both improve over the years.
        own = area in self.cat.citizen_service_areas
        resolved = (0.42 if own else 0.15) + 0.07 * self.trend
        x = rng.random()
        if x < resolved:
            return CallResult.RESOLVED, 60 + rng.expovariate(1 / 150), None
        department = self.cat.area_department.get(area) if area else None
        if department is None:
            department = rng.choice(list(self.cat.department_ids.values()))
        late = arrived >= 13 * 3600
        x = rng.random()
        if x < (0.1 if late else 0.05):
            return CallResult.FUTILE, 30 + rng.expovariate(1 / 30), department
        if x < (0.14 if late else 0.09):
            return CallResult.RETURNED, 40 + rng.expovariate(1 / 30), department
        if x < 0.3:
            return CallResult.CALLBACK, 45 + rng.expovariate(1 / 60), None
        return CallResult.TRANSFERRED, 25 + rng.expovariate(1 / 40), department

    def department_calls(self) -> None:
        if self.closed:
            return
        rng = self.rng
        election = self._election_weeks()
        for k, (slug, per_day) in enumerate(DEPARTMENT_CALLS.items()):
            spans = self.cat.department_phone_hours[slug].get(self.weekday)
            if not spans:
                continue
            if slug == data.ELECTIONS and election:
                per_day *= 10
            slots, cumulative = _hour_slots(spans)
            areas = self.cat.department_areas.get(slug) or [None]
            for i in range(_count(rng, per_day * self.month_factor)):
                arrived = self.moment(slots, cumulative)
                area = rng.choice(areas)
                area_id = self.cat.area_ids.get(area) if area else None
                call_id = f"demo-{self.stamp}-d{k}-{i:03d}"
                if rng.random() < 0.09:
                    wait = (
                        rng.uniform(3, 15) if rng.random() < 0.4 else 15 + rng.expovariate(1 / 60)
                    )
                    self.calls.append(
                        CallRecord(
                            call_id=call_id,
                            line=Line.DEPARTMENT,
                            arrived_at=self.at(arrived),
                            answered_at=None,
                            ended_at=self.at(arrived + wait),
                            result=CallResult.ABANDONED,
                            subject_area_id=area_id,
                        )
                    )
                    continue
                wait = rng.expovariate(1 / 25)
                x = rng.random()
                if x < 0.78:
                    result, talk = CallResult.RESOLVED, 90 + rng.expovariate(1 / 240)
                elif x < 0.92:
                    result, talk = CallResult.CALLBACK, 60 + rng.expovariate(1 / 60)
                else:
                    result, talk = CallResult.TRANSFERRED, 30 + rng.expovariate(1 / 40)
                self.calls.append(
                    CallRecord(
                        call_id=call_id,
                        line=Line.DEPARTMENT,
                        arrived_at=self.at(arrived),
                        answered_at=self.at(arrived + wait),
                        ended_at=self.at(arrived + wait + talk),
                        result=result,
                        subject_area_id=area_id,
                    )
                )

    def _election_weeks(self) -> bool:
        election = data.municipal_election_day(self.day.year)
        return timedelta(0) <= election - self.day <= timedelta(weeks=6)

    # Contacts -------------------------------------------------------------------

    def _contact(self, n: int, **fields) -> None:
        self.contacts.append(ContactRecord(contact_id=f"demo-{self.stamp}-k{n:04d}", **fields))

    def personal_contacts(self) -> None:
        if self.closed:
            return
        rng = self.rng
        cat = self.cat
        for loc_slug, spans_by_weekday in cat.opening_hours.items():
            spans = spans_by_weekday.get(self.weekday)
            if not spans:
                continue
            location_id = cat.location_ids.get(loc_slug)
            slots, cumulative = _hour_slots(spans)
            factor = self.month_factor
            # Desks: fewer visits for what can be done online, as the years go.
            weights = {}
            for slug in cat.desk_services[loc_slug]:
                service = cat.services.get(slug)
                if service is None:
                    continue
                w = DESK_SERVICE_WEIGHT.get(slug, 2)
                if not service.needs_personal_attendance:
                    w *= 1 - 0.3 * self.trend
                weights[slug] = w
            desk_slugs, desk_cumulative = _weights(weights)
            visits = DESK_VISITS.get(loc_slug, {}).get(self.weekday, 0)
            for _ in range(_count(rng, visits * factor)):
                slug = rng.choices(desk_slugs, cum_weights=desk_cumulative)[0]
                service = cat.services[slug]
                co_service = bool(service.self_service_url) and rng.random() < CO_SERVICE_SHARE
                if co_service:
                    point, outcome = Point.CO_SERVICE, Outcome.CO_SERVED
                    handling = rng.uniform(240, 900)
                else:
                    point = Point.DESK
                    x = rng.random()
                    outcome = (
                        Outcome.RESOLVED
                        if x < 0.88
                        else Outcome.REFERRED_SELF_SERVICE
                        if x < 0.94
                        else Outcome.CALLBACK
                        if x < 0.97
                        else Outcome.TRANSFERRED
                    )
                    handling = service.minutes_per_expedition * 60 * rng.uniform(0.6, 1.5)
                wait = rng.expovariate(1 / 420) if rng.random() < 0.7 else rng.uniform(0, 240)
                self._contact(
                    len(self.contacts),
                    occurred_at=self.at(self.moment(slots, cumulative)),
                    channel=Channel.PERSONAL,
                    point=point,
                    location_id=location_id,
                    subject_area_id=service.subject_area_id,
                    service_id=service.pk,
                    outcome=outcome,
                    wait_seconds=min(int(wait), 3600),
                    handling_seconds=int(handling),
                )
            info = INFORMATION_VISITS.get(loc_slug, {}).get(self.weekday, 0)
            for _ in range(_count(rng, info * factor)):
                x = rng.random()
                outcome = (
                    Outcome.RESOLVED
                    if x < 0.6
                    else Outcome.REFERRED_SELF_SERVICE
                    if x < 0.6 + 0.2 + 0.1 * self.trend
                    else Outcome.TRANSFERRED
                )
                area = self.area()
                self._contact(
                    len(self.contacts),
                    occurred_at=self.at(self.moment(slots, cumulative)),
                    channel=Channel.PERSONAL,
                    point=Point.INFORMATION,
                    location_id=location_id,
                    subject_area_id=cat.area_ids.get(area),
                    outcome=outcome,
                    wait_seconds=int(rng.uniform(0, 90)),
                    handling_seconds=int(30 + rng.expovariate(1 / 90)),
                )
            cash = CASH_VISITS.get(loc_slug, {}).get(self.weekday, 0)
            for _ in range(_count(rng, cash * factor)):
                service = cat.services[rng.choice(CASH_SERVICES)]
                self._contact(
                    len(self.contacts),
                    occurred_at=self.at(self.moment(slots, cumulative)),
                    channel=Channel.PERSONAL,
                    point=Point.CASH,
                    location_id=location_id,
                    subject_area_id=service.subject_area_id,
                    service_id=service.pk,
                    outcome=Outcome.RESOLVED,
                    wait_seconds=int(rng.uniform(0, 180)),
                    handling_seconds=int(rng.uniform(60, 300)),
                )

    def remote_contacts(self) -> None:
        rng = self.rng
        cat = self.cat
        weekend = self.weekday >= SAT or self.closed
        main_spans = cat.main_phone_hours.get(self.weekday)
        for channel, (weekday_mean, weekend_mean, change) in WRITTEN.items():
            mean = (weekend_mean if weekend else weekday_mean) * (1 + change * self.trend)
            if channel in (Channel.CHAT, Channel.VIDEO):
                if weekend or not main_spans:
                    continue
                slots, cumulative = _hour_slots(main_spans)
            else:
                slots, cumulative = [(6 * 3600, 23 * 3600)], [1.0]
            point = Point.WEB if channel == Channel.CHAT else ""
            for _ in range(_count(rng, mean * self.scale)):
                area = self.area()
                x = rng.random()
                if channel == Channel.CHAT:
                    outcome = (
                        Outcome.RESOLVED
                        if x < 0.6
                        else Outcome.REFERRED_SELF_SERVICE
                        if x < 0.85
                        else Outcome.TRANSFERRED
                        if x < 0.95
                        else Outcome.CALLBACK
                    )
                    handling = 120 + rng.expovariate(1 / 300)
                else:
                    outcome = (
                        Outcome.RESOLVED
                        if x < 0.75
                        else Outcome.TRANSFERRED
                        if x < 0.9
                        else Outcome.REFERRED_SELF_SERVICE
                    )
                    handling = 180 + rng.expovariate(1 / 420)
                self._contact(
                    len(self.contacts),
                    occurred_at=self.at(self.moment(slots, cumulative)),
                    channel=channel,
                    point=point,
                    subject_area_id=cat.area_ids.get(area),
                    outcome=outcome,
                    wait_seconds=int(rng.uniform(5, 120)) if channel == Channel.CHAT else None,
                    handling_seconds=int(handling),
                )
        if weekend:
            return
        # Calls on the departments' numbers that back-office staff register.
        for _ in range(_count(rng, PHONE_CONTACTS * self.month_factor)):
            slug = rng.choice(list(DEPARTMENT_CALLS))
            spans = cat.department_phone_hours[slug].get(self.weekday)
            if not spans:
                continue
            slots, cumulative = _hour_slots(spans)
            area = rng.choice(cat.department_areas.get(slug) or [self.area()])
            self._contact(
                len(self.contacts),
                occurred_at=self.at(self.moment(slots, cumulative)),
                channel=Channel.PHONE,
                point=Point.DEPARTMENT_LINE,
                subject_area_id=cat.area_ids.get(area),
                outcome=Outcome.RESOLVED if rng.random() < 0.8 else Outcome.CALLBACK,
                handling_seconds=int(60 + rng.expovariate(1 / 240)),
            )


# --- Months ----------------------------------------------------------------------


def _months(first: date, last_day: date) -> list[tuple[date, date]]:
    """Whole calendar months from `first`'s month that end on or before `last_day`."""
    months = []
    start = first.replace(day=1)
    while True:
        following = (start + timedelta(days=32)).replace(day=1)
        end = following - timedelta(days=1)
        if end > last_day:
            return months
        months.append((start, end))
        start = following


def _self_service(
    cat: _Catalogue, anchor: date, months: list[tuple[date, date]], scale: float
) -> int:
    stored = set(
        SelfServiceCount.objects.filter(period_start__gte=anchor).values_list(
            "service_id", "period_start", "period_end"
        )
    )
    records = []
    for start, end in months:
        trend = _clamp((start - anchor).days / TREND_DAYS, 0.0, 1.0)
        rng = random.Random(f"{SEED}:self-service:{start.isoformat()}")  # noqa: S311
        for s in data.SERVICES:
            service = cat.services.get(s.slug)
            if service is None or not s.self_service_url:
                continue
            total = SELF_SERVICE_MONTHLY.get(s.slug, 40) * MONTH_FACTOR[start.month]
            total *= SELF_SERVICE_SEASON.get(s.slug, {}).get(start.month, 1.0)
            total = max(1, round(total * scale * rng.gauss(1.0, 0.08)))
            if s.mandatory_self_service:
                share = 0.75 + 0.13 * trend + rng.gauss(0, 0.015)
            else:
                share = 0.42 + 0.15 * trend + rng.gauss(0, 0.03)
            digital = round(total * _clamp(share, 0.0, 0.99))
            if (service.pk, start, end) in stored:
                continue
            records.append(
                SelfServiceRecord(
                    service_id=service.pk,
                    period_start=start,
                    period_end=end,
                    digital=digital,
                    manual=total - digital,
                )
            )
    return self_service_store(records=records, source=SOURCE).created


def _mail_counts(
    cat: _Catalogue, anchor: date, months: list[tuple[date, date]], scale: float
) -> int:
    stored = set(
        MailCount.objects.filter(period_start__gte=anchor).values_list("period_start", flat=True)
    )
    rows = []
    for start, end in months:
        if start in stored:
            continue
        trend = _clamp((start - anchor).days / TREND_DAYS, 0.0, 1.0)
        rng = random.Random(f"{SEED}:mail:{start.isoformat()}")  # noqa: S311
        weights = _area_weights(start.month)
        total_weight = sum(weights.values())
        for kind, (monthly, change) in MAIL_MONTHLY.items():
            total = monthly * (1 + change * trend) * MONTH_FACTOR[start.month] * scale
            for area, weight in weights.items():
                area_id = cat.area_ids.get(area)
                if area_id is None:
                    continue
                count = round(total * weight / total_weight * rng.gauss(1.0, 0.1))
                department = cat.area_department.get(area)
                forwarded = round(count * FORWARDED_SHARE) if department else 0
                for forwarded_to, n in ((None, count - forwarded), (department, forwarded)):
                    if n > 0:
                        rows.append(
                            MailCount(
                                period_start=start,
                                period_end=end,
                                kind=kind,
                                subject_area_id=area_id,
                                forwarded_to_id=forwarded_to,
                                count=n,
                            )
                        )
    MailCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


# --- The seed --------------------------------------------------------------------


def _local_day(value: datetime | None, tz: ZoneInfo) -> date | None:
    return value.astimezone(tz).date() if value else None


@transaction.atomic
def demo_activity_seed(*, scale: float = 1.0, today: date | None = None) -> ActivityResult:
    """Add the demo activity from 1 January of last year (or the day after the
    last demo record) up to yesterday. `scale` thins every volume (tests use a
    small one). Needs the catalogue of `demo_seed()`.

    Idempotent: days already seeded are not generated again, and a record
    whose id is stored is skipped by the contact registry anyway.
    """
    today = today or clock.today()
    result = ActivityResult()
    cat = _Catalogue.load()
    if not cat.services:
        return result
    tz = cat.tz
    calls = Call.objects.filter(source=SOURCE).aggregate(
        first=Min("arrived_at"), last=Max("arrived_at")
    )
    contacts = Contact.objects.filter(source=SOURCE).aggregate(
        first=Min("occurred_at"), last=Max("occurred_at")
    )
    firsts = [d for d in (_local_day(calls["first"], tz), _local_day(contacts["first"], tz)) if d]
    lasts = [d for d in (_local_day(calls["last"], tz), _local_day(contacts["last"], tz)) if d]
    # The trends start on the first demo day ever seeded, so a later top-up
    # continues them.
    anchor = min(firsts) if firsts else date(today.year - 1, 1, 1)
    anchor = anchor.replace(month=1, day=1)
    first = max(lasts) + timedelta(days=1) if lasts else anchor
    last = today - timedelta(days=1)
    day = first
    while day <= last:
        # A week at a time keeps memory small and the inserts large.
        week_calls: list[CallRecord] = []
        week_contacts: list[ContactRecord] = []
        for _ in range(7):
            if day > last:
                break
            d = _Day(cat, day, _clamp((day - anchor).days / TREND_DAYS, 0.0, 1.0), scale)
            d.main_calls()
            d.department_calls()
            d.personal_contacts()
            d.remote_contacts()
            week_calls += d.calls
            week_contacts += d.contacts
            day += timedelta(days=1)
        result.calls += calls_store(records=week_calls, source=SOURCE).created
        result.contacts += contacts_store(records=week_contacts, source=SOURCE).created
    if result.calls or result.contacts:
        result.first_day, result.last_day = first, last
    months = _months(anchor, last)
    result.self_service_counts = _self_service(cat, anchor, months, scale)
    result.mail_counts = _mail_counts(cat, anchor, months, scale)
    return result
