"""Factories and builders for booking tests."""

from dataclasses import dataclass

import factory

from indgang.booking.models import BookingPolicy
from indgang.catalogue.models import Channel, Desk, Location, Service
from tests.catalogue.factories import DeskFactory, LocationFactory, ServiceFactory


class BookingPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BookingPolicy

    location = factory.SubFactory(LocationFactory)
    slot_step_minutes = 5
    buffer_minutes = 0
    horizon_days = 60
    min_notice_minutes = 0
    max_bookings_per_phone_per_day = 2
    reminder_hours_before = 24


@dataclass
class Office:
    location: Location
    pas: Service
    koerekort: Service
    desks: list[Desk]


def office_build(*, desks: int = 2, hours=None, **policy) -> Office:
    """A citizen-service centre open Mon–Sat 10–15 (unless `hours` says
    otherwise) with services "pas" (15 min) and "koerekort" (10 min) and
    `desks` desks that handle both."""
    location = LocationFactory(
        name="Borgerservice Test",
        slug="borgerservice-test",
        hours=hours if hours is not None else {d: [("10:00", "15:00")] for d in range(6)},
    )
    BookingPolicyFactory(location=location, **policy)
    pas = ServiceFactory(
        name="Pas", slug="pas", minutes_per_expedition=15, channels=[Channel.PERSONAL]
    )
    koerekort = ServiceFactory(
        name="Kørekort", slug="koerekort", minutes_per_expedition=10, channels=[Channel.PERSONAL]
    )
    made = [
        DeskFactory(location=location, number=n + 1, services=[pas, koerekort])
        for n in range(desks)
    ]
    return Office(location=location, pas=pas, koerekort=koerekort, desks=made)
