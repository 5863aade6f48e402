"""Builders for contact-registry tests: calls and contacts as the API and the
file formats see them (plain dicts with the format's field names), and as the
services take them (records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from indgang.catalogue.models import Location, Service, SubjectArea
from indgang.contacts.records import CallRecord, ContactRecord
from tests.catalogue.factories import (
    DepartmentFactory,
    LocationFactory,
    ServiceFactory,
    SubjectAreaFactory,
)
from tests.conftest import local


def call_item(
    call_id: str,
    *,
    arrived: datetime | None = None,
    wait: int = 15,
    talk: int | None = 120,
    line: str = "main",
    result: str = "resolved",
    subject_area: str | None = None,
    transferred_to: str | None = None,
) -> dict:
    """A call as the API takes it. `talk=None`: abandoned after `wait` seconds."""
    arrived = arrived or local(2019, 3, 4, 9, 0)
    if talk is None:
        answered, ended, result = None, arrived + timedelta(seconds=wait), "abandoned"
    else:
        answered = arrived + timedelta(seconds=wait)
        ended = answered + timedelta(seconds=talk)
    return {
        "call_id": call_id,
        "line": line,
        "arrived_at": arrived.isoformat(),
        "answered_at": answered.isoformat() if answered else None,
        "ended_at": ended.isoformat(),
        "result": result,
        "subject_area": subject_area,
        "transferred_to": transferred_to,
    }


def contact_item(
    contact_id: str,
    *,
    occurred: datetime | None = None,
    channel: str = "chat",
    point: str = "",
    location: str | None = None,
    subject_area: str | None = None,
    service: str | None = None,
    outcome: str = "resolved",
    wait_seconds: int | None = None,
    handle_seconds: int | None = None,
) -> dict:
    occurred = occurred or local(2019, 3, 4, 10, 0)
    return {
        "contact_id": contact_id,
        "occurred_at": occurred.isoformat(),
        "channel": channel,
        "point": point,
        "location": location,
        "subject_area": subject_area,
        "service": service,
        "outcome": outcome,
        "wait_seconds": wait_seconds,
        "handle_seconds": handle_seconds,
    }


def call_record(
    call_id: str,
    *,
    arrived: datetime | None = None,
    wait: int = 15,
    talk: int | None = 120,
    line: str = "main",
    result: str = "resolved",
    subject_area: SubjectArea | None = None,
) -> CallRecord:
    arrived = arrived or local(2019, 3, 4, 9, 0)
    if talk is None:
        answered, ended, result = None, arrived + timedelta(seconds=wait), "abandoned"
    else:
        answered = arrived + timedelta(seconds=wait)
        ended = answered + timedelta(seconds=talk)
    return CallRecord(
        call_id=call_id,
        line=line,
        arrived_at=arrived,
        answered_at=answered,
        ended_at=ended,
        result=result,
        subject_area_id=subject_area.pk if subject_area else None,
    )


def contact_record(
    contact_id: str | None,
    *,
    occurred: datetime | None = None,
    channel: str = "chat",
    point: str = "",
    subject_area: SubjectArea | None = None,
    outcome: str = "resolved",
    wait_seconds: int | None = None,
    handling_seconds: int | None = None,
) -> ContactRecord:
    return ContactRecord(
        contact_id=contact_id,
        occurred_at=occurred or local(2019, 3, 4, 10, 0),
        channel=channel,
        point=point,
        subject_area_id=subject_area.pk if subject_area else None,
        outcome=outcome,
        wait_seconds=wait_seconds,
        handling_seconds=handling_seconds,
    )


@dataclass
class Registry:
    """A small catalogue: subject areas "pas" (position 1) and "sundhed"
    (position 2), each with a service, a department and a location."""

    pas: SubjectArea
    sundhed: SubjectArea
    pas_service: Service
    sundhed_service: Service
    location: Location


def registry_build() -> Registry:
    pas = SubjectAreaFactory(name="Pas", slug="pas", position=1)
    sundhed = SubjectAreaFactory(name="Sundhed", slug="sundhed", position=2)
    DepartmentFactory(name="Borgerservice", slug="borgerservice")
    return Registry(
        pas=pas,
        sundhed=sundhed,
        pas_service=ServiceFactory(name="Pas til voksne", slug="pas-voksne", subject_area=pas),
        sundhed_service=ServiceFactory(
            name="Sundhedskort", slug="sundhedskort", subject_area=sundhed
        ),
        location=LocationFactory(name="Rådhuset", slug="raadhuset"),
    )
