"""Guidance plans: open, CPR through its one reader, meetings in two
departments, one overview message, reminders, close with contacts, retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from indgang.audit.models import AuditEvent
from indgang.booking.errors import SlotTaken
from indgang.booking.models import BookingStatus
from indgang.contacts.models import Contact
from indgang.core import clock
from indgang.core.errors import PermissionDenied
from indgang.core.permissions import Role
from indgang.guidance import selectors, services
from indgang.guidance.models import ActionStatus, GuidancePlan, PlanStatus
from indgang.notifications.models import Message, MessageChannel, MessageStatus
from tests.conftest import local

from .factories import caseworker_build

NOW = local(2026, 11, 23, 9, 0)  # a Monday
TUESDAY_10 = local(2026, 11, 24, 10, 0)
WEDNESDAY_13 = local(2026, 11, 25, 13, 0)


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def front(make_staff):
    return make_staff(Role.FRONT_DESK, first_name="Mette", last_name="Jensen")


@pytest.fixture
def calendars(db):
    social = caseworker_build(
        department_name="Social og Sundhed",
        first_name="Lene",
        last_name="Holm",
        place="Rådhuset, lokale 2.14",
    )
    housing = caseworker_build(
        department_name="Boliganvisningen", first_name="Karim", last_name="Nielsen"
    )
    return social, housing


def stored_cpr(plan) -> str:
    return GuidancePlan.objects.filter(pk=plan.pk).values_list("cpr", flat=True).get()


def open_plan(by, **kwargs):
    values = {
        "title": "Mistet job og skal flytte",
        "citizen_name": "Lise Andersen",
        "phone": "20 30 40 50",
        "email": "lise@example.org",
    }
    values.update(kwargs)
    return services.plan_open(by=by, **values)


def test_plan_open_without_cpr(front, monday):
    plan = open_plan(front)
    assert plan.phone == "+4520304050"
    assert plan.owner == front and plan.is_open
    assert stored_cpr(plan) == ""
    assert not selectors.plan_has_cpr(plan=plan)


def test_plan_open_with_cpr_stores_ten_digits_and_keeps_it_out_of_the_audit(front, monday):
    plan = open_plan(front, cpr="010203-1234")
    assert stored_cpr(plan) == "0102031234"
    assert selectors.plan_has_cpr(plan=plan)
    event = AuditEvent.objects.get(action="guidance.plan_open")
    assert "0102031234" not in str(event.extra) and "010203" not in event.target_repr


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("citizen_name", {"citizen_name": " "}),
        ("phone", {"phone": "12"}),
        ("email", {"email": "ikke-en-mail"}),
        ("cpr", {"cpr": "12345"}),
    ],
)
def test_plan_open_rejects_bad_details(front, monday, field, values):
    with pytest.raises(ValidationError) as exc:
        open_plan(front, **values)
    assert field in exc.value.message_dict
    assert "12345" not in str(exc.value)


def test_cpr_is_read_only_through_the_selector_and_audited(front, make_staff, monday):
    plan = open_plan(front, cpr="0102031234")
    assert selectors.citizen_cpr_get(plan=plan, user=front) == "0102031234"
    event = AuditEvent.objects.get(action="cpr.read")
    assert event.actor == front and event.target_id == str(plan.pk)
    assert "0102031234" not in str(event.extra)

    caseworker = make_staff(Role.BACK_OFFICE)
    with pytest.raises(PermissionDenied):
        selectors.citizen_cpr_get(plan=plan, user=caseworker)
    assert AuditEvent.objects.filter(action="cpr.read").count() == 1


def test_back_office_cannot_open_a_plan(make_staff, monday):
    with pytest.raises(PermissionDenied):
        open_plan(make_staff(Role.BACK_OFFICE))


def book_two(plan, front, calendars):
    social, housing = calendars
    first = services.meeting_book(
        plan=plan, by=front, calendar=social, start=TUESDAY_10, topic="Kontanthjælp"
    )
    second = services.meeting_book(
        plan=plan, by=front, calendar=housing, start=WEDNESDAY_13, topic="Ny bolig"
    )
    return first, second


def test_two_meetings_in_two_departments_then_one_overview_per_channel(front, calendars, monday):
    plan = open_plan(front)
    first, second = book_two(plan, front, calendars)
    assert first.meeting.reference == f"guidance.plan:{plan.pk}"
    assert first.meeting.name == "Lise Andersen"

    # One reminder per meeting and channel, the calendar's 24 hours before.
    reminders = Message.objects.filter(kind=services.KIND_REMINDER)
    assert reminders.count() == 4
    for pm in (first, second):
        rows = reminders.filter(reference=services.meeting_reference(pm))
        assert {r.channel for r in rows} == {MessageChannel.SMS, MessageChannel.EMAIL}
        assert {r.next_attempt_at for r in rows} == {pm.meeting.start - timedelta(hours=24)}

    assert services.plan_notify(plan=plan, by=front) == 2
    overview = Message.objects.filter(kind=services.KIND_OVERVIEW)
    assert sorted(m.channel for m in overview) == [MessageChannel.EMAIL, MessageChannel.SMS]
    sms = overview.get(channel=MessageChannel.SMS)
    assert sms.recipient == "+4520304050"
    for text in ("Lene Holm", "Social og Sundhed", "Rådhuset, lokale 2.14", "Kontanthjælp"):
        assert text in sms.body
    for text in (
        "Karim Nielsen",
        "Boliganvisningen",
        "Ny bolig",
        "kl. 13.00",
        "Tirsdag 24. november",
    ):
        assert text in sms.body
    email = overview.get(channel=MessageChannel.EMAIL)
    assert "Lise Andersen" in email.body and "Kontanthjælp" in email.body
    first.refresh_from_db()
    assert first.notified_at == NOW

    # A double click sends nothing more.
    assert services.plan_notify(plan=plan, by=front) == 0
    assert Message.objects.filter(kind=services.KIND_OVERVIEW).count() == 2


def test_cancelling_a_meeting_cancels_its_reminder_and_a_new_overview_can_go(
    front, calendars, monday
):
    plan = open_plan(front)
    first, second = book_two(plan, front, calendars)
    services.plan_notify(plan=plan, by=front)
    services.meeting_cancel(plan_meeting=first, by=front)
    first.meeting.refresh_from_db()
    assert first.meeting.status == BookingStatus.CANCELLED
    statuses = dict(
        Message.objects.filter(kind=services.KIND_REMINDER).values_list("reference", "status")
    )
    assert statuses[services.meeting_reference(first)] == MessageStatus.CANCELLED
    assert statuses[services.meeting_reference(second)] == MessageStatus.PENDING
    # The set of meetings changed: a new overview with only the second one.
    assert services.plan_notify(plan=plan, by=front) == 2
    newest = Message.objects.filter(kind=services.KIND_OVERVIEW, channel=MessageChannel.SMS)
    newest = newest.order_by("-pk").first()
    assert "Ny bolig" in newest.body and "Kontanthjælp" not in newest.body


def test_a_taken_time_cannot_be_booked_twice(front, calendars, monday):
    plan = open_plan(front)
    other = open_plan(front, citizen_name="Ole Hansen")
    social, _housing = calendars
    services.meeting_book(plan=plan, by=front, calendar=social, start=TUESDAY_10, topic="A")
    with pytest.raises(SlotTaken):
        services.meeting_book(plan=other, by=front, calendar=social, start=TUESDAY_10, topic="B")


def test_plan_closes_when_all_actions_are_done_and_records_a_contact_per_meeting(
    front, calendars, monday
):
    social, housing = calendars
    plan = open_plan(front)
    book_two(plan, front, calendars)
    a1 = services.action_add(
        plan=plan, by=front, title="Søg kontanthjælp", department=social.department
    )
    a2 = services.action_add(plan=plan, by=front, title="Skriv op til bolig", assignee=housing.user)
    assert a2.department == housing.department
    with clock.frozen(at=local(2026, 11, 26, 10, 0)):
        # The social caseworker marks their department's action done.
        services.action_status_set(action=a1, by=social.user, status=ActionStatus.DONE)
        plan.refresh_from_db()
        assert plan.is_open
        services.action_status_set(action=a2, by=housing.user, status=ActionStatus.DONE)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.closed_at is not None
    contacts = Contact.objects.order_by("occurred_at")
    assert [c.occurred_at for c in contacts] == [TUESDAY_10, WEDNESDAY_13]
    assert all(c.channel == "personal" and c.staff == housing.user for c in contacts)
    assert set(plan.meetings.values_list("contact_id", flat=True)) == {c.pk for c in contacts}
    a1.refresh_from_db()
    assert a1.done_at is not None

    # Reopen and close again: no second contact for the same meeting.
    services.plan_reopen(plan=plan, by=front)
    services.plan_close(plan=plan, by=front)
    assert Contact.objects.count() == 2


def test_a_caseworker_of_another_department_cannot_change_an_action(
    front, calendars, make_staff, monday
):
    social, housing = calendars
    plan = open_plan(front)
    action = services.action_add(plan=plan, by=front, title="X", department=social.department)
    with pytest.raises(PermissionDenied):
        services.action_status_set(action=action, by=housing.user, status=ActionStatus.DONE)
    services.action_status_set(action=action, by=front, status=ActionStatus.IN_PROGRESS)
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS and action.done_at is None


def test_overdue_actions_and_the_caseworkers_inbox_data(front, calendars, monday):
    social, _housing = calendars
    plan = open_plan(front)
    services.meeting_book(plan=plan, by=front, calendar=social, start=TUESDAY_10, topic="Møde")
    late = services.action_add(
        plan=plan,
        by=front,
        title="Send lønsedler",
        department=social.department,
        deadline=NOW.date() - timedelta(days=2),
    )
    services.action_add(
        plan=plan,
        by=front,
        title="Søg boligstøtte",
        assignee=social.user,
        deadline=NOW.date() + timedelta(days=5),
    )
    assert list(selectors.actions_overdue()) == [late]
    data = selectors.inbox_data(user=social.user)
    assert [row.action.title for row in data.actions] == ["Send lønsedler", "Søg boligstøtte"]
    assert data.actions[0].is_overdue and not data.actions[1].is_overdue
    assert [m.topic for m in data.meetings] == ["Møde"]


def test_journey_lists_messages_by_status_in_time_order(front, calendars, monday):
    plan = open_plan(front)
    book_two(plan, front, calendars)
    services.plan_notify(plan=plan, by=front)
    journey = selectors.plan_journey(plan=plan, user=front)
    assert len(journey.meetings) == 2
    assert len(journey.messages) == 6  # 4 reminders + 2 overview
    times = [e.at for e in journey.timeline]
    assert times == sorted(times)
    assert journey.timeline[0].kind == "opened"


def test_retention_deletes_personal_data_of_old_closed_plans(front, monday):
    old = open_plan(front, cpr="0102031234", notes="Har børn")
    fresh = open_plan(front, citizen_name="Ole Hansen")
    services.plan_close(plan=old, by=front)
    services.plan_close(plan=fresh, by=front)
    GuidancePlan.objects.filter(pk=old.pk).update(closed_at=NOW - timedelta(days=400))
    call_command("anonymise_old_plans")
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.citizen_name, old.phone, old.email, old.notes) == ("", "", "", "")
    assert stored_cpr(old) == "" and old.anonymised_at == NOW
    assert old.title == "Mistet job og skal flytte"
    assert fresh.citizen_name == "Ole Hansen"
    assert services.plans_anonymise_old() == 0
