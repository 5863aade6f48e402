"""The push API: a telephony platform (a user with the Integration role and a
token) sends calls, contacts and self-service counts; all or nothing,
idempotent by id."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indgang.contacts import api
from indgang.contacts.api.views import MAX_ITEMS
from indgang.contacts.models import Call, CallTally, Contact, ContactTally, SelfServiceCount
from indgang.core.permissions import Role
from tests.conftest import local
from tests.contacts.factories import call_item, contact_item, registry_build

pytestmark = pytest.mark.django_db

CALLS = "/api/v1/calls/"
CONTACTS = "/api/v1/contacts/"
SELF_SERVICE = "/api/v1/self-service-counts/"


@pytest.fixture
def registry(db):
    return registry_build()


@pytest.fixture
def integration(make_staff):
    return make_staff(Role.INTEGRATION, username="telefoni")


@pytest.fixture
def system(integration) -> APIClient:
    """A client with the integration user's token, as a telephony platform."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=integration).key}")
    return client


def test_the_urls_are_named_in_the_contacts_api_namespace():
    assert api.app_name == "contacts-api"
    from django.urls import reverse

    assert reverse("contacts-api:calls") == CALLS
    assert reverse("contacts-api:contacts") == CONTACTS
    assert reverse("contacts-api:self-service-counts") == SELF_SERVICE


# ------------------------------------------------------------------- calls


def test_one_call_as_an_object_is_stored_with_the_pushing_system_as_source(system, registry):
    response = system.post(CALLS, call_item("A-1", subject_area="pas", wait=12), format="json")

    assert response.status_code == 201
    assert response.json() == {"created": 1, "existing": 0}
    call = Call.objects.get()
    assert (call.call_id, call.wait_seconds, call.talk_seconds) == ("A-1", 12, 120)
    assert call.subject_area == registry.pas
    assert call.source == "api:telefoni"
    assert CallTally.objects.get().calls == 1


def test_a_list_of_calls_is_stored_and_pushing_it_again_stores_nothing(system, registry):
    body = [
        call_item("A-1"),
        call_item("A-2", talk=None, wait=40),
        call_item("A-3", line="department", result="transferred", transferred_to="borgerservice"),
    ]

    first = system.post(CALLS, body, format="json")
    again = system.post(CALLS, body, format="json")
    more = system.post(CALLS, [*body, call_item("A-4")], format="json")

    assert (first.status_code, first.json()) == (201, {"created": 3, "existing": 0})
    assert (again.status_code, again.json()) == (200, {"created": 0, "existing": 3})
    assert (more.status_code, more.json()) == (201, {"created": 1, "existing": 3})
    assert Call.objects.count() == 4
    assert sum(CallTally.objects.values_list("calls", flat=True)) == 4
    assert Call.objects.get(call_id="A-3").transferred_to.slug == "borgerservice"


def test_empty_fields_may_be_null_empty_or_left_out(system, registry):
    item = call_item("A-1")
    item["subject_area"] = ""
    del item["transferred_to"]

    response = system.post(CALLS, item, format="json")

    assert response.status_code == 201
    call = Call.objects.get()
    assert call.subject_area is None and call.transferred_to is None


def test_one_bad_item_stores_nothing_and_names_its_index_id_and_fields(system, registry):
    bad = call_item("A-2")
    bad["answered_at"] = None  # unanswered but not "abandoned"
    bad["line"] = "switchboard"
    body = [call_item("A-1"), bad, call_item("A-3", subject_area="findes-ikke")]

    response = system.post(CALLS, body, format="json")

    assert response.status_code == 400
    answer = response.json()
    assert "intet er gemt" in answer["detail"]
    assert [(e["index"], e["id"]) for e in answer["errors"]] == [(1, "A-2"), (2, "A-3")]
    assert set(answer["errors"][0]["fields"]) == {"answered_at", "line"}
    assert "abandoned" in answer["errors"][0]["fields"]["answered_at"]
    assert answer["errors"][1]["fields"] == {"subject_area": "“findes-ikke” findes ikke"}
    assert not Call.objects.exists()
    assert not CallTally.objects.exists()


def test_an_item_without_an_id_is_reported_with_id_null(system, registry):
    item = call_item("")

    response = system.post(CALLS, [item], format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [{"index": 0, "id": None, "fields": {"call_id": "mangler"}}]


def test_the_same_call_id_twice_in_one_body_is_an_error_at_the_later_index(system, registry):
    body = [call_item("A-1"), call_item("A-2"), call_item("A-1", wait=50)]

    response = system.post(CALLS, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": 2, "id": "A-1", "fields": {"call_id": "samme call_id som post 0"}}
    ]
    assert not Call.objects.exists()


def test_unknown_field_names_are_errors(system, registry):
    item = call_item("A-1")
    item["handling_seconds"] = 10

    response = system.post(CALLS, item, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"] == {"handling_seconds": "ukendt felt"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ('"a string"', "application/json"),
        ("42", "application/json"),
        ('[{"call_id": "A-1"}, 7]', "application/json"),
        ("call_id=A-1", "application/x-www-form-urlencoded"),
    ],
    ids=["not-json", "string", "number", "list-with-a-number", "form"],
)
def test_a_body_that_is_not_an_object_or_a_list_of_objects_is_refused(
    system, registry, body, content_type
):
    response = system.post(CALLS, body, content_type=content_type)

    assert response.status_code == 400
    assert response.json()["detail"]
    assert "errors" not in response.json()
    assert not Call.objects.exists()


def test_more_than_10000_items_are_refused_with_a_reason(system, registry):
    body = [{"call_id": f"A-{i}"} for i in range(MAX_ITEMS + 1)]

    response = system.post(CALLS, body, format="json")

    assert response.status_code == 400
    assert response.json() == {"detail": "For mange poster: 10001. Send højst 10000 ad gangen."}
    assert not Call.objects.exists()


def test_an_empty_list_stores_nothing_and_is_fine(system, registry):
    response = system.post(CALLS, [], format="json")

    assert (response.status_code, response.json()) == (200, {"created": 0, "existing": 0})


# ------------------------------------------------------------------ access


def test_anonymous_gets_401_with_a_token_challenge(registry):
    response = APIClient().post(CALLS, call_item("A-1"), format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not Call.objects.exists()


def test_a_wrong_token_gets_401(registry):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token forkert")

    assert client.post(CALLS, call_item("A-1"), format="json").status_code == 401


@pytest.mark.parametrize("url", [CALLS, SELF_SERVICE])
def test_front_desk_staff_get_403_even_with_a_token(make_staff, registry, url):
    client = APIClient()
    user = make_staff(Role.FRONT_DESK)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    response = client.post(url, {}, format="json")

    assert response.status_code == 403
    assert "Integration" in response.json()["detail"]


@pytest.mark.parametrize("url", [CALLS, CONTACTS, SELF_SERVICE])
def test_a_user_without_a_role_gets_403(make_staff, registry, url):
    client = APIClient()
    client.force_login(make_staff())

    assert client.post(url, {}, format="json").status_code == 403


def test_staff_who_may_register_contacts_may_also_push_them(make_staff, registry):
    # contacts.add_contact is the one-click registration's permission too.
    client = APIClient()
    client.force_login(make_staff(Role.FRONT_DESK, username="skranke1"))

    response = client.post(CONTACTS, contact_item("k1"), format="json")

    assert response.status_code == 201
    assert Contact.objects.get().source == "api:skranke1"


def test_a_manager_may_not_push_calls_but_may_push_self_service_counts(make_staff, registry):
    client = APIClient()
    client.force_login(make_staff(Role.MANAGER))
    counts = {
        "service": "pas-voksne",
        "period_start": "2019-01-01",
        "period_end": "2019-03-31",
        "digital": 9,
        "manual": 1,
    }

    assert client.post(CALLS, call_item("A-1"), format="json").status_code == 403
    assert client.post(SELF_SERVICE, counts, format="json").status_code == 201


def test_an_inactive_integration_user_is_refused(system, integration, registry):
    integration.is_active = False
    integration.save()

    assert system.post(CALLS, call_item("A-1"), format="json").status_code == 401


# ---------------------------------------------------------------- contacts


def test_contacts_are_stored_idempotently_and_counted(system, registry):
    body = [
        contact_item(
            "chat-1", channel="chat", point="web", service="pas-voksne", handle_seconds=240
        ),
        contact_item(
            "desk-1",
            channel="personal",
            point="desk",
            location="raadhuset",
            subject_area="sundhed",
            outcome="co_served",
            wait_seconds=300,
        ),
    ]

    first = system.post(CONTACTS, body, format="json")
    again = system.post(CONTACTS, body, format="json")

    assert (first.status_code, first.json()) == (201, {"created": 2, "existing": 0})
    assert (again.status_code, again.json()) == (200, {"created": 0, "existing": 2})
    chat = Contact.objects.get(external_id="chat-1")
    # The service's subject area when none is given.
    assert (chat.subject_area, chat.handling_seconds, chat.source) == (
        registry.pas,
        240,
        "api:telefoni",
    )
    assert Contact.objects.get(external_id="desk-1").location == registry.location
    assert sum(ContactTally.objects.values_list("contacts", flat=True)) == 2


def test_a_bad_contact_stores_none_of_them(system, registry):
    body = [
        contact_item("k1"),
        contact_item("k2", channel="fax", wait_seconds=-3),
        contact_item("k1"),
    ]

    response = system.post(CONTACTS, body, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(e["index"], e["id"]) for e in errors] == [(1, "k2"), (2, "k1")]
    assert set(errors[0]["fields"]) == {"channel", "wait_seconds"}
    assert errors[1]["fields"] == {"contact_id": "samme contact_id som post 0"}
    assert not Contact.objects.exists()


# ------------------------------------------------------------ self-service


def test_self_service_counts_are_created_kept_and_corrected(system, registry):
    q1 = {
        "service": "pas-voksne",
        "period_start": "2019-01-01",
        "period_end": "2019-03-31",
        "digital": 800,
        "manual": 100,
    }

    created = system.post(SELF_SERVICE, q1, format="json")
    same = system.post(SELF_SERVICE, [q1], format="json")
    corrected = system.post(SELF_SERVICE, {**q1, "digital": 810, "manual": "90"}, format="json")

    assert (created.status_code, created.json()) == (
        201,
        {"created": 1, "existing": 0, "updated": 0},
    )
    assert (same.status_code, same.json()) == (200, {"created": 0, "existing": 1, "updated": 0})
    assert (corrected.status_code, corrected.json()) == (
        201,
        {"created": 0, "existing": 0, "updated": 1},
    )
    count = SelfServiceCount.objects.get()
    assert (count.period_start, count.digital, count.manual) == (date(2019, 1, 1), 810, 90)


def test_the_same_service_and_period_twice_in_one_body_is_an_error(system, registry):
    q1 = {
        "service": "pas-voksne",
        "period_start": "2019-01-01",
        "period_end": "2019-03-31",
        "digital": 1,
        "manual": 1,
    }

    response = system.post(SELF_SERVICE, [q1, {**q1, "digital": 2}], format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": 1, "id": None, "fields": {"period_start": "samme ydelse og periode som post 0"}}
    ]
    assert not SelfServiceCount.objects.exists()


def test_timestamps_with_other_offsets_are_the_same_instant(system, registry):
    item = call_item("A-1", arrived=local(2019, 7, 1, 23, 30))
    item["arrived_at"] = "2019-07-01T21:30:00Z"

    response = system.post(CALLS, item, format="json")

    assert response.status_code == 201
    assert CallTally.objects.get().day == date(2019, 7, 1)
