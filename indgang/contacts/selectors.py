"""Reads of the contact registry for its own pages (the report reads the
tallies in `indgang.reports.selectors`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet

from indgang.catalogue.hours import period_instants
from indgang.catalogue.models import Channel, Location, Service, SubjectArea
from indgang.core import clock

from .models import Contact
from .tally import local_tz


def quick_subject_areas() -> QuerySet[SubjectArea]:
    """The subject areas staff register contacts under: those with a service
    that is not archived, in the catalogue's order."""
    active = Service.objects.active().filter(subject_area=OuterRef("pk"))
    return SubjectArea.objects.filter(Exists(active)).order_by("position", "name", "pk")


def quick_locations() -> QuerySet[Location]:
    return Location.objects.filter(is_active=True).order_by("name")


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    label: str
    count: int


@dataclass(frozen=True)
class StaffCounts:
    day: date
    channels: list[ChannelCount]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.channels)


def staff_counts_today(*, user, day: date | None = None) -> StaffCounts:
    """How many contacts `user` registered on `day` (default today), per
    channel in the order of `Channel`; channels without any are left out."""
    day = day or clock.today()
    start, end = period_instants(day, day, local_tz())
    counts = dict(
        Contact.objects.filter(staff=user, created_at__gte=start, created_at__lt=end)
        .order_by()
        .values_list("channel")
        .annotate(n=Count("pk"))
    )
    return StaffCounts(
        day=day,
        channels=[
            ChannelCount(channel=value, label=str(label), count=counts[value])
            for value, label in Channel.choices
            if counts.get(value)
        ],
    )
