"""A small registry for the channel-cost tests, with every figure counted by
hand in the tests that use it (window: 1 January – 31 December 2019).

In the window:
- calls (all lines): pas 2, sundhed 1, none 1 → phone 4;
- contacts: chat pas 2 (one for the pas service), e-mail sundhed 1, personal
  desk pas 1 (pas service), phone pas 1 (pas service; the calls count for the
  phone, so it is not counted again), self-service sundhed 1 (sundhed service);
- expeditions: desk pas 2 (pas service), information desk none 1 → personal 4;
- self-service count of the sundhed service, April–June: digital 2 → self-service 3.
Outside the window: a call on 31 December 2018, a contact on 1 January 2020,
an expedition on 1 January 2020 and a self-service count from October 2018.
Totals: 14 contacts, 6 digital (chat 2, e-mail 1, self-service 3)."""

from __future__ import annotations

from datetime import date

from indgang.contacts.records import ContactRecord, SelfServiceRecord
from indgang.contacts.services import calls_store, contacts_store, self_service_store
from indgang.frontdesk.models import Expedition
from tests.conftest import local
from tests.contacts.factories import Registry, call_record, registry_build

LAST = date(2019, 12, 31)


def _contact(n, at, channel, point="", area=None, service=None) -> ContactRecord:
    return ContactRecord(
        contact_id=f"c{n}",
        occurred_at=at,
        channel=channel,
        point=point,
        subject_area_id=area.pk if area else None,
        service_id=service.pk if service else None,
        outcome="resolved",
    )


def cost_data_build() -> Registry:
    r = registry_build()
    calls_store(
        records=[
            call_record("k1", arrived=local(2019, 3, 4, 9, 0), subject_area=r.pas),
            call_record("k2", arrived=local(2019, 6, 4, 9, 0), subject_area=r.pas, talk=None),
            call_record(
                "k3", arrived=local(2019, 9, 4, 9, 0), subject_area=r.sundhed, line="department"
            ),
            call_record("k4", arrived=local(2019, 12, 31, 23, 30)),
            call_record("k5", arrived=local(2018, 12, 31, 23, 30), subject_area=r.pas),
        ],
        source="test",
    )
    contacts_store(
        records=[
            _contact(1, local(2019, 2, 1, 10, 0), "chat", area=r.pas, service=r.pas_service),
            _contact(2, local(2019, 2, 1, 11, 0), "chat", area=r.pas),
            _contact(3, local(2019, 2, 1, 12, 0), "email", area=r.sundhed),
            _contact(4, local(2019, 2, 1, 13, 0), "personal", "desk", r.pas, service=r.pas_service),
            _contact(5, local(2019, 2, 1, 14, 0), "phone", area=r.pas, service=r.pas_service),
            _contact(
                6,
                local(2019, 2, 1, 15, 0),
                "self_service",
                area=r.sundhed,
                service=r.sundhed_service,
            ),
            _contact(7, local(2020, 1, 1, 0, 30), "personal", "desk", r.pas, r.pas_service),
        ],
        source="test",
    )
    for at, point, area, service in [
        (local(2019, 5, 1, 10, 0), "desk", r.pas, r.pas_service),
        (local(2019, 5, 1, 11, 0), "desk", r.pas, r.pas_service),
        (local(2019, 5, 1, 12, 0), "information", None, None),
        (local(2020, 1, 1, 0, 30), "desk", r.pas, r.pas_service),
    ]:
        Expedition.objects.create(
            location=r.location,
            point=point,
            occurred_at=at,
            subject_area=area,
            service=service,
        )
    self_service_store(
        records=[
            SelfServiceRecord(
                service_id=r.sundhed_service.pk,
                period_start=date(2019, 4, 1),
                period_end=date(2019, 6, 30),
                digital=2,
                manual=5,
            ),
            SelfServiceRecord(
                service_id=r.sundhed_service.pk,
                period_start=date(2018, 10, 1),
                period_end=date(2018, 12, 31),
                digital=100,
                manual=5,
            ),
        ],
        source="test",
    )
    return r
