"""The guidance pages: list, new plan, the plan page (overdue in words, CPR
behind the audited reveal), the booking steps, the inbox section and who may
see what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from indgang.audit.models import AuditEvent
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.guidance import services
from indgang.guidance.models import ActionStatus, GuidancePlan, PlanMeeting
from indgang.notifications.models import Message
from tests.conftest import local

from .factories import caseworker_build

NOW = local(2026, 11, 23, 9, 0)
INBOX = "/personale/indbakke/"


@pytest.fixture(autouse=True)
def monday(db):
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def front(make_staff):
    return make_staff(Role.FRONT_DESK)


@pytest.fixture
def social(db):
    return caseworker_build(
        department_name="Social og Sundhed", first_name="Lene", last_name="Holm"
    )


@pytest.fixture
def plan(front, social):
    plan = services.plan_open(
        by=front,
        title="Mistet job og skal flytte",
        citizen_name="Lise Andersen",
        phone="20304050",
        cpr="0102031234",
    )
    services.action_add(
        plan=plan,
        by=front,
        title="Send lønsedler",
        department=social.department,
        deadline=NOW.date() - timedelta(days=1),
    )
    return plan


def test_front_desk_opens_a_plan(client, front):
    client.force_login(front)
    response = client.get(reverse("guidance:new"))
    assert "Kun hvis borgeren selv oplyser det" in response.content.decode()
    response = client.post(
        reverse("guidance:new"),
        {"title": "Skilsmisse", "citizen_name": "Ole Hansen", "phone": "20 30 40 50", "cpr": ""},
    )
    plan = GuidancePlan.objects.get()
    assert response.status_code == 302 and response.url == reverse("guidance:plan", args=[plan.pk])


def test_new_plan_errors_are_shown(client, front):
    client.force_login(front)
    response = client.post(reverse("guidance:new"), {"title": "X", "citizen_name": "", "cpr": "1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Skriv borgerens navn." in body and "Et CPR-nummer har 10 cifre" in body


def test_plan_page_marks_overdue_in_words_and_hides_the_cpr(client, front, plan):
    client.force_login(front)
    response = client.get(reverse("guidance:plan", args=[plan.pk]))
    body = response.content.decode()
    assert "Overskredet:" in body
    assert "0102031234" not in body and "010203-1234" not in body
    assert "Vis CPR-nummer" in body
    listing = client.get(reverse("guidance:list")).content.decode()
    assert "1 overskredet" in listing and "Mistet job og skal flytte" in listing


def test_cpr_reveal_is_a_post_and_is_audited(client, front, plan):
    client.force_login(front)
    response = client.post(reverse("guidance:cpr", args=[plan.pk]))
    assert "010203-1234" in response.content.decode()
    assert AuditEvent.objects.filter(action="cpr.read", actor=front).count() == 1
    assert client.get(reverse("guidance:cpr", args=[plan.pk])).status_code == 405


def test_back_office_sees_their_plans_without_cpr_and_cannot_open_plans(client, social, plan):
    client.force_login(social.user)
    assert client.get(reverse("guidance:new")).status_code == 403
    body = client.get(reverse("guidance:plan", args=[plan.pk])).content.decode()
    assert "Lise Andersen" in body and "Vis CPR-nummer" not in body
    assert client.post(reverse("guidance:cpr", args=[plan.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="cpr.read").exists()


def test_back_office_outside_the_plan_sees_nothing(client, make_staff, plan):
    outsider = caseworker_build(department_name="Teknik og Miljø", first_name="S", last_name="A")
    client.force_login(outsider.user)
    assert client.get(reverse("guidance:plan", args=[plan.pk])).status_code == 404
    assert "Lise Andersen" not in client.get(reverse("guidance:list")).content.decode()
    client.force_login(make_staff(Role.ADMINISTRATOR))
    assert client.get(reverse("guidance:list")).status_code == 403


def test_booking_steps_then_send_overview(client, front, plan, social):
    client.force_login(front)
    url = reverse("guidance:meeting_new", args=[plan.pk])
    assert "Social og Sundhed" in client.get(url).content.decode()
    step2 = client.get(url, {"department": social.department.slug}).content.decode()
    assert "Lene Holm" in step2
    step3 = client.get(url, {"department": social.department.slug, "calendar": social.pk})
    assert "Tirsdag 24. november 2026" in step3.content.decode()
    params = {"department": social.department.slug, "calendar": social.pk, "day": "2026-11-24"}
    step4 = client.get(url, params).content.decode()
    assert 'value="10:00"' in step4
    step5 = client.get(url, {**params, "start": "10:00"}).content.decode()
    assert "Bekræft mødet" in step5
    response = client.post(url, {**params, "start": "10:00", "topic": "Kontanthjælp"})
    assert response.status_code == 302
    assert PlanMeeting.objects.filter(plan=plan).count() == 1

    # The same time again: a clear message and back to the times.
    response = client.post(url, {**params, "start": "10:00", "topic": "Igen"}, follow=True)
    body = response.content.decode()
    assert "Tiden er ikke længere ledig" in body and "Vælg tidspunkt" in body

    client.post(reverse("guidance:send", args=[plan.pk]))
    client.post(reverse("guidance:send", args=[plan.pk]))
    assert Message.objects.filter(kind=services.KIND_OVERVIEW).count() == 1


def test_caseworker_inbox_shows_meetings_and_actions_and_changes_status(
    client, front, plan, social
):
    services.meeting_book(
        plan=plan, by=front, calendar=social, start=local(2026, 11, 24, 10, 0), topic="Kontanthjælp"
    )
    client.force_login(social.user)
    body = client.get(INBOX).content.decode()
    assert "Mine møder" in body and "Kontanthjælp" in body
    assert "Handlinger i vejledningsplaner" in body and "Send lønsedler" in body
    assert "Overskredet:" in body
    action = plan.actions.get()
    response = client.post(
        reverse("guidance:action_status", args=[action.pk]),
        {"status": ActionStatus.DONE, "next": "inbox"},
    )
    assert response.status_code == 302 and response.url == INBOX
    plan.refresh_from_db()
    assert not plan.is_open  # the only action is done: the plan closed


def test_inbox_section_is_absent_for_staff_without_calendar_or_actions(client, make_staff):
    client.force_login(make_staff(Role.BACK_OFFICE))
    assert "Handlinger i vejledningsplaner" not in client.get(INBOX).content.decode()
