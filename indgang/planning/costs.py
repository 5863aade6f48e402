"""Channel costs: what the contacts of a year cost, by channel and by subject
area, and the business case of moving part of a service to self-service.

A contact in a channel costs minutes per contact × kroner per minute
(`ChannelCost`, or `DEFAULT_CHANNEL_COSTS` until a manager sets the
municipality's own figures).

Contacts are counted as the citizen-service report counts its channel mix
(docs/reports.md), over the 12 months up to `last` (default: yesterday, the
last whole day):
- personal: registered personal contacts plus every front-desk expedition;
- phone: the calls on all lines; only when there is no call at all in the
  period, the phone contacts staff registered instead;
- self-service: registered self-service contacts plus the digital applications
  of the self-service counts whose period starts in the 12 months;
- the other channels: the registered contacts.
By subject area the same contacts are split by their subject area (a
self-service count by its service's); those without one form the row
"Uden fagområde".

The business case for a service: its assisted contacts in the 12 months are
the registered contacts with that service in any channel but self-service,
plus the front-desk expeditions with that service (calls carry no service).
Moving X % of them means X % of each channel's count becomes a self-service
contact: it saves that channel's minutes and kroner and costs the
self-service minutes and kroner instead. The number of contacts stays the
same; the digital share (report: self-service, chat, e-mail and Digital Post
of all contacts) rises by the moved contacts that came from a channel that is
not digital.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from indgang.catalogue.hours import period_instants
from indgang.catalogue.models import Channel, Service, SubjectArea
from indgang.contacts.models import CallTally, Contact, ContactTally, SelfServiceCount
from indgang.core import clock
from indgang.frontdesk.models import Expedition
from indgang.reports.selectors import DIGITAL_CHANNELS, kpi_targets_get

from .models import DEFAULT_CHANNEL_COSTS, ChannelCost

MINUTES_PER_HOUR = Decimal(60)
NO_AREA = None


def channel_costs() -> list[dict]:
    """One dict per channel (in `Channel` order): the stored figures, or the
    defaults. Keys: channel, label, minutes_per_contact, cost_per_minute,
    cost_per_contact (Decimal), stored (bool), updated_at."""
    stored = {row.channel: row for row in ChannelCost.objects.all()}
    costs = []
    for channel in Channel:
        row = stored.get(channel.value)
        if row is not None:
            minutes, per_minute = row.minutes_per_contact, row.cost_per_minute
        else:
            minutes, per_minute = DEFAULT_CHANNEL_COSTS[channel]
        costs.append(
            {
                "channel": channel.value,
                "label": str(channel.label),
                "minutes_per_contact": minutes,
                "cost_per_minute": per_minute,
                "cost_per_contact": minutes * per_minute,
                "stored": row is not None,
                "updated_at": row.updated_at if row is not None else None,
            }
        )
    return costs


def year_window(last: date | None = None) -> tuple[date, date]:
    """The first and last date of the 12 months up to `last` (default: yesterday)."""
    last = last or clock.today() - timedelta(days=1)
    try:
        year_before = last.replace(year=last.year - 1)
    except ValueError:  # 29 February
        year_before = last.replace(year=last.year - 1, day=28)
    return year_before + timedelta(days=1), last


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _counts(first: date, last: date) -> dict[tuple[str, int | None], int]:
    """(channel, subject area id or None) → contacts in the window, counted as
    the report's channel mix counts them (see the module docstring)."""
    counts: Counter = Counter()
    calls = (
        CallTally.objects.filter(day__gte=first, day__lte=last)
        .order_by()
        .values("subject_area_id")
        .annotate(n=Sum("calls"))
    )
    any_calls = False
    for row in calls:
        if row["n"]:
            any_calls = True
            counts[Channel.PHONE.value, row["subject_area_id"] or NO_AREA] += row["n"]
    contacts = (
        ContactTally.objects.filter(day__gte=first, day__lte=last)
        .order_by()
        .values("channel", "subject_area_id")
        .annotate(n=Sum("contacts"))
    )
    for row in contacts:
        if row["channel"] == Channel.PHONE and any_calls:
            continue  # the calls count for the phone
        counts[row["channel"], row["subject_area_id"] or NO_AREA] += row["n"]
    start, end = period_instants(first, last, _tz())
    expeditions = (
        Expedition.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        .order_by()
        .values("subject_area_id")
        .annotate(n=Count("pk"))
    )
    for row in expeditions:
        counts[Channel.PERSONAL.value, row["subject_area_id"] or NO_AREA] += row["n"]
    self_service = (
        SelfServiceCount.objects.filter(period_start__gte=first, period_start__lte=last)
        .order_by()
        .values("service__subject_area_id")
        .annotate(n=Sum("digital"))
    )
    for row in self_service:
        counts[Channel.SELF_SERVICE.value, row["service__subject_area_id"] or NO_AREA] += row["n"]
    return {key: n for key, n in counts.items() if n}


def _money(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


def _cost_row(contacts: int, minutes: Decimal, kroner: Decimal) -> dict:
    return {
        "contacts": contacts,
        "minutes": _money(minutes),
        "hours": _money(minutes / MINUTES_PER_HOUR),
        "kroner": _money(kroner),
    }


def pct(part, whole) -> float | None:
    """part ÷ whole × 100 rounded to one decimal; None when whole is 0."""
    return round(float(part) * 100 / float(whole), 1) if whole else None


def yearly_costs(*, last: date | None = None) -> dict:
    """What the contacts of the 12 months up to `last` cost.

    {"first", "last": date, "rates": channel_costs(),
     "by_channel": [{"channel", "label", "contacts", "minutes", "hours",
                     "kroner", "cost_per_contact"}] (every channel, Channel order),
     "by_subject_area": [{"subject_area_id", "label", "contacts", "minutes",
                          "hours", "kroner"}] (most kroner first; "Uden fagområde" last),
     "total": {"contacts", "minutes", "hours", "kroner"},
     "digital": int, "digital_share_pct": float | None}
    Minutes, hours and kroner are floats rounded to øre / hundredths."""
    first, last = year_window(last)
    rates = channel_costs()
    rate = {r["channel"]: r for r in rates}
    counts = _counts(first, last)

    channel_n: Counter = Counter()
    area_n: Counter = Counter()
    area_minutes: dict = defaultdict(Decimal)
    area_kroner: dict = defaultdict(Decimal)
    for (channel, area), n in counts.items():
        channel_n[channel] += n
        area_n[area] += n
        area_minutes[area] += n * rate[channel]["minutes_per_contact"]
        area_kroner[area] += n * rate[channel]["cost_per_contact"]

    by_channel = []
    total_minutes = total_kroner = Decimal(0)
    for r in rates:
        n = channel_n[r["channel"]]
        minutes, kroner = n * r["minutes_per_contact"], n * r["cost_per_contact"]
        total_minutes += minutes
        total_kroner += kroner
        by_channel.append(
            {
                "channel": r["channel"],
                "label": r["label"],
                "cost_per_contact": _money(r["cost_per_contact"]),
                **_cost_row(n, minutes, kroner),
            }
        )

    names = {a.pk: a.display_name for a in SubjectArea.objects.filter(pk__in=list(area_n))}
    by_area = [
        {
            "subject_area_id": area,
            "label": names.get(area, _("Uden fagområde")) if area else _("Uden fagområde"),
            **_cost_row(area_n[area], area_minutes[area], area_kroner[area]),
        }
        for area in area_n
    ]
    by_area.sort(key=lambda row: (row["subject_area_id"] is None, -row["kroner"], row["label"]))

    total = sum(channel_n.values())
    digital = sum(channel_n[c] for c in DIGITAL_CHANNELS)
    return {
        "first": first,
        "last": last,
        "rates": rates,
        "by_channel": by_channel,
        "by_subject_area": by_area,
        "total": _cost_row(total, total_minutes, total_kroner),
        "digital": digital,
        "digital_share_pct": pct(digital, total),
    }


def _assisted(service: Service, first: date, last: date) -> Counter:
    """channel → assisted contacts of `service` in the window."""
    start, end = period_instants(first, last, _tz())
    assisted: Counter = Counter(
        dict(
            Contact.objects.filter(service=service, occurred_at__gte=start, occurred_at__lt=end)
            .exclude(channel=Channel.SELF_SERVICE)
            .order_by()
            .values_list("channel")
            .annotate(n=Count("pk"))
        )
    )
    assisted[Channel.PERSONAL.value] += Expedition.objects.filter(
        service=service, occurred_at__gte=start, occurred_at__lt=end
    ).count()
    return +assisted


def business_case(
    *, service: Service, move_pct: float, last: date | None = None, year: dict | None = None
) -> dict:
    """Move `move_pct` % (0–100) of the service's assisted contacts in the 12
    months up to `last` to self-service (see the module docstring).

    {"service", "move_pct", "first", "last",
     "channels": [{"channel", "label", "assisted", "moved", "minutes_saved",
                   "hours_saved", "kroner_saved"}],
     "assisted": int, "moved": float (contacts, 1 decimal), "hours_saved",
     "kroner_saved": float (net of the self-service cost of the moved ones),
     "total": all contacts of the year, "digital_share_before_pct",
     "digital_share_after_pct", "target_pct": the KL target,
     "gap_before_pp", "gap_after_pp": share − target in percentage points (None without contacts)}
    `year` may pass the `yearly_costs(last=last)` already computed."""
    move = Decimal(str(move_pct))
    if not Decimal(0) <= move <= Decimal(100):
        raise ValueError("move_pct must be 0–100")
    year = year or yearly_costs(last=last)
    first, last = year["first"], year["last"]
    rate = {r["channel"]: r for r in year["rates"]}
    self_service = rate[Channel.SELF_SERVICE.value]
    assisted = _assisted(service, first, last)

    channels = []
    moved_total = minutes_saved = kroner_saved = moved_to_digital = Decimal(0)
    for channel in Channel:
        n = assisted[channel.value]
        if not n:
            continue
        r = rate[channel.value]
        moved = n * move / 100
        minutes = moved * (r["minutes_per_contact"] - self_service["minutes_per_contact"])
        kroner = moved * (r["cost_per_contact"] - self_service["cost_per_contact"])
        moved_total += moved
        minutes_saved += minutes
        kroner_saved += kroner
        if channel not in DIGITAL_CHANNELS:
            moved_to_digital += moved
        channels.append(
            {
                "channel": channel.value,
                "label": str(channel.label),
                "assisted": n,
                "moved": float(round(moved, 1)),
                "minutes_saved": _money(minutes),
                "hours_saved": _money(minutes / MINUTES_PER_HOUR),
                "kroner_saved": _money(kroner),
            }
        )

    total = year["total"]["contacts"]
    digital_after = min(year["digital"] + moved_to_digital, total)
    before = year["digital_share_pct"]
    after = pct(digital_after, total)
    target = float(kpi_targets_get().digital_share_pct)
    return {
        "service": service,
        "move_pct": float(move),
        "first": first,
        "last": last,
        "channels": channels,
        "assisted": sum(assisted.values()),
        "moved": float(round(moved_total, 1)),
        "hours_saved": _money(minutes_saved / MINUTES_PER_HOUR),
        "kroner_saved": _money(kroner_saved),
        "total": total,
        "digital_share_before_pct": before,
        "digital_share_after_pct": after,
        "target_pct": target,
        "gap_before_pp": round(before - target, 1) if before is not None else None,
        "gap_after_pp": round(after - target, 1) if after is not None else None,
    }
