"""Factories that build valid catalogue objects by default."""

from datetime import time

import factory

from indgang.catalogue.models import (
    Authority,
    Channel,
    Department,
    Desk,
    Location,
    LocationKind,
    OpeningHours,
    PhoneHours,
    Service,
    ServiceChannel,
    SubjectArea,
)


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority
        django_get_or_create = ("name",)

    name = "Demo Kommune"
    is_municipality = True


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    phone = "70 10 20 30"


class SubjectAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubjectArea

    name = factory.Sequence(lambda n: f"Fagområde {n}")
    name_en = factory.Sequence(lambda n: f"Subject area {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ydelse {n}")
    subject_area = factory.SubFactory(SubjectAreaFactory)
    authority = factory.SubFactory(AuthorityFactory)
    department = factory.SubFactory(DepartmentFactory)
    minutes_per_expedition = 10

    @factory.post_generation
    def channels(self, create, extracted, **kwargs):
        """`ServiceFactory(channels=["personal", "phone"])`; default personal + phone."""
        if not create:
            return
        for channel in extracted if extracted is not None else [Channel.PERSONAL, Channel.PHONE]:
            ServiceChannel.objects.create(service=self, channel=channel)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Borgerservice {n}")
    kind = LocationKind.CITIZEN_SERVICE_CENTRE
    street = "Torvet 1"
    postcode = "4000"
    city = "Demoby"

    @factory.post_generation
    def hours(self, create, extracted, **kwargs):
        """Weekly hours as {weekday: [("10:00", "17:00"), …]}; default Mon–Fri 10–15."""
        if not create:
            return
        weekly = extracted if extracted is not None else {d: [("10:00", "15:00")] for d in range(5)}
        for weekday, spans in weekly.items():
            for opens, closes in spans:
                OpeningHours.objects.create(
                    location=self,
                    weekday=weekday,
                    opens=time.fromisoformat(opens),
                    closes=time.fromisoformat(closes),
                )


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk
        skip_postgeneration_save = True

    location = factory.SubFactory(LocationFactory)
    number = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set(extracted)


class PhoneHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneHours

    department = factory.SubFactory(DepartmentFactory)
    weekday = 0
    opens = time(9, 0)
    closes = time(15, 0)
