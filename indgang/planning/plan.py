"""The week's staffing plan: agents per half hour for the phone and the chat,
desks per hour at each location, and the same as a spreadsheet.

Phone and chat (per half hour of a local day)
    calls_per_hour = 2 × the forecast for the half hour, and
    ``erlang.staffing`` with the measured handling time (AHT) and, for the
    phone, the measured patience (Erlang A; with no abandoned call at all the
    patience cannot be estimated and Erlang C is used). The chat uses the
    patience in the parameters (abandoned chats are not recorded) and its own
    answer time (a chat may wait longer than a call).

Measured figures (`phone_measured`, `chat_measured`, `desk_measured`) come
from the records of the last ``params.weeks`` weeks before the plan's Monday
(or before today, when the week has begun or lies in the past):

- phone AHT = the mean ``talk_seconds`` of the answered main-line calls
  + ``params.wrap_up_seconds`` (the records hold the talk time only);
- phone patience = the sum of the waits of ALL main-line calls / the number
  of abandoned calls. Patience is taken to be exponential (as in Erlang A).
  An abandoned call shows its caller's patience (its wait); an answered call
  only shows that the patience was longer than its wait (a right-censored
  observation). For exponential lifetimes with censoring, the maximum-
  likelihood estimate of the mean is the total observed time of all
  observations divided by the number of uncensored ones. Taking the mean wait
  of the abandoned calls alone would ignore the patient callers who were
  answered and underestimate the patience badly;
- chat AHT = the mean ``handling_seconds`` of chat contacts (the registered
  handling time includes the writing);
- desk handling time = the mean ``handling_seconds`` of personal contacts at
  the desks and the co-service PCs (contact registry and front-desk
  expeditions) at the location, or at every location when it has none.
With no records at all the defaults below are used and marked so.

Front desk (per location and local hour)
    booked desks = ceil(booked minutes in the hour / 60), where a booking's
    minutes (start to end) are counted in the hours they cover; "bookinger"
    counts the bookings starting in the hour; only active (not cancelled)
    bookings count. Walk-in desks = Erlang C with the walk-ins forecast for
    the hour (both half hours), the measured desk handling time and the
    target "params.walk_in_service_level served within
    params.walk_in_wait_minutes". Desks = booked + walk-in desks.

Only half hours with a forecast (≥ ``MIN_VOLUME``) and hours with a forecast,
bookings or opening hours appear; a channel with no forecast in a shown
interval needs 0 agents.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta

import pygal
from django.db.models import Avg, Count, Q, Sum
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from indgang.booking.models import Booking
from indgang.catalogue import hours
from indgang.catalogue.models import Channel, Desk, Location, Point
from indgang.catalogue.selectors import location_list, location_schedule
from indgang.contacts.models import Call, CallResult, Contact, Line
from indgang.core import clock
from indgang.frontdesk.models import Expedition
from indgang.reports.charts import chart_new, chart_svg, count_axis

from .erlang import staffing

SLOTS = 48
# A half hour expecting less than this (one contact in twenty weeks) counts
# as closed: the forecast's smoothing must not put an agent on duty at 3 am.
MIN_VOLUME = 0.05
# Used when the period has no records to measure.
DEFAULT_TALK_SECONDS = 180.0
DEFAULT_CHAT_SECONDS = 420.0
DEFAULT_DESK_SECONDS = 600.0
DESK_POINTS = (Point.DESK, Point.CO_SERVICE)
TZ = hours.DEFAULT_TZ


@dataclass(frozen=True)
class PlanParams:
    """The targets and assumptions of a plan; the defaults are the usual
    Danish contact-centre targets (80 % within 20 s, at most 8 % hanging up
    after 20 s)."""

    target_service_level: float = 0.8
    answer_within_seconds: float = 20
    max_abandoned_after: float = 0.08
    shrinkage: float = 0.3
    wrap_up_seconds: float = 30
    chat_answer_within_seconds: float = 60
    chat_patience_seconds: float = 300
    walk_in_wait_minutes: float = 15
    walk_in_service_level: float = 0.8
    weeks: int = 8


# --- Measured figures ------------------------------------------------------------


def measurement_period(monday: date, *, weeks: int = 8, today: date | None = None):
    """(first, last) local dates: the `weeks` weeks before the plan's Monday,
    or before today when that is earlier."""
    today = today or clock.today()
    last = min(monday, today) - timedelta(days=1)
    return last - timedelta(days=7 * weeks - 1), last


def phone_measured(*, first: date, last: date, wrap_up_seconds: float = 0.0) -> dict:
    """AHT and patience of the main line from its calls `first`..`last`
    (see the module docstring for why patience = total wait / abandoned)."""
    start, end = hours.period_instants(first, last)
    row = Call.objects.filter(line=Line.MAIN, arrived_at__gte=start, arrived_at__lt=end).aggregate(
        calls=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        abandoned=Count("pk", filter=Q(result=CallResult.ABANDONED)),
        talk=Avg("talk_seconds", filter=Q(answered_at__isnull=False)),
        wait_total=Sum("wait_seconds"),
    )
    talk = row["talk"]
    measured = talk is not None
    talk = float(talk) if measured else DEFAULT_TALK_SECONDS
    wait_total = int(row["wait_total"] or 0)
    patience = wait_total / row["abandoned"] if row["abandoned"] and wait_total > 0 else None
    return {
        "first": first,
        "last": last,
        "calls": row["calls"],
        "answered": row["answered"],
        "abandoned": row["abandoned"],
        "talk_seconds": talk,
        "wrap_up_seconds": float(wrap_up_seconds),
        "aht_seconds": talk + float(wrap_up_seconds),
        "aht_measured": measured,
        "wait_seconds_total": wait_total,
        "patience_seconds": patience,
    }


def chat_measured(*, first: date, last: date) -> dict:
    """The mean handling time of the chats `first`..`last`."""
    start, end = hours.period_instants(first, last)
    row = Contact.objects.filter(
        channel=Channel.CHAT,
        occurred_at__gte=start,
        occurred_at__lt=end,
        handling_seconds__isnull=False,
    ).aggregate(n=Count("pk"), aht=Avg("handling_seconds"))
    measured = row["aht"] is not None
    return {
        "first": first,
        "last": last,
        "contacts": row["n"],
        "aht_seconds": float(row["aht"]) if measured else DEFAULT_CHAT_SECONDS,
        "aht_measured": measured,
    }


def _desk_sums(start: datetime, end: datetime, location_id: int | None) -> tuple[int, int]:
    where = Q(occurred_at__gte=start, occurred_at__lt=end, handling_seconds__isnull=False)
    if location_id is not None:
        where &= Q(location_id=location_id)
    contacts = Contact.objects.filter(
        where, channel=Channel.PERSONAL, point__in=DESK_POINTS
    ).aggregate(n=Count("pk"), s=Sum("handling_seconds"))
    expeditions = Expedition.objects.filter(where, point__in=DESK_POINTS).aggregate(
        n=Count("pk"), s=Sum("handling_seconds")
    )
    n = contacts["n"] + expeditions["n"]
    return n, int(contacts["s"] or 0) + int(expeditions["s"] or 0)


def desk_measured(*, first: date, last: date, location_id: int | None = None) -> dict:
    """The mean handling time at the desks (and co-service PCs) of the
    location `first`..`last`; all locations when it has no records."""
    start, end = hours.period_instants(first, last)
    n, total = _desk_sums(start, end, location_id)
    scope = "location"
    if not n and location_id is not None:
        n, total = _desk_sums(start, end, None)
        scope = "all"
    return {
        "first": first,
        "last": last,
        "contacts": n,
        "aht_seconds": total / n if n else DEFAULT_DESK_SECONDS,
        "aht_measured": bool(n),
        "scope": scope,
    }


# --- The plan ----------------------------------------------------------------------


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _agents(volume: float, **kwargs) -> tuple[int, int, dict | None]:
    """(required, with shrinkage, figures) for `volume` contacts a half hour."""
    if volume < MIN_VOLUME:
        return 0, 0, None
    result = staffing(calls_per_hour=2 * volume, **kwargs)
    return result["required_agents"], result["required_agents_with_shrinkage"], result


def _check(kind: str, series: dict, days: list[date]) -> dict[date, list[float]]:
    for day in days:
        values = series.get(day)
        if values is not None and len(values) != SLOTS:
            raise ValueError(f"{kind} forecast for {day} must have {SLOTS} half hours")
    return series


def _forecasts_get(monday: date, sunday: date, locations: list[Location]) -> dict:
    from . import forecast  # written beside this module; imported late on purpose

    return {
        "phone": forecast.forecast("phone", monday, sunday),
        "chat": forecast.forecast("chat", monday, sunday),
        "walk_in": {
            loc.pk: forecast.forecast("walk_in", monday, sunday, location_id=loc.pk)
            for loc in locations
        },
    }


def _booked(monday: date, sunday: date, location_ids) -> dict:
    """{(location id, day, hour): [bookings starting, booked minutes]}."""
    start, end = hours.period_instants(monday, sunday)
    found: dict[tuple[int, date, int], list] = defaultdict(lambda: [0, 0.0])
    rows = (
        Booking.objects.active()
        .filter(location_id__in=location_ids, start__gte=start, start__lt=end)
        .values_list("location_id", "start", "end")
    )
    for location_id, begins, ends in rows:
        local_start = begins.astimezone(TZ)
        found[(location_id, local_start.date(), local_start.hour)][0] += 1
        # Copenhagen's offsets are whole hours: local hours begin on UTC hours.
        at = begins.astimezone(UTC)
        while at < ends:
            local = at.astimezone(TZ)
            until = min(ends, at.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
            found[(location_id, local.date(), local.hour)][1] += (until - at).total_seconds() / 60
            at = until
    return found


def _open_hours(location: Location, day: date) -> set[int]:
    schedule_hours = set()
    for interval in hours.hours_on(location_schedule(location=location), day).intervals:
        opens, closes = interval.local(TZ)
        at = opens.replace(minute=0, second=0, microsecond=0)
        while at < closes:
            schedule_hours.add(at.hour)
            at += timedelta(hours=1)
    return schedule_hours


def week_plan(
    monday: date, *, params: PlanParams | None = None, forecasts: dict | None = None
) -> dict:
    """The plan for the ISO week starting `monday` (see the module docstring).

    `forecasts` = {"phone": {date: [48]}, "chat": {date: [48]},
    "walk_in": {location_id: {date: [48]}}}; None: from `forecast.forecast`.
    """
    if monday.weekday() != 0:
        raise ValueError("a plan starts on a Monday")
    params = params or PlanParams()
    sunday = monday + timedelta(days=6)
    days = [monday + timedelta(days=i) for i in range(7)]

    if forecasts is None:
        locations = list(location_list().filter(desks__is_active=True).distinct().order_by("name"))
        forecasts = _forecasts_get(monday, sunday, locations)
    else:
        start, end = hours.period_instants(monday, sunday)
        booked_ids = Booking.objects.active().filter(start__gte=start, start__lt=end)
        ids = set(forecasts.get("walk_in", {})) | set(
            booked_ids.values_list("location_id", flat=True)
        )
        locations = list(location_list().filter(pk__in=ids).order_by("name"))
    phone = _check("phone", forecasts.get("phone") or {}, days)
    chat = _check("chat", forecasts.get("chat") or {}, days)
    walk_in = {
        loc_id: _check("walk_in", series or {}, days)
        for loc_id, series in (forecasts.get("walk_in") or {}).items()
    }

    first, last = measurement_period(monday, weeks=params.weeks)
    phone_m = phone_measured(first=first, last=last, wrap_up_seconds=params.wrap_up_seconds)
    chat_m = chat_measured(first=first, last=last)
    desk_m = {
        loc.pk: desk_measured(first=first, last=last, location_id=loc.pk) for loc in locations
    }
    desks_available = dict(
        Desk.objects.filter(location__in=locations, is_active=True)
        .values("location_id")
        .annotate(n=Count("pk"))
        .values_list("location_id", "n")
    )
    booked = _booked(monday, sunday, [loc.pk for loc in locations])

    phone_kwargs = {
        "aht_seconds": phone_m["aht_seconds"],
        "answer_within_seconds": params.answer_within_seconds,
        "patience_seconds": phone_m["patience_seconds"],
        "shrinkage": params.shrinkage,
        "target_service_level": params.target_service_level,
        "max_abandoned_after": params.max_abandoned_after,
    }
    chat_kwargs = {
        "aht_seconds": chat_m["aht_seconds"],
        "answer_within_seconds": params.chat_answer_within_seconds,
        "patience_seconds": params.chat_patience_seconds,
        "shrinkage": params.shrinkage,
        "target_service_level": params.target_service_level,
        "max_abandoned_after": params.max_abandoned_after,
    }

    plan_days = []
    for day in days:
        holiday = hours.holiday_name(day)
        phone_day = phone.get(day) or [0.0] * SLOTS
        chat_day = chat.get(day) or [0.0] * SLOTS
        halves = []
        for slot in range(SLOTS):
            calls, chats = float(phone_day[slot]), float(chat_day[slot])
            if calls < MIN_VOLUME and chats < MIN_VOLUME:
                continue
            p_req, p_shr, p_fig = _agents(calls, **phone_kwargs)
            c_req, c_shr, _c_fig = _agents(chats, **chat_kwargs)
            halves.append(
                {
                    "slot": slot,
                    "start": _clock(slot * 30),
                    "end": _clock(slot * 30 + 30),
                    "phone_calls": calls,
                    "phone_agents": p_req,
                    "phone_agents_shrinkage": p_shr,
                    "phone_service_level": p_fig["service_level"] if p_fig else None,
                    "phone_abandoned_after_t": p_fig["abandoned_after_t"] if p_fig else None,
                    "chat_contacts": chats,
                    "chat_agents": c_req,
                    "chat_agents_shrinkage": c_shr,
                    "agents_shrinkage": (p_shr or 0) + (c_shr or 0),
                }
            )
        day_locations = []
        for loc in locations:
            series = walk_in.get(loc.pk, {}).get(day) or [0.0] * SLOTS
            shown = _open_hours(loc, day)
            for hour in range(24):
                if series[2 * hour] + series[2 * hour + 1] >= MIN_VOLUME or (
                    (loc.pk, day, hour) in booked
                ):
                    shown.add(hour)
            rows = []
            for hour in sorted(shown):
                n_booked, minutes = booked.get((loc.pk, day, hour), (0, 0.0))
                walk_ins = float(series[2 * hour] + series[2 * hour + 1])
                walk_in_desks = 0
                if walk_ins >= MIN_VOLUME:
                    walk_in_desks = staffing(
                        calls_per_hour=walk_ins,
                        aht_seconds=desk_m[loc.pk]["aht_seconds"],
                        answer_within_seconds=params.walk_in_wait_minutes * 60,
                        target_service_level=params.walk_in_service_level,
                    )["required_agents"]
                booked_desks = math.ceil(round(minutes, 6) / 60)
                rows.append(
                    {
                        "hour": hour,
                        "start": _clock(hour * 60),
                        "end": _clock(hour * 60 + 60),
                        "bookings": n_booked,
                        "booked_minutes": minutes,
                        "booked_desks": booked_desks,
                        "walk_ins": walk_ins,
                        "walk_in_desks": walk_in_desks,
                        "desks": booked_desks + (walk_in_desks or 0),
                    }
                )
            if rows:
                day_locations.append(
                    {
                        "location_id": loc.pk,
                        "name": loc.name,
                        "desks_available": desks_available.get(loc.pk, 0),
                        "hours": rows,
                        "bookings": sum(r["bookings"] for r in rows),
                        "walk_ins": sum(r["walk_ins"] for r in rows),
                        "peak_desks": max(r["desks"] for r in rows),
                    }
                )
        plan_days.append(
            {
                "date": day,
                "holiday": holiday,
                "halves": halves,
                "phone_calls": sum(h["phone_calls"] for h in halves),
                "chat_contacts": sum(h["chat_contacts"] for h in halves),
                "peak_phone_agents_shrinkage": max(
                    (h["phone_agents_shrinkage"] or 0 for h in halves), default=0
                ),
                "peak_chat_agents_shrinkage": max(
                    (h["chat_agents_shrinkage"] or 0 for h in halves), default=0
                ),
                "phone_agent_hours": sum((h["phone_agents_shrinkage"] or 0) for h in halves) / 2,
                "chat_agent_hours": sum((h["chat_agents_shrinkage"] or 0) for h in halves) / 2,
                "agent_hours": sum(h["agents_shrinkage"] for h in halves) / 2,
                "locations": day_locations,
            }
        )
    iso = monday.isocalendar()
    return {
        "monday": monday,
        "sunday": sunday,
        "week": f"{iso.year}-W{iso.week:02d}",
        "week_number": iso.week,
        "params": asdict(params),
        "measured": {
            "first": first,
            "last": last,
            "phone": phone_m,
            "chat": chat_m,
            "desk": desk_m,
        },
        "locations": [{"id": loc.pk, "name": loc.name} for loc in locations],
        "days": plan_days,
    }


# --- Chart -------------------------------------------------------------------------


def week_plan_chart(plan: dict) -> SafeString | None:
    """Agents on duty (phone + chat, with shrinkage) per half hour, a line per day."""
    slots = sorted({h["slot"] for day in plan["days"] for h in day["halves"]})
    if not slots:
        return None
    largest = max(h["agents_shrinkage"] for day in plan["days"] for h in day["halves"])
    chart = chart_new(pygal.Line, **count_axis(largest), x_label_rotation=0, dots_size=2)
    chart.x_labels = [_clock(s * 30) for s in slots]
    chart.x_labels_major = [_clock(s * 30) for s in slots if s % 2 == 0]
    chart.show_minor_x_labels = len(slots) <= 12
    for day in plan["days"]:
        by_slot = {h["slot"]: h["agents_shrinkage"] for h in day["halves"]}
        if by_slot:
            chart.add(date_format(day["date"], "l j/n"), [by_slot.get(s) for s in slots])
    return chart_svg(
        chart, _("Linjediagram: medarbejdere på vagt i telefon og chat pr. halve time, pr. dag")
    )


# --- Spreadsheet -------------------------------------------------------------------


def week_plan_xlsx(plan: dict) -> bytes:
    """The plan as a workbook: Telefon, Chat, Skranker and Forudsætninger."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    book.remove(book.active)

    def sheet(title: str, heading: str, header: list[str], widths: list[int]):
        ws = book.create_sheet(title)
        ws.append([heading])
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        ws.append([])
        ws.append(header)
        for cell in ws[3]:
            cell.font = bold
        for i, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
        ws.freeze_panes = "A4"
        return ws

    week = _("Uge %(week)s, %(first)s – %(last)s") % {
        "week": plan["week_number"],
        "first": date_format(plan["monday"], "j. F Y"),
        "last": date_format(plan["sunday"], "j. F Y"),
    }
    for key, title, volume_label, in_label in (
        ("phone", _("Telefon"), _("Opkald (prognose)"), _("Servicemål (beregnet)")),
        ("chat", _("Chat"), _("Chats (prognose)"), None),
    ):
        header = [
            _("Dato"),
            _("Ugedag"),
            _("Fra"),
            _("Til"),
            volume_label,
            _("Medarbejdere"),
            _("Med spildtid"),
        ]
        if in_label:
            header += [in_label, _("Lægger på efter svartiden")]
        ws = sheet(title, f"{title}: {week}", header, [12, 10, 7, 7, 18, 14, 14, 20, 24])
        volume = "phone_calls" if key == "phone" else "chat_contacts"
        for day in plan["days"]:
            for h in day["halves"]:
                row = [
                    day["date"],
                    date_format(day["date"], "l"),
                    h["start"],
                    h["end"],
                    round(h[volume], 2),
                    h[f"{key}_agents"],
                    h[f"{key}_agents_shrinkage"],
                ]
                if in_label:
                    row += [h["phone_service_level"], h["phone_abandoned_after_t"]]
                ws.append(row)
                cells = ws[ws.max_row]
                cells[0].number_format = "yyyy-mm-dd"
                cells[4].number_format = "0.0"
                if in_label:
                    cells[7].number_format = "0.0%"
                    cells[8].number_format = "0.0%"

    ws = sheet(
        _("Skranker"),
        f"{_('Skranker')}: {week}",
        [
            _("Dato"),
            _("Ugedag"),
            _("Lokation"),
            _("Fra"),
            _("Til"),
            _("Bookinger"),
            _("Bookede minutter"),
            _("Skranker til bookinger"),
            _("Borgere uden tid (prognose)"),
            _("Skranker til borgere uden tid"),
            _("Skranker i alt"),
        ],
        [12, 10, 28, 7, 7, 11, 16, 20, 24, 26, 14],
    )
    for day in plan["days"]:
        for loc in day["locations"]:
            for h in loc["hours"]:
                ws.append(
                    [
                        day["date"],
                        date_format(day["date"], "l"),
                        loc["name"],
                        h["start"],
                        h["end"],
                        h["bookings"],
                        round(h["booked_minutes"], 1),
                        h["booked_desks"],
                        round(h["walk_ins"], 2),
                        h["walk_in_desks"],
                        h["desks"],
                    ]
                )
                cells = ws[ws.max_row]
                cells[0].number_format = "yyyy-mm-dd"
                cells[8].number_format = "0.0"

    ws = sheet(
        _("Forudsætninger"),
        _("Forudsætninger for planen"),
        [_("Forudsætning"), _("Værdi")],
        [60, 16],
    )
    for label, value in assumptions(plan):
        ws.append([label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def assumptions(plan: dict) -> list[tuple[str, float | int | str | None]]:
    """(label, value) of every target and measured figure of the plan."""
    p, m = plan["params"], plan["measured"]
    phone, chat = m["phone"], m["chat"]
    rows = [
        (_("Servicemål (andel besvaret inden svartiden)"), p["target_service_level"]),
        (_("Svartid i telefonen, sekunder"), p["answer_within_seconds"]),
        (_("Højst andel der lægger på efter svartiden"), p["max_abandoned_after"]),
        (_("Spildtid (andel af arbejdstiden)"), p["shrinkage"]),
        (_("Efterbehandling pr. opkald, sekunder"), p["wrap_up_seconds"]),
        (_("Svartid i chatten, sekunder"), p["chat_answer_within_seconds"]),
        (_("Tålmodighed i chatten, sekunder"), p["chat_patience_seconds"]),
        (_("Ventetid ved skranken, minutter"), p["walk_in_wait_minutes"]),
        (_("Andel betjent inden ventetiden ved skranken"), p["walk_in_service_level"]),
        (_("Målt fra"), m["first"].isoformat()),
        (_("Målt til"), m["last"].isoformat()),
        (_("Opkald på hovednummeret i perioden"), phone["calls"]),
        (_("Heraf lagt på i køen"), phone["abandoned"]),
        (_("Gennemsnitlig samtaletid, sekunder"), round(phone["talk_seconds"], 1)),
        (_("Behandlingstid i telefonen (AHT), sekunder"), round(phone["aht_seconds"], 1)),
        (
            _("Borgernes tålmodighed i telefonen, sekunder"),
            round(phone["patience_seconds"], 1) if phone["patience_seconds"] else None,
        ),
        (_("Chats i perioden"), chat["contacts"]),
        (_("Behandlingstid i chatten, sekunder"), round(chat["aht_seconds"], 1)),
    ]
    names = {loc["id"]: loc["name"] for loc in plan["locations"]}
    for loc_id, desk in m["desk"].items():
        rows.append(
            (
                _("Behandlingstid ved skranken, %(location)s, sekunder")
                % {"location": names.get(loc_id, loc_id)},
                round(desk["aht_seconds"], 1),
            )
        )
    return rows
