"""GET /api/v1/planning/staffing/: the staffing JSON for staff."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indgang.core.permissions import Role
from indgang.planning.erlang import StaffingInputError, staffing

pytestmark = pytest.mark.django_db

URL = "/api/v1/planning/staffing/"
QUERY = {"calls_per_hour": "200", "aht_seconds": "150", "answer_within_seconds": "20"}


@pytest.fixture
def staff(make_staff):
    client = APIClient()
    user = make_staff(Role.CONTACT_CENTRE)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def command(*args) -> dict:
    out = io.StringIO()
    call_command("staffing", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_staff_get_the_same_json_as_the_command(staff):
    response = staff.get(URL, QUERY)

    assert response.status_code == 200
    assert response.json() == command(
        "--calls-per-hour", "200", "--aht-seconds", "150", "--answer-within", "20"
    )
    assert response.json()["model"] == "erlang_c"


def test_every_parameter_is_used(staff):
    query = {
        **QUERY,
        "agents": "10",
        "patience_seconds": "120",
        "shrinkage": "0.3",
        "target_service_level": "0.9",
        "max_abandoned_after": "0.05",
    }

    response = staff.get(URL, query)

    assert response.status_code == 200
    assert response.json() == command(
        "--calls-per-hour",
        "200",
        "--aht-seconds",
        "150",
        "--answer-within",
        "20",
        "--agents",
        "10",
        "--patience-seconds",
        "120",
        "--shrinkage",
        "0.3",
        "--target-service-level",
        "0.9",
        "--max-abandoned-after",
        "0.05",
    )
    assert response.json() == staffing(
        calls_per_hour=200,
        aht_seconds=150,
        answer_within_seconds=20,
        agents=10,
        patience_seconds=120,
        shrinkage=0.3,
        target_service_level=0.9,
        max_abandoned_after=0.05,
    )
    assert response.json()["model"] == "erlang_a"
    assert response.json()["agents"] == 10


def test_an_unstable_queue_has_nulls(staff):
    body = staff.get(URL, {**QUERY, "agents": "8"}).json()

    assert body["stable"] is False
    assert body["service_level"] is None


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.MANAGER])
def test_any_staff_role_with_a_session(client, make_staff, role):
    client.force_login(make_staff(role))

    assert client.get(URL, QUERY).status_code == 200


def test_anonymous_is_refused():
    assert APIClient().get(URL, QUERY).status_code in (401, 403)


@pytest.mark.parametrize("roles", [(), (Role.INTEGRATION,)])
def test_a_user_without_a_staff_role_is_refused(make_staff, roles):
    client = APIClient()
    client.force_authenticate(make_staff(*roles))

    assert client.get(URL, QUERY).status_code == 403


def test_missing_fields_are_400_with_a_message_each(staff):
    response = staff.get(URL)

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"calls_per_hour", "aht_seconds", "answer_within_seconds"}
    assert all(isinstance(v, list) and v and v[0] for v in body.values())


def test_range_messages_are_staffings_own(staff):
    body = staff.get(URL, {**QUERY, "shrinkage": "1"}).json()

    with pytest.raises(StaffingInputError) as raised:
        staffing(calls_per_hour=200, aht_seconds=150, answer_within_seconds=20, shrinkage=1.0)
    assert body == {"shrinkage": [raised.value.errors["shrinkage"]]}


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({**QUERY, "calls_per_hour": "mange"}, {"calls_per_hour"}),
        ({**QUERY, "agents": "2.5"}, {"agents"}),
        ({**QUERY, "aht_seconds": "nan"}, {"aht_seconds"}),
        ({**QUERY, "calls_per_hour": "-1", "aht_seconds": "0"}, {"calls_per_hour", "aht_seconds"}),
        ({**QUERY, "shrinkage": "1"}, {"shrinkage"}),
        ({**QUERY, "target_service_level": "1.5"}, {"target_service_level"}),
        ({**QUERY, "agents": "0"}, {"agents"}),
        ({**QUERY, "patience_seconds": "-3"}, {"patience_seconds"}),
    ],
)
def test_bad_fields_are_400_with_a_message_each(staff, query, fields):
    response = staff.get(URL, query)

    assert response.status_code == 400
    body = response.json()
    assert set(body) == fields
    for field in fields:
        assert isinstance(body[field], list)
        assert isinstance(body[field][0], str)
        assert body[field][0]
