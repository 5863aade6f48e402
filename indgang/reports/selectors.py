"""The citizen-service report (borgerserviceberetning): the figures of the
JSON contract in docs/reports.md, per year or quarter.

Calls and contacts are read from the daily tallies (`contacts.CallTally`,
`contacts.ContactTally`: one row per local day and key), so a year with
millions of calls costs a GROUP BY over a few thousand rows. Front-desk
expeditions are read where they are (`frontdesk.Expedition`, grouped in the
database by their local date), self-service and mail counts directly; the
booking figures come from the front desk's measures and survey.

Everything returned is plain JSON: ints, floats (percentages rounded to one
decimal), None and strings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Sum, Value, When
from django.db.models.functions import ExtractIsoWeekDay, ExtractQuarter, ExtractYear
from django.utils.translation import gettext as _

from indgang.booking.models import Booking, BookingChannel
from indgang.catalogue.hours import period_instants
from indgang.catalogue.models import Channel, Department, Outcome, Service, SubjectArea
from indgang.contactcentre.models import CallbackStatus, CallbackTask
from indgang.contacts.models import (
    CallResult,
    CallTally,
    ContactTally,
    Line,
    MailCount,
    MailKind,
    Point,
    SelfServiceCount,
)
from indgang.core import clock
from indgang.digitalmail.models import Mail
from indgang.frontdesk.measures import BUCKETS, frontdesk_measures
from indgang.frontdesk.models import Expedition
from indgang.frontdesk.survey import survey_results

from .models import KpiTargets

YEAR_MIN = 2000
YEAR_MAX = 2100
QUARTERS = (1, 2, 3, 4)

# Personal expeditions: personal contacts at a desk or co-served at the self-service PCs.
EXPEDITION_POINTS = (Point.DESK, Point.CO_SERVICE)
# Wait buckets of `CallTally.wait_bucket`: 0: ≤ 10 s, 1: ≤ 20 s, 2: ≤ 60 s, 3: > 60 s.
WITHIN_20S = (0, 1)
# Outcomes that count in first-contact resolution's denominator.
FCR_RESULTS = (CallResult.RESOLVED, CallResult.TRANSFERRED, CallResult.CALLBACK, CallResult.FUTILE)
DIGITAL_CHANNELS = (Channel.SELF_SERVICE, Channel.CHAT, Channel.EMAIL, Channel.DIGITAL_POST)
BY_YEAR_MAX = 5

KPI_KEYS = (
    "service_level_pct",
    "abandoned_after_20s_pct",
    "first_contact_resolution_pct",
    "digitisation_pct",
    "digital_share_pct",
)
AT_MOST = {"abandoned_after_20s_pct"}


def kpi_targets_get() -> KpiTargets:
    """The municipality's KPI targets (the one row, created with the defaults)."""
    targets, _created = KpiTargets.objects.get_or_create(pk=1)
    return targets


def pct(part: int, whole: int) -> float | None:
    """part ÷ whole × 100 rounded to one decimal; None when whole is 0."""
    return round(part * 100 / whole, 1) if whole else None


def period_bounds(*, year: int, quarter: int | None = None) -> tuple[date, date]:
    """The first and last local date of the year, or of one quarter of it."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"year must be {YEAR_MIN}–{YEAR_MAX}")
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    if quarter not in QUARTERS:
        raise ValueError("quarter must be 1–4")
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, following - timedelta(days=1)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


# --- Reading ------------------------------------------------------------------


def _year_calls(first: date, last: date) -> list[dict]:
    """Calls of the year per quarter, line, result, subject area and wait bucket."""
    return list(
        CallTally.objects.filter(day__gte=first, day__lte=last)
        .order_by()
        .annotate(q=ExtractQuarter("day"))
        .values("q", "line", "result", "subject_area_id", "wait_bucket")
        .annotate(n=Sum("calls"))
    )


def _saturday(weekday):
    return Case(When(**{weekday: 6}, then=Value(1)), default=Value(0), output_field=IntegerField())


def _year_contacts(first: date, last: date) -> list[dict]:
    """Contacts of the year per quarter, channel, point, subject area and Saturday or not."""
    return list(
        ContactTally.objects.filter(day__gte=first, day__lte=last)
        .order_by()
        .annotate(q=ExtractQuarter("day"), wd=ExtractIsoWeekDay("day"))
        .annotate(sat=_saturday("wd"))
        .values("q", "channel", "point", "subject_area_id", "sat")
        .annotate(n=Sum("contacts"))
    )


def _year_expeditions(first: date, last: date, tz: ZoneInfo) -> list[dict]:
    """Expeditions of the year (local time) per quarter, point, subject area and Saturday."""
    start, end = period_instants(first, last, tz)
    return list(
        Expedition.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        .order_by()
        .annotate(
            q=ExtractQuarter("occurred_at", tzinfo=tz),
            wd=ExtractIsoWeekDay("occurred_at", tzinfo=tz),
        )
        .annotate(sat=_saturday("wd"))
        .values("q", "point", "subject_area_id", "sat")
        .annotate(n=Count("pk"))
    )


@dataclass
class _Cell:
    """What the channel mix and the year-on-year change need of one quarter."""

    contacts: Counter = field(default_factory=Counter)  # channel → n
    calls: int = 0  # incoming calls, all lines
    expeditions: int = 0  # all front-desk expeditions
    personal_expeditions: int = 0  # Contact(personal) + Expedition at desk/co-service
    self_service_digital: int = 0


def _history(last: date, tz: ZoneInfo) -> dict[tuple[int, int], _Cell]:
    """(year, quarter) → _Cell for every quarter up to `last` (the tallies are small)."""
    cells: dict[tuple[int, int], _Cell] = defaultdict(_Cell)
    contact_rows = (
        ContactTally.objects.filter(day__lte=last)
        .order_by()
        .annotate(y=ExtractYear("day"), q=ExtractQuarter("day"))
        .values("y", "q", "channel", "point")
        .annotate(n=Sum("contacts"))
    )
    for row in contact_rows:
        cell = cells[row["y"], row["q"]]
        cell.contacts[row["channel"]] += row["n"]
        if row["channel"] == Channel.PERSONAL and row["point"] in EXPEDITION_POINTS:
            cell.personal_expeditions += row["n"]
    call_rows = (
        CallTally.objects.filter(day__lte=last)
        .order_by()
        .annotate(y=ExtractYear("day"), q=ExtractQuarter("day"))
        .values("y", "q")
        .annotate(n=Sum("calls"))
    )
    for row in call_rows:
        cells[row["y"], row["q"]].calls += row["n"]
    _start, end = period_instants(last, last, tz)
    expedition_rows = (
        Expedition.objects.filter(occurred_at__lt=end)
        .order_by()
        .annotate(
            y=ExtractYear("occurred_at", tzinfo=tz), q=ExtractQuarter("occurred_at", tzinfo=tz)
        )
        .values("y", "q", "point")
        .annotate(n=Count("pk"))
    )
    for row in expedition_rows:
        cell = cells[row["y"], row["q"]]
        cell.expeditions += row["n"]
        if row["point"] in EXPEDITION_POINTS:
            cell.personal_expeditions += row["n"]
    self_service_rows = (
        SelfServiceCount.objects.filter(period_start__lte=last)
        .order_by()
        .annotate(y=ExtractYear("period_start"), q=ExtractQuarter("period_start"))
        .values("y", "q")
        .annotate(n=Sum("digital"))
    )
    for row in self_service_rows:
        cells[row["y"], row["q"]].self_service_digital += row["n"]
    return cells


# --- Sections -----------------------------------------------------------------


def _channel_mix(cells: list[_Cell]) -> dict:
    """Contacts per channel over `cells` (see docs/reports.md, "Channel mix")."""
    contacts: Counter = Counter()
    calls = expeditions = self_service = 0
    for cell in cells:
        contacts.update(cell.contacts)
        calls += cell.calls
        expeditions += cell.expeditions
        self_service += cell.self_service_digital
    mix = {channel.value: contacts[channel.value] for channel in Channel}
    mix[Channel.PERSONAL] += expeditions
    mix[Channel.PHONE] = calls if calls else contacts[Channel.PHONE]
    mix[Channel.SELF_SERVICE] += self_service
    total = sum(mix.values())
    mix["total"] = total
    mix["digital_share_pct"] = pct(sum(mix[c] for c in DIGITAL_CHANNELS), total)
    return mix


def _channels(history: dict, *, year: int, quarters: tuple[int, ...]) -> dict:
    period = _channel_mix([history[year, q] for q in quarters if (year, q) in history])
    by_year = []
    for y in sorted({y for y, _q in history}):
        if y > year:
            continue
        mix = _channel_mix([history[y, q] for q in QUARTERS if (y, q) in history])
        if mix["total"]:
            by_year.append({"year": y, **mix})
    return {"year": period, "by_year": by_year[-BY_YEAR_MAX:]}


def _personal(
    contacts: list[dict],
    expeditions: list[dict],
    history: dict,
    *,
    year: int,
    quarters: tuple[int, ...],
    area_slugs: dict[int, str],
) -> dict:
    by_quarter = [0, 0, 0, 0]
    by_point: Counter = Counter()
    by_area: Counter = Counter()
    saturday = 0
    personal_rows = [r for r in contacts if r["channel"] == Channel.PERSONAL]
    for row in [*personal_rows, *expeditions]:
        in_period = row["q"] in quarters
        if in_period:
            by_point[row["point"]] += row["n"]
        if row["point"] not in EXPEDITION_POINTS:
            continue
        by_quarter[row["q"] - 1] += row["n"]
        if in_period:
            saturday += row["n"] * row["sat"]
            if row["subject_area_id"]:
                by_area[area_slugs[row["subject_area_id"]]] += row["n"]
    total = sum(by_quarter[q - 1] for q in quarters)
    previous = sum(
        history[year - 1, q].personal_expeditions for q in quarters if (year - 1, q) in history
    )
    previous_total = previous or None
    return {
        "expeditions": {
            "total": total,
            "by_quarter": by_quarter,
            "previous_year_total": previous_total,
            "change_pct": pct(total - previous, previous) if previous_total else None,
        },
        "by_subject_area": _sorted_counts(by_area),
        "saturday": saturday,
        "information_desk": by_point[Point.INFORMATION],
        "cash_desk": by_point[Point.CASH],
        "co_service": by_point[Point.CO_SERVICE],
    }


def _buckets(counts: Counter) -> dict:
    return {
        "within_10s": counts[0],
        "10_to_60s": counts[1] + counts[2],
        "over_60s": counts[3],
    }


def _calls(calls: list[dict], *, quarters: tuple[int, ...], area_slugs: dict[int, str]) -> dict:
    """The switchboard, contact centre and phone-by-subject-area sections."""
    main = [r for r in calls if r["line"] == Line.MAIN]
    period_main = [r for r in main if r["q"] in quarters]

    incoming = sum(r["n"] for r in period_main)
    abandoned_rows = [r for r in period_main if r["result"] == CallResult.ABANDONED]
    answered_rows = [r for r in period_main if r["result"] != CallResult.ABANDONED]
    abandoned = sum(r["n"] for r in abandoned_rows)
    answered = incoming - abandoned
    answered_wait: Counter = Counter()
    abandoned_wait: Counter = Counter()
    for row in answered_rows:
        answered_wait[row["wait_bucket"]] += row["n"]
    for row in abandoned_rows:
        abandoned_wait[row["wait_bucket"]] += row["n"]
    quarterly = [{"incoming": 0, "abandoned": 0} for _q in QUARTERS]
    fcr_by_quarter = [Counter() for _q in QUARTERS]
    for row in main:
        quarterly[row["q"] - 1]["incoming"] += row["n"]
        if row["result"] == CallResult.ABANDONED:
            quarterly[row["q"] - 1]["abandoned"] += row["n"]
        fcr_by_quarter[row["q"] - 1][row["result"]] += row["n"]

    def fcr(results: Counter) -> float | None:
        return pct(results[CallResult.RESOLVED], sum(results[r] for r in FCR_RESULTS))

    results: Counter = Counter()
    for q in quarters:
        results.update(fcr_by_quarter[q - 1])

    all_lines = [r for r in calls if r["q"] in quarters]
    all_incoming = sum(r["n"] for r in all_lines)
    all_resolved = sum(r["n"] for r in all_lines if r["result"] == CallResult.RESOLVED)

    by_area: dict[str, dict] = defaultdict(lambda: {"calls": 0, "resolved": 0})
    for row in period_main:
        if row["subject_area_id"]:
            slot = by_area[area_slugs[row["subject_area_id"]]]
            slot["calls"] += row["n"]
            if row["result"] == CallResult.RESOLVED:
                slot["resolved"] += row["n"]

    switchboard = {
        "incoming": incoming,
        "answered": answered,
        "abandoned": abandoned,
        "answered_pct": pct(answered, incoming),
        "abandoned_pct": pct(abandoned, incoming),
        "answered_wait": _buckets(answered_wait),
        "abandoned_wait": _buckets(abandoned_wait),
        "by_quarter": quarterly,
    }
    contact_centre = {
        "service_level_pct": pct(sum(answered_wait[b] for b in WITHIN_20S), incoming),
        "abandoned_after_20s_pct": pct(
            abandoned - sum(abandoned_wait[b] for b in WITHIN_20S), incoming
        ),
        "first_contact_resolution_pct": {
            "year": fcr(results),
            "by_quarter": [fcr(c) for c in fcr_by_quarter],
        },
        "futile_calls": results[CallResult.FUTILE],
        "returned_calls": results[CallResult.RETURNED],
        "calls_per_resolved_question": (
            round(all_incoming / all_resolved, 2) if all_resolved else None
        ),
        "incoming": all_incoming,
        "resolved": all_resolved,
    }
    return {
        "switchboard": switchboard,
        "contact_centre": contact_centre,
        "phone_by_subject_area": dict(sorted(by_area.items())),
    }


def _self_service(first: date, last: date, quarters: tuple[int, ...]) -> tuple[dict, dict]:
    """The self-service section and, per subject area id, the digital count
    of the period (for the distribution by subject area)."""
    rows = (
        SelfServiceCount.objects.filter(period_start__gte=first, period_start__lte=last)
        .order_by()
        .annotate(q=ExtractQuarter("period_start"))
        .values(
            "q",
            "service__slug",
            "service__mandatory_self_service",
            "service__subject_area_id",
        )
        .annotate(digital=Sum("digital"), manual=Sum("manual"))
    )
    per_service: dict[str, dict] = {}
    digital_by_area: Counter = Counter()
    for row in rows:
        slot = per_service.setdefault(
            row["service__slug"],
            {
                "digital": 0,
                "manual": 0,
                "quarters": [[0, 0] for _q in QUARTERS],
                "mandatory": row["service__mandatory_self_service"],
            },
        )
        slot["quarters"][row["q"] - 1][0] += row["digital"]
        slot["quarters"][row["q"] - 1][1] += row["manual"]
        if row["q"] in quarters:
            slot["digital"] += row["digital"]
            slot["manual"] += row["manual"]
            digital_by_area[row["service__subject_area_id"]] += row["digital"]
    section = {
        slug: {
            "digital": slot["digital"],
            "manual": slot["manual"],
            "digitisation_pct": pct(slot["digital"], slot["digital"] + slot["manual"]),
            "by_quarter": [pct(d, d + m) for d, m in slot["quarters"]],
            "mandatory": slot["mandatory"],
        }
        for slug, slot in sorted(per_service.items())
    }
    return section, digital_by_area


def _by_subject_area(
    contacts: list[dict],
    expeditions: list[dict],
    calls: list[dict],
    self_service_by_area: Counter,
    *,
    quarters: tuple[int, ...],
    area_slugs: dict[int, str],
) -> dict:
    """The channel mix of the period per subject area (contacts without one are left out)."""
    period_calls = [r for r in calls if r["q"] in quarters]
    counted_calls = bool(sum(r["n"] for r in period_calls))
    counts: Counter = Counter()
    for row in contacts:
        if row["q"] not in quarters:
            continue
        if row["channel"] == Channel.PHONE and counted_calls:
            continue  # the calls count for the phone
        counts[row["subject_area_id"]] += row["n"]
    for row in expeditions:
        if row["q"] in quarters:
            counts[row["subject_area_id"]] += row["n"]
    for row in period_calls:
        counts[row["subject_area_id"]] += row["n"]
    counts.update(self_service_by_area)
    return _sorted_counts(
        Counter({area_slugs[area]: n for area, n in counts.items() if area and n})
    )


def _sorted_counts(counts: Counter) -> dict:
    return {slug: n for slug, n in sorted(counts.items()) if n}


def _digital_mail(first: date, last: date) -> dict:
    """Digital mail: the counts kept by hand or imported (`MailCount`, by
    period start) plus the mails in the inbox (`digitalmail.Mail`, by the
    local day they were received), secure and plain, in one query."""
    counted = (
        MailCount.objects.filter(period_start__gte=first, period_start__lte=last)
        .order_by()
        .values("kind", "subject_area__slug", "forwarded_to__slug")
        .annotate(n=Sum("count"))
    )
    start, end = period_instants(first, last, _tz())
    received = (
        Mail.objects.filter(received_at__gte=start, received_at__lt=end)
        .order_by()
        .values("kind", "subject_area__slug", "forwarded_to__slug")
        .annotate(n=Count("pk"))
    )
    kinds: Counter = Counter()
    by_area: Counter = Counter()
    forwarded: Counter = Counter()
    for row in counted.union(received, all=True):  # one query; ALL keeps equal rows
        kinds[row["kind"]] += row["n"]
        if row["subject_area__slug"]:
            by_area[row["subject_area__slug"]] += row["n"]
        if row["forwarded_to__slug"]:
            forwarded[row["forwarded_to__slug"]] += row["n"]
    return {
        "secure": kinds[MailKind.SECURE],
        "plain": kinds[MailKind.PLAIN],
        "by_subject_area": _sorted_counts(by_area),
        "forwarded_to": _sorted_counts(forwarded),
    }


def _booking(first: date, last: date, tz: ZoneInfo) -> dict | None:
    """Booking channel, served on time and the survey; None when there is none of them."""
    start, end = period_instants(first, last, tz)
    channel_counts = Counter(
        dict(
            Booking.objects.active()
            .filter(start__gte=start, start__lt=end)
            .order_by()
            .values_list("channel")
            .annotate(n=Count("pk"))
        )
    )
    on_time = frontdesk_measures(date_from=first, date_to=last)["on_time"]
    survey = survey_results(date_from=first, date_to=last)
    if not channel_counts and not on_time["total"] and not survey["total"]:
        return None
    share = on_time["on_time_share"]
    counts = {b["bucket"]: b["count"] for b in on_time["buckets"]}
    return {
        "channels": {c.value: channel_counts[c.value] for c in BookingChannel},
        "served_on_time": {
            "total": on_time["total"],
            "on_time_pct": round(share * 100, 1) if share is not None else None,
            "buckets": {b.value: counts.get(b.value, 0) for b in BUCKETS},
        },
        "survey": {
            "answers": survey["total"],
            "questions": [
                {
                    "field": q["field"],
                    "question": str(q["question"]),
                    "answered": q["answered"],
                    "rows": [
                        {
                            "value": r["value"],
                            "label": str(r["label"]),
                            "count": r["count"],
                            "pct": pct(r["count"], q["answered"]),
                        }
                        for r in q["rows"]
                    ],
                }
                for q in survey["questions"]
            ],
        },
    }


def _kpis(report: dict, targets: dict, mandatory_digitisation: float | None) -> list[dict]:
    values = {
        "service_level_pct": report["contact_centre"]["service_level_pct"],
        "abandoned_after_20s_pct": report["contact_centre"]["abandoned_after_20s_pct"],
        "first_contact_resolution_pct": report["contact_centre"]["first_contact_resolution_pct"][
            "year"
        ],
        "digitisation_pct": mandatory_digitisation,
        "digital_share_pct": report["channels"]["year"]["digital_share_pct"],
    }
    labels = {
        "service_level_pct": _("Besvaret inden for 20 sek."),
        "abandoned_after_20s_pct": _("Lagt på efter 20 sek."),
        "first_contact_resolution_pct": _("Straksafklaring"),
        "digitisation_pct": _("Digitaliseringsgrad, obligatorisk selvbetjening"),
        "digital_share_pct": _("Digital andel af alle henvendelser"),
    }
    kpis = []
    for key in KPI_KEYS:
        value, target = values[key], targets[key]
        direction = "at_most" if key in AT_MOST else "at_least"
        if value is None:
            met = None
        elif direction == "at_most":
            met = value <= target
        else:
            met = value >= target
        kpis.append(
            {
                "key": key,
                "label": labels[key],
                "value": value,
                "target": target,
                "direction": direction,
                "met": met,
            }
        )
    return kpis


# Contact-centre measures (docs/reports.md, "Contact-centre measures"): main-line
# call tallies plus phone contacts registered by the agents (desktop, quick
# registration), i.e. phone ContactTally rows at the main line or with no point.
CENTRE_PHONE_POINTS = (Point.MAIN_LINE, "")
CENTRE_RESOLVED_OUTCOMES = (Outcome.RESOLVED, Outcome.REFERRED_SELF_SERVICE)
CENTRE_HANDLED_OUTCOMES = (
    *CENTRE_RESOLVED_OUTCOMES,
    Outcome.TRANSFERRED,
    Outcome.CALLBACK,
    Outcome.FUTILE,
)
OPEN_CALLBACK = (CallbackStatus.OPEN, CallbackStatus.IN_PROGRESS)


def _centre_phone_contacts(first: date, last: date) -> list[dict]:
    return list(
        ContactTally.objects.filter(
            day__gte=first, day__lte=last, channel=Channel.PHONE, point__in=CENTRE_PHONE_POINTS
        )
        .order_by()
        .values("outcome", "subject_area_id")
        .annotate(n=Sum("contacts"))
    )


def _callback_measures(first: date, last: date, tz: ZoneInfo) -> dict:
    start, end = period_instants(first, last, tz)
    now = clock.now()
    total = done = within = overdue = not_due = 0
    for status, deadline, closed_at in CallbackTask.objects.filter(
        created_at__gte=start, created_at__lt=end
    ).values_list("status", "deadline", "closed_at"):
        total += 1
        if status == CallbackStatus.DONE:
            done += 1
            if closed_at is not None and closed_at <= deadline:
                within += 1
        elif status in OPEN_CALLBACK:
            if deadline < now:
                overdue += 1
            else:
                not_due += 1
    return {
        "total": total,
        "done": done,
        "done_within_deadline": within,
        # Of the tasks that are closed or past their deadline (an open task
        # whose deadline is still ahead cannot have missed it yet).
        "within_deadline_pct": pct(within, total - not_due),
        "overdue_open": overdue,
    }


def _contact_centre_measures(
    calls: list[dict],
    *,
    first: date,
    last: date,
    quarters: tuple[int, ...],
    area_slugs: dict[int, str],
    tz: ZoneInfo,
) -> dict:
    """First-contact resolution by subject area, calls per resolved question
    and callbacks done within their deadline, for the period."""
    resolved: Counter = Counter()  # subject_area_id → n
    handled: Counter = Counter()
    all_calls = 0
    for row in calls:
        if row["line"] != Line.MAIN or row["q"] not in quarters:
            continue
        all_calls += row["n"]
        if row["result"] in FCR_RESULTS:
            handled[row["subject_area_id"]] += row["n"]
            if row["result"] == CallResult.RESOLVED:
                resolved[row["subject_area_id"]] += row["n"]
    for row in _centre_phone_contacts(first, last):
        all_calls += row["n"]
        if row["outcome"] in CENTRE_HANDLED_OUTCOMES:
            handled[row["subject_area_id"]] += row["n"]
            if row["outcome"] in CENTRE_RESOLVED_OUTCOMES:
                resolved[row["subject_area_id"]] += row["n"]
    by_area = {}
    for area_id in sorted(handled, key=lambda a: area_slugs.get(a, "")):
        if area_id and area_id in area_slugs and handled[area_id]:
            by_area[area_slugs[area_id]] = {
                "resolved": resolved[area_id],
                "handled": handled[area_id],
                "pct": pct(resolved[area_id], handled[area_id]),
            }
    total_resolved = sum(resolved.values())
    return {
        "first_contact_resolution_by_subject_area": dict(sorted(by_area.items())),
        "calls_per_resolved_question": (
            round(all_calls / total_resolved, 2) if total_resolved else None
        ),
        "callbacks": _callback_measures(first, last, tz),
    }


def _labels(areas: list[SubjectArea], self_service: dict, mail: dict) -> dict:
    service_names = dict(
        Service.objects.filter(slug__in=list(self_service)).order_by().values_list("slug", "name")
    )
    return {
        "subject_areas": {a.slug: a.display_name for a in areas},
        "services": {slug: service_names.get(slug, slug) for slug in self_service},
        "departments": dict(
            Department.objects.filter(slug__in=list(mail["forwarded_to"]))
            .order_by()
            .values_list("slug", "name")
        ),
        "channels": {c.value: str(c.label) for c in Channel},
        "outcomes": {o.value: str(o.label) for o in Outcome},
    }


def citizen_service_report(*, year: int, quarter: int | None = None) -> dict:
    """The citizen-service report of `year`, or of one quarter of it: the
    figures of the contract (docs/reports.md) plus what the page, PDF and
    spreadsheet show next to them. With a quarter every total is for that
    quarter; the `by_quarter` arrays always cover the whole year."""
    first, last = period_bounds(year=year, quarter=quarter)
    year_first, year_last = period_bounds(year=year)
    quarters = QUARTERS if quarter is None else (quarter,)
    tz = _tz()

    calls = _year_calls(year_first, year_last)
    contacts = _year_contacts(year_first, year_last)
    expeditions = _year_expeditions(year_first, year_last, tz)
    history = _history(year_last, tz)
    areas = list(SubjectArea.objects.all())
    area_slugs = {a.pk: a.slug for a in areas}
    self_service, self_service_by_area = _self_service(year_first, year_last, quarters)
    mail = _digital_mail(first, last)

    call_sections = _calls(calls, quarters=quarters, area_slugs=area_slugs)
    report = {
        "year": year,
        "quarter": quarter,
        "period": {"start": first.isoformat(), "end": last.isoformat()},
        "generated_at": clock.localnow().isoformat(timespec="seconds"),
        "personal": _personal(
            contacts, expeditions, history, year=year, quarters=quarters, area_slugs=area_slugs
        ),
        "switchboard": call_sections["switchboard"],
        "contact_centre": call_sections["contact_centre"],
        "self_service": self_service,
        "channels": _channels(history, year=year, quarters=quarters),
        "by_subject_area": _by_subject_area(
            contacts,
            expeditions,
            calls,
            self_service_by_area,
            quarters=quarters,
            area_slugs=area_slugs,
        ),
        "phone_by_subject_area": call_sections["phone_by_subject_area"],
        "digital_mail": mail,
        "booking": _booking(first, last, tz),
        "contact_centre_measures": _contact_centre_measures(
            calls, first=first, last=last, quarters=quarters, area_slugs=area_slugs, tz=tz
        ),
    }
    mandatory = [s for s in self_service.values() if s["mandatory"]]
    mandatory_digital = sum(s["digital"] for s in mandatory)
    mandatory_digitisation = pct(
        mandatory_digital, mandatory_digital + sum(s["manual"] for s in mandatory)
    )
    kpi_targets = kpi_targets_get()
    targets = {key: float(getattr(kpi_targets, key)) for key in KPI_KEYS}
    report["targets"] = targets
    report["kpis"] = _kpis(report, targets, mandatory_digitisation)
    report["labels"] = _labels(areas, self_service, mail)
    return report
