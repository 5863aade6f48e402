"""GET /api/v1/reports/citizen-service/: the report as JSON for managers."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indgang.contacts.records import ContactRecord
from indgang.contacts.services import contacts_store
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.reports.selectors import citizen_service_report
from tests.conftest import local

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/citizen-service/"


@pytest.fixture
def manager(make_staff):
    client = APIClient()
    user = make_staff(Role.MANAGER)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def desks():
    contacts_store(
        records=[
            ContactRecord(
                contact_id="1", occurred_at=local(2019, 2, 1, 10), channel="personal", point="desk"
            ),
            ContactRecord(
                contact_id="2", occurred_at=local(2019, 5, 1, 10), channel="personal", point="desk"
            ),
        ]
    )


def test_a_manager_gets_the_report(manager, desks):
    with clock.frozen(at=local(2020, 1, 2, 8)):
        response = manager.get(URL, {"year": 2019})
        expected = citizen_service_report(year=2019)

    assert response.status_code == 200
    assert response.json() == expected
    assert response.json()["personal"]["expeditions"]["by_quarter"] == [1, 1, 0, 0]


def test_a_manager_gets_one_quarter_with_a_session(client, make_staff, desks):
    client.force_login(make_staff(Role.MANAGER))

    response = client.get(URL, {"year": 2019, "quarter": 2})

    assert response.status_code == 200
    assert response.json()["quarter"] == 2
    assert response.json()["personal"]["expeditions"]["total"] == 1


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.INTEGRATION])
def test_other_roles_are_refused(make_staff, role):
    client = APIClient()
    client.force_authenticate(make_staff(role))

    assert client.get(URL, {"year": 2019}).status_code == 403


def test_anonymous_is_refused():
    assert APIClient().get(URL, {"year": 2019}).status_code in (401, 403)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "year"),
        ({"year": "x"}, "year"),
        ({"year": "1999"}, "year"),
        ({"year": "2101"}, "year"),
        ({"year": "2019", "quarter": "5"}, "quarter"),
        ({"year": "2019", "quarter": "0"}, "quarter"),
        ({"year": "2019", "quarter": "Q2"}, "quarter"),
    ],
)
def test_a_bad_year_or_quarter_is_400_with_a_message_for_the_field(manager, query, field):
    response = manager.get(URL, query)

    assert response.status_code == 400
    body = response.json()
    assert list(body) == [field]
    assert body[field][0]


def test_messages_are_danish(manager):
    assert manager.get(URL, {"year": "x"}).json() == {"year": ["Skriv året som et tal, fx 2019."]}
    assert manager.get(URL).json() == {"year": ["Angiv året, fx ?year=2019."]}


def test_the_documented_example_has_the_keys_of_a_real_report():
    from indgang.reports.api.examples import REPORT

    real = citizen_service_report(year=2019)

    assert set(REPORT) == set(real)
    for key in ("personal", "switchboard", "contact_centre", "channels", "digital_mail"):
        assert set(REPORT[key]) == set(real[key]), key
