"""Presence, directory and transfer rules, callback deadlines, callback tasks
and their retention."""

from datetime import time, timedelta

import pytest
from django.core.management import call_command

from indgang.catalogue.models import Channel, ServiceChannel
from indgang.contactcentre import selectors, services
from indgang.contactcentre.models import CallbackStatus, CallbackTask, Presence, StaffPresence
from indgang.core import clock
from indgang.core.errors import DomainError, PermissionDenied
from indgang.core.permissions import Role
from indgang.notifications.models import Message
from tests.catalogue.factories import DepartmentFactory, ServiceFactory
from tests.conftest import local

from .factories import (
    CallbackTaskFactory,
    StaffPhoneHoursFactory,
    caseworker,
    department_with_phone_hours,
)

pytestmark = pytest.mark.django_db

MONDAY_10 = local(2026, 11, 23, 10, 0)  # within 9–15 phone hours
MONDAY_16 = local(2026, 11, 23, 16, 0)  # after them


def _service(*, phone_days=None, department=None):
    service = ServiceFactory(channels=[], **({"department": department} if department else {}))
    ServiceChannel.objects.create(
        service=service, channel=Channel.PHONE, response_deadline_days=phone_days
    )
    return service


# Directory and transfer -----------------------------------------------------


def test_directory_lists_departments_with_staff_presence_and_todays_hours():
    dept = department_with_phone_hours(name="Borgerservice Ydelser")
    anna = caseworker(department=dept, first_name="Anna", presence=Presence.AVAILABLE)
    bo = caseworker(department=dept, first_name="Bo", presence=Presence.MEETING)
    carl = caseworker(department=dept, first_name="Carl", presence=None)
    StaffPhoneHoursFactory(user=anna, weekday=0, opens=time(10, 0), closes=time(12, 0))
    DepartmentFactory(name="Afdeling uden sagsbehandlere")

    [entry] = selectors.directory(at=MONDAY_10)

    assert entry.department == dept
    assert entry.open_now is True
    assert entry.phone_hours_today == [(time(9, 0), time(15, 0))]
    assert entry.next_open is None
    by_user = {s.user: s for s in entry.staff}
    assert by_user[anna].transferable is True
    assert by_user[anna].phone_hours_today == [(time(10, 0), time(12, 0))]
    assert by_user[bo].presence == Presence.MEETING
    assert by_user[bo].presence_label == "I møde"
    assert by_user[bo].transferable is False
    # No presence row: off duty.
    assert by_user[carl].presence == Presence.OFF_DUTY
    assert by_user[carl].transferable is False


def test_directory_closed_department_shows_next_opening_and_nobody_is_transferable():
    dept = department_with_phone_hours()
    caseworker(department=dept, presence=Presence.AVAILABLE)

    [entry] = selectors.directory(at=MONDAY_16)

    assert entry.open_now is False
    assert entry.next_open == local(2026, 11, 24, 9, 0)
    assert [s.transferable for s in entry.staff] == [False]


def test_directory_search_filters_by_department_or_name():
    ydelser = department_with_phone_hours(name="Ydelser")
    sundhed = department_with_phone_hours(name="Sundhed")
    caseworker(department=ydelser, first_name="Anna")
    caseworker(department=ydelser, first_name="Bent")
    caseworker(department=sundhed, first_name="Anne-Mette")

    by_name = selectors.directory(at=MONDAY_10, q="bent")
    assert [e.department for e in by_name] == [ydelser]
    assert [s.user.first_name for s in by_name[0].staff] == ["Bent"]

    by_department = selectors.directory(at=MONDAY_10, q="sundhed")
    assert [e.department for e in by_department] == [sundhed]


def test_directory_leaves_out_staff_without_back_office_role(make_staff):
    dept = department_with_phone_hours()
    make_staff(Role.CONTACT_CENTRE, department=dept)
    assert selectors.directory(at=MONDAY_10) == []


def test_transfer_targets_only_available_staff_in_open_department():
    dept = department_with_phone_hours()
    anna = caseworker(department=dept, presence=Presence.AVAILABLE)
    caseworker(department=dept, presence=Presence.BUSY)
    caseworker(department=dept, presence=None)

    assert selectors.transfer_targets(department=dept, at=MONDAY_10) == [anna]
    assert selectors.transfer_targets(department=dept, at=MONDAY_16) == []


def test_transfer_check_accepts_available_colleague_in_phone_hours():
    anna = caseworker(department=department_with_phone_hours(), presence=Presence.AVAILABLE)
    services.transfer_check(to_user=anna, at=MONDAY_10)  # no error


@pytest.mark.parametrize("presence,label", [(Presence.MEETING, "i møde"), (None, "gået for i dag")])
def test_transfer_check_refuses_colleague_who_is_not_available(presence, label):
    bo = caseworker(department=department_with_phone_hours(), presence=presence, first_name="Bo")
    with pytest.raises(DomainError) as exc:
        services.transfer_check(to_user=bo, at=MONDAY_10)
    assert "er ikke ledig" in str(exc.value.message)
    assert label in str(exc.value.message)


def test_transfer_check_refuses_when_department_has_closed_its_phone():
    anna = caseworker(department=department_with_phone_hours(), presence=Presence.AVAILABLE)
    with pytest.raises(DomainError) as exc:
        services.transfer_check(to_user=anna, at=MONDAY_16)
    assert str(exc.value.message) == (
        "Afdelingen har lukket telefonen nu; åbner igen i morgen kl. 09.00."
    )


def test_department_phones_are_closed_on_public_holidays():
    dept = department_with_phone_hours()
    anna = caseworker(department=dept, presence=Presence.AVAILABLE)
    christmas_eve = local(2026, 12, 24, 10, 0)  # a Thursday
    with pytest.raises(DomainError, match="åbner igen"):
        services.transfer_check(to_user=anna, at=christmas_eve)


# Presence ------------------------------------------------------------------


def test_presence_set_by_the_user_themself_and_by_a_manager(make_staff):
    anna = caseworker(presence=None)
    services.presence_set(user=anna, by=anna, status=Presence.BUSY, note="Tilbage 13")
    assert StaffPresence.objects.get(user=anna).status == Presence.BUSY

    manager = make_staff(Role.MANAGER)
    services.presence_set(user=anna, by=manager, status=Presence.OFF_DUTY)
    anna.presence.refresh_from_db()
    assert anna.presence.status == Presence.OFF_DUTY


def test_presence_set_refuses_colleagues_and_roles_without_the_right(make_staff):
    anna = caseworker()
    colleague = caseworker(department=anna.department)
    with pytest.raises(PermissionDenied):
        services.presence_set(user=anna, by=colleague, status=Presence.AWAY)
    agent = make_staff(Role.CONTACT_CENTRE)
    with pytest.raises(PermissionDenied):
        services.presence_set(user=agent, by=agent, status=Presence.AVAILABLE)
    with pytest.raises(DomainError):
        services.presence_set(user=anna, by=anna, status="sleeping")


def test_staff_phone_hours_refuse_overlap():
    anna = caseworker()
    services.staff_phone_hours_add(user=anna, weekday=1, opens=time(9), closes=time(11))
    with pytest.raises(DomainError, match="overlapper"):
        services.staff_phone_hours_add(user=anna, weekday=1, opens=time(10), closes=time(12))
    services.staff_phone_hours_add(user=anna, weekday=1, opens=time(11), closes=time(12))
    assert anna.phone_hours.count() == 2


# Deadlines -----------------------------------------------------------------


def test_default_deadline_is_two_working_days_at_16():
    assert services.callback_deadline(service=None, at=MONDAY_10) == local(2026, 11, 25, 16, 0)
    # A service without a phone deadline gets the default too.
    assert services.callback_deadline(service=_service(phone_days=None), at=MONDAY_10) == (
        local(2026, 11, 25, 16, 0)
    )


def test_deadline_skips_the_weekend():
    friday = local(2026, 11, 27, 11, 0)
    service = _service(phone_days=3)
    # Mon 30, Tue 1, Wed 2
    assert services.callback_deadline(service=service, at=friday) == local(2026, 12, 2, 16, 0)


@pytest.mark.parametrize("created", [local(2026, 4, 1, 14, 0), local(2026, 4, 2, 10, 0)])
def test_deadline_skips_easter_holidays(created):
    # Skærtorsdag 2/4, Langfredag 3/4, the weekend, 2. påskedag 6/4: Tue 7, Wed 8.
    assert services.callback_deadline(service=_service(phone_days=2), at=created) == local(
        2026, 4, 8, 16, 0
    )


def test_deadline_uses_the_phone_channel_not_other_channels():
    service = _service(phone_days=5)
    ServiceChannel.objects.create(service=service, channel=Channel.EMAIL, response_deadline_days=1)
    assert services.callback_deadline(service=service, at=MONDAY_10) == local(2026, 11, 30, 16, 0)


def test_same_day_deadline_after_16_moves_to_next_working_day():
    service = _service(phone_days=0)
    assert services.callback_deadline(service=service, at=MONDAY_10) == local(2026, 11, 23, 16, 0)
    friday_evening = local(2026, 11, 27, 17, 0)
    assert services.callback_deadline(service=service, at=friday_evening) == local(
        2026, 11, 30, 16, 0
    )


# Callback tasks -------------------------------------------------------------


def test_callback_create_puts_task_in_queue_and_emails_the_department(make_staff):
    agent = make_staff(Role.CONTACT_CENTRE)
    dept = DepartmentFactory(email="ydelser@demo.kommune.dk")
    service = _service(phone_days=2, department=dept)

    task = services.callback_create(
        by=agent,
        department=None,
        service=service,
        question="Vil gerne høre om boligstøtte",
        citizen_name="Karen Jensen",
        citizen_phone="12 34 56 78",
        at=MONDAY_10,
    )

    assert task.department == dept
    assert task.status == CallbackStatus.OPEN
    assert task.citizen_phone == "+4512345678"
    assert task.deadline == local(2026, 11, 25, 16, 0)
    assert task.subject_area == service.subject_area
    [message] = Message.objects.all()
    assert message.channel == "email"
    assert message.recipient == "ydelser@demo.kommune.dk"
    assert "ny tilbagekaldsopgave" in message.body
    assert f"/personale/tilbagekald/{task.pk}/" in message.body
    # No personal data in the e-mail.
    assert "Karen" not in message.body + message.subject
    assert "12345678" not in message.body
    assert "boligstøtte" not in message.body


def test_callback_notice_goes_to_staff_when_department_has_no_email(make_staff):
    agent = make_staff(Role.CONTACT_CENTRE)
    dept = DepartmentFactory(email="")
    anna = caseworker(department=dept)
    bo = caseworker(department=dept)
    services.callback_create(by=agent, department=dept, question="Spørgsmål", at=MONDAY_10)
    assert sorted(Message.objects.values_list("recipient", flat=True)) == sorted(
        [anna.email, bo.email]
    )


def test_callback_create_is_rolled_back_with_its_notice_on_error(make_staff):
    agent = make_staff(Role.CONTACT_CENTRE)
    dept = DepartmentFactory(email="ydelser@demo.kommune.dk")
    with pytest.raises(DomainError):
        services.callback_create(by=agent, department=dept, question="  ")
    with pytest.raises(DomainError):
        services.callback_create(by=agent, department=dept, question="Hej", citizen_phone="12")
    assert not CallbackTask.objects.exists()
    assert not Message.objects.exists()


def test_callback_create_needs_the_permission(make_staff):
    front_desk = make_staff(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        services.callback_create(by=front_desk, department=DepartmentFactory(), question="Hej")


def test_caseworker_takes_and_closes_a_callback_with_notes():
    anna = caseworker(first_name="Anna", last_name="Berg")
    task = CallbackTaskFactory(department=anna.department)

    with clock.frozen(at=MONDAY_10):
        services.callback_take(task=task, by=anna)
    task.refresh_from_db()
    assert task.assignee == anna
    assert task.status == CallbackStatus.IN_PROGRESS

    with clock.frozen(at=MONDAY_10 + timedelta(minutes=30)):
        services.callback_update(
            task=task, by=anna, status=CallbackStatus.DONE, notes="Talt med borgeren"
        )
    task.refresh_from_db()
    assert task.status == CallbackStatus.DONE
    assert task.closed_at == MONDAY_10 + timedelta(minutes=30)
    lines = task.notes.splitlines()
    assert lines[0] == "23.11.2026 10.00 – Anna Berg: Status: I gang"
    assert lines[-1] == "23.11.2026 10.30 – Anna Berg: Talt med borgeren"

    # Reopening clears the closing time.
    services.callback_update(task=task, by=anna, status=CallbackStatus.IN_PROGRESS)
    task.refresh_from_db()
    assert task.closed_at is None


def test_other_departments_cannot_take_a_callback(make_staff):
    task = CallbackTaskFactory()
    stranger = caseworker()
    with pytest.raises(PermissionDenied):
        services.callback_take(task=task, by=stranger)
    agent = make_staff(Role.CONTACT_CENTRE, department=task.department)
    with pytest.raises(PermissionDenied):
        services.callback_update(task=task, by=agent, notes="Hej")
    manager = make_staff(Role.MANAGER)
    services.callback_take(task=task, by=manager)


def test_queue_sorted_by_deadline_with_overdue_flag():
    anna = caseworker()
    later = CallbackTaskFactory(department=anna.department, deadline=MONDAY_16)
    overdue = CallbackTaskFactory(department=anna.department, deadline=MONDAY_10)
    CallbackTaskFactory(department=anna.department, status=CallbackStatus.DONE)

    queue = selectors.callback_queue(department=anna.department, at=MONDAY_10 + timedelta(hours=1))
    assert queue == [overdue, later]
    assert [t.overdue for t in queue] == [True, False]
    assert list(selectors.callbacks_overdue(at=MONDAY_10 + timedelta(hours=1))) == [overdue]


def test_anonymise_old_clears_name_and_phone_but_keeps_question(settings):
    settings.CALLBACK_RETENTION_DAYS = 30
    now = local(2026, 11, 23, 3, 0)
    old = CallbackTaskFactory(
        status=CallbackStatus.DONE, closed_at=now - timedelta(days=31), question="Boligstøtte?"
    )
    recent = CallbackTaskFactory(status=CallbackStatus.DONE, closed_at=now - timedelta(days=29))
    still_open = CallbackTaskFactory(created_at=now - timedelta(days=90))

    assert services.callbacks_anonymise_old(at=now) == 1

    old.refresh_from_db()
    assert (old.citizen_name, old.citizen_phone, old.question) == ("", "", "Boligstøtte?")
    assert old.anonymised_at == now
    for task in (recent, still_open):
        task.refresh_from_db()
        assert task.citizen_name and task.anonymised_at is None
    # Anonymised tasks cannot be changed.
    with pytest.raises(DomainError):
        services.callback_update(task=old, by=caseworker(department=old.department), notes="x")


def test_anonymise_old_callbacks_command(capsys):
    CallbackTaskFactory(status=CallbackStatus.DONE, closed_at=clock.now() - timedelta(days=400))
    call_command("anonymise_old_callbacks")
    assert "Anonymiserede 1 tilbagekald" in capsys.readouterr().out
    assert CallbackTask.objects.filter(citizen_name="").count() == 1
