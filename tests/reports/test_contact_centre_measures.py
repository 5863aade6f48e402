"""The contact-centre measures on the report (issue 7): first-contact
resolution by subject area, calls per resolved question and callbacks done
within their deadline, on a small data set counted by hand (docs/reports.md,
"Contact-centre measures")."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from indgang.catalogue.models import Channel
from indgang.contactcentre.models import CallbackStatus
from indgang.contacts.models import Point
from indgang.contacts.records import CallRecord, ContactRecord
from indgang.contacts.services import calls_store, contacts_store
from indgang.core import clock
from indgang.reports.render import report_html, report_xlsx
from indgang.reports.selectors import citizen_service_report
from tests.catalogue.factories import SubjectAreaFactory
from tests.conftest import local
from tests.contactcentre.factories import CallbackTaskFactory

pytestmark = pytest.mark.django_db

NOW = local(2026, 12, 1, 12, 0)
_ids = iter(range(1, 1_000_000))


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW) as at:
        yield at


def calls(at, result, n=1, *, area=None, line="main") -> None:
    records = []
    for _i in range(n):
        abandoned = result == "abandoned"
        records.append(
            CallRecord(
                call_id=f"m{next(_ids)}",
                line=line,
                arrived_at=at,
                answered_at=None if abandoned else at + timedelta(seconds=5),
                ended_at=at + timedelta(seconds=65),
                result=result,
                subject_area_id=area.pk if area else None,
            )
        )
    calls_store(records=records, source="test")


def contacts(at, outcome, n=1, *, area=None, channel=Channel.PHONE, point=Point.MAIN_LINE):
    contacts_store(
        records=[
            ContactRecord(
                contact_id=None,
                occurred_at=at,
                channel=channel,
                point=point,
                subject_area_id=area.pk if area else None,
                outcome=outcome,
            )
            for _i in range(n)
        ],
        source="test",
    )


@pytest.fixture
def areas():
    return SubjectAreaFactory(name="Boligstøtte"), SubjectAreaFactory(name="Sundhed")


@pytest.fixture
def data(areas):
    a, b = areas
    t = local(2026, 3, 10, 10, 0)
    # Main line, area A: 3 resolved, 1 transferred, 1 callback, 1 futile, 2 abandoned, 1 returned.
    calls(t, "resolved", 3, area=a)
    calls(t, "transferred", area=a)
    calls(t, "callback", area=a)
    calls(t, "futile", area=a)
    calls(t, "abandoned", 2, area=a)
    calls(t, "returned", area=a)
    # Area B: 1 resolved, 1 transferred. No area: 1 resolved, 1 abandoned.
    calls(t, "resolved", area=b)
    calls(t, "transferred", area=b)
    calls(t, "resolved")
    calls(t, "abandoned")
    # Not counted: a department's own line, and last year.
    calls(t, "resolved", 5, area=a, line="department")
    calls(local(2025, 6, 1, 10, 0), "resolved", area=a)
    # Phone contacts registered by agents (desktop: main line; quick registration: no point).
    contacts(t, "resolved", 2, area=a)
    contacts(t, "referred_self_service", area=a)
    contacts(t, "futile", area=a)
    contacts(t, "callback", area=b, point="")
    # Not counted: a department line phone contact, a chat.
    contacts(t, "resolved", area=b, point=Point.DEPARTMENT_LINE)
    contacts(t, "resolved", area=a, channel=Channel.CHAT, point="")
    return a, b


def callback_task(created, deadline, status, closed=None):
    return CallbackTaskFactory(
        created_at=created, updated_at=created, deadline=deadline, status=status, closed_at=closed
    )


@pytest.fixture
def callbacks():
    created = local(2026, 11, 2, 10, 0)
    deadline = local(2026, 11, 4, 16, 0)
    callback_task(created, deadline, CallbackStatus.DONE, local(2026, 11, 4, 15, 0))  # in time
    callback_task(created, deadline, CallbackStatus.DONE, local(2026, 11, 5, 9, 0))  # late
    callback_task(created, deadline, CallbackStatus.NOT_REACHED, local(2026, 11, 4, 12, 0))
    callback_task(created, deadline, CallbackStatus.OPEN)  # overdue
    callback_task(
        local(2026, 11, 30, 10, 0), local(2026, 12, 2, 16, 0), CallbackStatus.IN_PROGRESS
    )  # not due yet
    callback_task(local(2025, 11, 2, 10), local(2025, 11, 4, 16), CallbackStatus.DONE)  # last year


def test_first_contact_resolution_by_subject_area(data):
    a, b = data
    measures = citizen_service_report(year=2026)["contact_centre_measures"]
    # A: resolved 3 calls + 2 resolved + 1 referred contacts = 6;
    #    handled 3+1+1+1 calls + 2+1+1 contacts = 10.
    # B: resolved 1 call; handled 2 calls + 1 callback contact = 3.
    assert measures["first_contact_resolution_by_subject_area"] == {
        a.slug: {"resolved": 6, "handled": 10, "pct": 60.0},
        b.slug: {"resolved": 1, "handled": 3, "pct": 33.3},
    }


def test_calls_per_resolved_question(data):
    measures = citizen_service_report(year=2026)["contact_centre_measures"]
    # Calls: main line 9 (A) + 2 (B) + 2 (no area) = 13, phone contacts 4 + 1 = 5 → 18.
    # Resolved: 6 (A) + 1 (B) + 1 (no area) = 8. 18 / 8 = 2.25.
    assert measures["calls_per_resolved_question"] == 2.25


def test_a_quarter_without_calls_has_no_ratio(data):
    measures = citizen_service_report(year=2026, quarter=2)["contact_centre_measures"]
    assert measures["first_contact_resolution_by_subject_area"] == {}
    assert measures["calls_per_resolved_question"] is None


def test_callbacks_done_within_deadline(callbacks):
    measures = citizen_service_report(year=2026)["contact_centre_measures"]
    # 5 created in 2026; due (closed or past deadline) 4; done in time 1 → 25 %.
    assert measures["callbacks"] == {
        "total": 5,
        "done": 2,
        "done_within_deadline": 1,
        "within_deadline_pct": 25.0,
        "overdue_open": 1,
    }


def test_no_callbacks_no_percentage(db):
    measures = citizen_service_report(year=2026)["contact_centre_measures"]
    assert measures["callbacks"]["within_deadline_pct"] is None
    assert measures["calls_per_resolved_question"] is None


def test_measures_in_the_document_and_the_spreadsheet(data, callbacks):
    report = citizen_service_report(year=2026)
    html = report_html(report)
    assert 'data-testid="fcr-by-subject-area"' in html
    assert "Boligstøtte" in html
    assert "60,0" in html
    assert "2,25" in html
    book = load_workbook(BytesIO(report_xlsx(report)))
    rows = [tuple(r) for r in book["Kontaktcenter"].iter_rows(values_only=True)]
    assert any(r[0] == "Boligstøtte" and r[1:4] == (6, 10, 60.0) for r in rows)
    assert any(r[0] == "Udført inden for fristen (%)" and r[1] == 25.0 for r in rows)
    assert any(
        r[0] == "Opkald pr. løst spørgsmål (hovednummer og registrerede opkald)" and r[1] == 2.25
        for r in rows
    )
