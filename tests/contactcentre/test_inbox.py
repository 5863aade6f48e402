"""The directory, the back-office inbox and the callback page."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from indgang.contactcentre.models import CallbackStatus, Presence, StaffPhoneHours
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge.models import Article, ReviewTask
from tests.conftest import local

from .factories import CallbackTaskFactory, caseworker, department_with_phone_hours

pytestmark = pytest.mark.django_db

MONDAY_10 = local(2026, 11, 23, 10, 0)
DIRECTORY = reverse("contactcentre:directory")
INBOX = reverse("contactcentre:inbox")


@pytest.fixture
def frozen():
    with clock.frozen(at=MONDAY_10):
        yield MONDAY_10


def _text(response) -> str:
    return " ".join(response.content.decode().split())


# Directory -------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.MANAGER])
def test_directory_shows_departments_staff_and_presence(client, make_staff, role, frozen):
    dept = department_with_phone_hours(name="Ydelser")
    caseworker(department=dept, first_name="Anna", last_name="Berg", presence=Presence.AVAILABLE)
    caseworker(department=dept, first_name="Bo", last_name="Dahl", presence=Presence.MEETING)
    client.force_login(make_staff(role))

    response = client.get(DIRECTORY)

    assert response.status_code == 200
    text = _text(response)
    assert "Ydelser" in text
    assert "Telefonen er åben" in text
    assert "Telefontid i dag: 09.00–15.00" in text
    assert "Anna Berg" in text and "Ledig" in text
    assert "Bo Dahl" in text and "I møde" in text
    assert 'hx-trigger="every 30s"' in response.content.decode()


def test_directory_search_without_javascript(client, make_staff, frozen):
    caseworker(department=department_with_phone_hours(name="Ydelser"), first_name="Anna")
    caseworker(department=department_with_phone_hours(name="Sundhed"), first_name="Søren")
    client.force_login(make_staff(Role.CONTACT_CENTRE))

    text = _text(client.get(DIRECTORY, {"q": "sundhed"}))

    assert "Søren" in text and "Anna" not in text


def test_directory_htmx_refresh_returns_only_the_list(client, make_staff, frozen):
    caseworker(department=department_with_phone_hours(name="Ydelser"))
    client.force_login(make_staff(Role.CONTACT_CENTRE))
    response = client.get(DIRECTORY, headers={"HX-Request": "true"})
    assert "Ydelser" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_directory_says_when_department_is_closed(client, make_staff):
    caseworker(department=department_with_phone_hours(name="Ydelser"))
    client.force_login(make_staff(Role.CONTACT_CENTRE))
    with clock.frozen(at=local(2026, 11, 23, 16, 0)):
        text = _text(client.get(DIRECTORY))
    assert "Telefonen er lukket" in text
    assert "åbner igen tirsdag 24. november kl. 09.00" in text


def test_directory_is_closed_to_front_desk(client, make_staff):
    client.force_login(make_staff(Role.FRONT_DESK))
    assert client.get(DIRECTORY).status_code == 403


# Inbox ------------------------------------------------------------------------


def test_inbox_only_for_back_office_and_managers(client, make_staff):
    client.force_login(make_staff(Role.CONTACT_CENTRE))
    assert client.get(INBOX).status_code == 403
    client.force_login(make_staff(Role.MANAGER))
    assert client.get(INBOX).status_code == 200


def test_presence_toggle_without_javascript(client):
    anna = caseworker(presence=None)
    client.force_login(anna)
    assert "Du står som: <strong>Gået for i dag</strong>" in _text(client.get(INBOX))

    response = client.post(INBOX, {"action": "presence", "status": "meeting", "note": "Til 11"})

    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.presence.status == Presence.MEETING
    text = _text(client.get(INBOX))
    assert "Din status er nu: I møde." in text
    assert "Du står som: <strong>I møde</strong>" in text


def test_presence_toggle_shows_error_for_missing_status(client):
    client.force_login(caseworker(presence=None))
    response = client.post(INBOX, {"action": "presence"})
    assert response.status_code == 400
    assert "Vælg din status." in _text(response)


def test_phone_hours_add_and_remove(client):
    anna = caseworker()
    client.force_login(anna)

    client.post(INBOX, {"action": "add_hours", "weekday": "2", "opens": "09:00", "closes": "11:30"})
    [row] = StaffPhoneHours.objects.filter(user=anna)
    assert (row.weekday, row.opens, row.closes) == (2, time(9), time(11, 30))
    assert "Onsdag 09.00–11.30" in _text(client.get(INBOX))

    bad = client.post(
        INBOX, {"action": "add_hours", "weekday": "2", "opens": "12:00", "closes": "10:00"}
    )
    assert bad.status_code == 400
    assert "Sluttidspunktet skal ligge efter starttidspunktet." in _text(bad)

    client.post(INBOX, {"action": "remove_hours", "hours": str(row.pk)})
    assert not StaffPhoneHours.objects.filter(user=anna).exists()


def test_inbox_queue_sorted_by_deadline_with_overdue_in_words(client, frozen):
    anna = caseworker()
    CallbackTaskFactory(
        department=anna.department, deadline=MONDAY_10 + timedelta(days=1), question="Senere"
    )
    CallbackTaskFactory(
        department=anna.department, deadline=MONDAY_10 - timedelta(hours=1), question="Forsinket"
    )
    CallbackTaskFactory(question="Anden afdeling")
    client.force_login(anna)

    text = _text(client.get(INBOX))

    assert text.index("Forsinket") < text.index("Senere")
    assert "Anden afdeling" not in text
    assert "Overskredet:" in text
    assert text.count("Overskredet:") == 1


def test_inbox_lists_my_tasks_and_department_review_tasks(client, frozen):
    anna = caseworker()
    CallbackTaskFactory(assignee=anna, status=CallbackStatus.IN_PROGRESS, question="Min opgave")
    article = Article.objects.create(
        title="Sådan søger du boligstøtte",
        slug="boligstoette",
        created_at=MONDAY_10,
        updated_at=MONDAY_10,
        owner=anna.department,
    )
    ReviewTask.objects.create(
        article=article, department=anna.department, due_on=MONDAY_10.date(), created_at=MONDAY_10
    )
    client.force_login(anna)

    text = _text(client.get(INBOX))

    assert "Min opgave" in text
    assert "Sådan søger du boligstøtte" in text
    assert 'href="/personale/viden/gennemsyn/"' in text


# Callback page -------------------------------------------------------------


def _url(task) -> str:
    return reverse("contactcentre:callback", kwargs={"pk": task.pk})


def test_callback_flow_take_note_done(client, frozen):
    anna = caseworker(first_name="Anna", last_name="Berg")
    task = CallbackTaskFactory(department=anna.department, citizen_name="Karen Jensen")
    client.force_login(anna)

    page = _text(client.get(_url(task)))
    assert "Karen Jensen" in page and "+4512345678" in page
    assert "Tag opgaven" in page

    client.post(_url(task), {"action": "take"})
    client.post(_url(task), {"action": "note", "notes": "Ringede, ingen svar"})
    client.post(_url(task), {"action": "done"})

    task.refresh_from_db()
    assert task.assignee == anna and task.status == CallbackStatus.DONE
    assert task.closed_at is not None
    page = _text(client.get(_url(task)))
    assert "23.11.2026 10.00 – Anna Berg: Ringede, ingen svar" in page
    assert "Status er nu: Udført." in page
    assert "Genåbn" in page


def test_callback_not_reached(client, frozen):
    anna = caseworker()
    task = CallbackTaskFactory(department=anna.department)
    client.force_login(anna)
    client.post(_url(task), {"action": "not_reached"})
    task.refresh_from_db()
    assert task.status == CallbackStatus.NOT_REACHED


def test_empty_note_shows_error(client, frozen):
    anna = caseworker()
    task = CallbackTaskFactory(department=anna.department)
    client.force_login(anna)
    response = client.post(_url(task), {"action": "note", "notes": ""})
    assert response.status_code == 400
    assert "Skriv noten." in _text(response)


def test_citizen_data_hidden_from_other_departments(client, make_staff, frozen):
    task = CallbackTaskFactory(citizen_name="Karen Jensen")
    stranger = caseworker()
    client.force_login(stranger)

    page = _text(client.get(_url(task)))

    assert "Karen Jensen" not in page and "+4512345678" not in page
    assert "Tag opgaven" not in page
    assert client.post(_url(task), {"action": "take"}).status_code == 403
    task.refresh_from_db()
    assert task.assignee is None


def test_creator_and_manager_see_citizen_data(client, make_staff, frozen):
    agent = make_staff(Role.CONTACT_CENTRE)
    task = CallbackTaskFactory(created_by=agent, citizen_name="Karen Jensen")
    client.force_login(agent)
    page = _text(client.get(_url(task)))
    assert "Karen Jensen" in page and "Tag opgaven" not in page

    other_agent = make_staff(Role.CONTACT_CENTRE)
    client.force_login(other_agent)
    assert "Karen Jensen" not in _text(client.get(_url(task)))

    client.force_login(make_staff(Role.MANAGER))
    assert "Karen Jensen" in _text(client.get(_url(task)))


def test_overdue_callback_page_says_so(client):
    anna = caseworker()
    task = CallbackTaskFactory(department=anna.department, deadline=MONDAY_10)
    client.force_login(anna)
    with clock.frozen(at=MONDAY_10 + timedelta(minutes=1)):
        assert "Overskredet:" in _text(client.get(_url(task)))
    assert timezone.is_aware(task.deadline)


def test_front_desk_cannot_open_callback(client, make_staff):
    task = CallbackTaskFactory()
    client.force_login(make_staff(Role.FRONT_DESK))
    assert client.get(_url(task)).status_code == 403
    assert client.get(reverse("contactcentre:callback", kwargs={"pk": 999999})).status_code in (
        403,
        404,
    )
