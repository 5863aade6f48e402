"""Factories for the contact centre: back-office staff with a department,
presence, phone hours and callback tasks."""

from datetime import time, timedelta

import factory

from indgang.contactcentre.models import (
    CallbackTask,
    Presence,
    StaffPhoneHours,
    StaffPresence,
)
from indgang.core import clock
from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import DepartmentFactory, PhoneHoursFactory


def caseworker(*, department=None, presence: str | None = Presence.AVAILABLE, **kwargs):
    """A back-office user in `department` (new when None) with `presence`
    (None: no presence row, i.e. off duty)."""
    user = UserFactory(
        roles=[Role.BACK_OFFICE.value],
        department=department or DepartmentFactory(),
        **kwargs,
    )
    if presence is not None:
        StaffPresenceFactory(user=user, status=presence)
    return user


def department_with_phone_hours(*, opens=time(9, 0), closes=time(15, 0), weekdays=range(5), **kw):
    """A department answering its phone Monday to Friday 9–15 by default."""
    department = DepartmentFactory(**kw)
    for weekday in weekdays:
        PhoneHoursFactory(department=department, weekday=weekday, opens=opens, closes=closes)
    return department


class StaffPresenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffPresence

    user = factory.SubFactory(UserFactory)
    status = Presence.AVAILABLE
    updated_at = factory.LazyFunction(clock.now)


class StaffPhoneHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffPhoneHours

    user = factory.SubFactory(UserFactory)
    weekday = 0
    opens = time(10, 0)
    closes = time(12, 0)


class CallbackTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallbackTask

    department = factory.SubFactory(DepartmentFactory)
    citizen_name = "Karen Jensen"
    citizen_phone = "+4512345678"
    question = "Hvornår bliver mit boligstøttebeløb udbetalt?"
    deadline = factory.LazyFunction(lambda: clock.now() + timedelta(days=2))
    created_at = factory.LazyFunction(clock.now)
    updated_at = factory.LazyFunction(clock.now)
