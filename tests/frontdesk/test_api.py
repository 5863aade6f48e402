"""The front-desk API contract (issue 5), exactly as others test against it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.frontdesk.models import Expedition, TicketStatus
from tests.booking.factories import office_build
from tests.catalogue.factories import DeskFactory, LocationFactory
from tests.conftest import local
from tests.frontdesk.factories import booking_make, ticket_make

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 10, 0)  # Monday; the office is open 10–15
BASE = "/api/v1/frontdesk"


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


@pytest.fixture
def office():
    return office_build(desks=2)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_api(make_staff):
    user = make_staff(Role.FRONT_DESK)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client.user = user
    return client


# --- Kiosk check-in -----------------------------------------------------------------


def test_checkin_gives_a_ticket_and_the_expected_wait(api, office):
    booking = booking_make(office, start=local(2026, 11, 23, 10, 15), code="K7MXQ4")

    response = api.post(
        f"{BASE}/checkins/", {"location": office.location.slug, "code": "k7mxq4"}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json() == {"ticket": "A001", "expected_wait_minutes": 15}
    assert booking.ticket.number == "A001"


def test_checkin_twice_gives_the_same_ticket(api, office):
    booking = booking_make(office, start=local(2026, 11, 23, 10, 0))
    body = {"location": office.location.slug, "code": booking.code}

    first = api.post(f"{BASE}/checkins/", body, format="json")
    again = api.post(f"{BASE}/checkins/", body, format="json")

    assert first.status_code == again.status_code == 201
    assert first.json()["ticket"] == again.json()["ticket"] == "A001"
    assert first.json()["expected_wait_minutes"] == 0


@pytest.mark.parametrize("case", ["unknown", "elsewhere", "tomorrow", "too_early", "too_late"])
def test_checkin_refusals_are_400_with_detail(api, office, case):
    start = {
        "tomorrow": local(2026, 11, 24, 10, 15),
        "too_early": local(2026, 11, 23, 11, 0),
        "too_late": local(2026, 11, 23, 9, 30),
    }.get(case, local(2026, 11, 23, 10, 15))
    booking = booking_make(office, start=start)
    location = LocationFactory() if case == "elsewhere" else office.location
    code = "NOSUCH" if case == "unknown" else booking.code

    response = api.post(f"{BASE}/checkins/", {"location": location.slug, "code": code})

    assert response.status_code == 400
    assert set(response.json()) == {"detail"}
    assert response.json()["detail"]


def test_checkin_at_an_unknown_location_is_a_field_error(api, office):
    response = api.post(f"{BASE}/checkins/", {"location": "nowhere", "code": "K7MXQ4"})

    assert response.status_code == 400
    assert "location" in response.json()


@override_settings(FRONTDESK_KIOSK_RATE="2/minute")
def test_checkin_is_rate_limited_per_client_address(api, office):
    cache.clear()
    body = {"location": office.location.slug, "code": "NOSUCH"}

    codes = [api.post(f"{BASE}/checkins/", body).status_code for _ in range(3)]
    other = api.post(f"{BASE}/checkins/", body, REMOTE_ADDR="192.0.2.7").status_code

    assert codes == [400, 400, 429]
    assert other == 400
    cache.clear()


# --- Walk-ins -----------------------------------------------------------------------


def test_walkin_by_staff_gives_a_ticket_and_its_id(staff_api, office):
    response = staff_api.post(
        f"{BASE}/tickets/",
        {"location": office.location.slug, "services": ["pas", "koerekort"]},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"ticket", "id"}
    assert body["ticket"] == "B001"


def test_walkin_with_unknown_service_or_no_capable_desk_is_a_field_error(staff_api, office):
    from tests.catalogue.factories import ServiceFactory

    ServiceFactory(slug="fiskekort", name="Fiskekort")
    unknown = staff_api.post(
        f"{BASE}/tickets/",
        {"location": office.location.slug, "services": ["nosuch"]},
        format="json",
    )
    no_desk = staff_api.post(
        f"{BASE}/tickets/",
        {"location": office.location.slug, "services": ["fiskekort"]},
        format="json",
    )

    assert unknown.status_code == no_desk.status_code == 400
    assert "services" in unknown.json()
    assert "services" in no_desk.json()


def test_walkin_with_an_impossible_phone_is_a_field_error(staff_api, office):
    response = staff_api.post(
        f"{BASE}/tickets/",
        {"location": office.location.slug, "services": ["pas"], "phone": "123"},
        format="json",
    )

    assert response.status_code == 400
    assert "phone" in response.json()


def test_staff_endpoints_refuse_anonymous_and_roleless_users(api, office, make_staff):
    desk = office.desks[0]
    roleless = APIClient()
    roleless.force_authenticate(make_staff())

    for client in (api, roleless):
        assert client.post(f"{BASE}/tickets/", {}).status_code in (401, 403)
        assert client.post(f"{BASE}/desks/{desk.pk}/call-next/").status_code in (401, 403)
        assert client.get(f"{BASE}/locations/{office.location.slug}/queue/").status_code in (
            401,
            403,
        )


def test_staff_session_works_too(client, make_staff, office):
    client.force_login(make_staff(Role.FRONT_DESK))

    response = client.get(f"{BASE}/locations/{office.location.slug}/queue/")

    assert response.status_code == 200


# --- Call next and after ------------------------------------------------------------


def test_call_next_answers_the_called_ticket_or_204(staff_api, office):
    ticket = ticket_make(office, due_at=NOW, number="A001")
    desk = office.desks[0]

    first = staff_api.post(f"{BASE}/desks/{desk.pk}/call-next/")
    empty = staff_api.post(f"{BASE}/desks/{desk.pk}/call-next/")

    assert first.status_code == 200
    assert first.json() == {
        "ticket": "A001",
        "id": ticket.pk,
        "desk": desk.pk,
        "called_at": "2026-11-23T10:00:00+01:00",
    }
    assert empty.status_code == 204
    assert empty.content == b""


def test_call_next_on_an_unknown_desk_is_404(staff_api, office):
    assert staff_api.post(f"{BASE}/desks/999999/call-next/").status_code == 404


def _called(staff_api, office, **fields):
    ticket = ticket_make(office, due_at=NOW, **fields)
    staff_api.post(f"{BASE}/desks/{office.desks[0].pk}/call-next/")
    return ticket


def test_served_finishes_the_ticket_and_registers_the_expedition(staff_api, office):
    ticket = _called(staff_api, office, arrived_at=NOW - timedelta(minutes=5))

    with clock.frozen(at=NOW + timedelta(minutes=12)):
        response = staff_api.post(
            f"{BASE}/tickets/{ticket.pk}/served/",
            {"service": "koerekort", "outcome": "callback", "co_service": True},
            format="json",
        )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "served"
    assert body["ticket"] == ticket.number
    expedition = Expedition.objects.get()
    assert body["expedition"] == expedition.pk
    assert expedition.service == office.koerekort
    assert expedition.outcome == "callback"
    assert expedition.co_service is True
    assert expedition.handling_seconds == 12 * 60
    assert expedition.staff == staff_api.user


def test_served_with_an_empty_body_uses_the_defaults(staff_api, office):
    ticket = _called(staff_api, office)

    response = staff_api.post(f"{BASE}/tickets/{ticket.pk}/served/")

    assert response.status_code == 200
    expedition = Expedition.objects.get()
    assert expedition.outcome == "resolved"
    assert expedition.subject_area == office.pas.subject_area


def test_served_with_an_unknown_service_is_a_field_error(staff_api, office):
    ticket = _called(staff_api, office)

    response = staff_api.post(
        f"{BASE}/tickets/{ticket.pk}/served/", {"service": "nosuch"}, format="json"
    )

    assert response.status_code == 400
    assert "service" in response.json()


def test_no_show_and_recall(staff_api, office):
    ticket = _called(staff_api, office)

    recall = staff_api.post(f"{BASE}/tickets/{ticket.pk}/recall/")
    no_show = staff_api.post(f"{BASE}/tickets/{ticket.pk}/no-show/")
    again = staff_api.post(f"{BASE}/tickets/{ticket.pk}/recall/")

    assert recall.status_code == 200
    assert recall.json()["call_count"] == 2
    assert no_show.status_code == 200
    assert no_show.json()["status"] == "no_show"
    assert again.status_code == 409
    assert "detail" in again.json()


def test_transfer_sends_the_citizen_to_another_desk(staff_api, office):
    ticket = _called(staff_api, office)
    other = office.desks[1]

    response = staff_api.post(
        f"{BASE}/tickets/{ticket.pk}/transfer/", {"desk": other.pk}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["status"] == "waiting"
    assert response.json()["transferred_to"] == other.pk
    assert staff_api.post(f"{BASE}/desks/{office.desks[0].pk}/call-next/").status_code == 204
    assert staff_api.post(f"{BASE}/desks/{other.pk}/call-next/").json()["id"] == ticket.pk


def test_transfer_to_an_incapable_or_unknown_desk_is_a_field_error(staff_api, office):
    ticket = _called(staff_api, office)
    koerekort_only = DeskFactory(location=office.location, number=9, services=[office.koerekort])

    incapable = staff_api.post(
        f"{BASE}/tickets/{ticket.pk}/transfer/", {"desk": koerekort_only.pk}, format="json"
    )
    unknown = staff_api.post(
        f"{BASE}/tickets/{ticket.pk}/transfer/", {"desk": 999999}, format="json"
    )

    assert incapable.status_code == unknown.status_code == 400
    assert "desk" in incapable.json()
    assert "desk" in unknown.json()


def test_ticket_actions_on_an_unknown_ticket_are_404(staff_api, office):
    for action in ("served", "no-show", "recall"):
        assert staff_api.post(f"{BASE}/tickets/999999/{action}/").status_code == 404


# --- Queue --------------------------------------------------------------------------


def test_queue_lists_waiting_and_called_with_waiting_minutes(staff_api, office):
    called = _called(staff_api, office, arrived_at=NOW - timedelta(minutes=4))
    waiting = ticket_make(
        office, due_at=NOW + timedelta(minutes=10), arrived_at=NOW, services=[office.koerekort]
    )

    with clock.frozen(at=NOW + timedelta(minutes=7)):
        response = staff_api.get(f"{BASE}/locations/{office.location.slug}/queue/")

    assert response.status_code == 200
    body = response.json()
    assert body["location"] == office.location.slug
    assert [t["id"] for t in body["waiting"]] == [waiting.pk]
    assert body["waiting"][0]["waiting_minutes"] == 7
    assert body["waiting"][0]["services"] == ["koerekort"]
    assert body["waiting"][0]["status"] == TicketStatus.WAITING
    assert [t["id"] for t in body["called"]] == [called.pk]
    assert body["called"][0]["waiting_minutes"] == 4
    assert body["called"][0]["desk"] == office.desks[0].pk


def test_queue_of_an_unknown_location_is_404(staff_api):
    assert staff_api.get(f"{BASE}/locations/nowhere/queue/").status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_queue_query_count_does_not_grow(staff_api, office, n, django_assert_max_num_queries):
    for i in range(n):
        ticket_make(office, due_at=NOW + timedelta(minutes=i))
    staff_api.post(f"{BASE}/desks/{office.desks[0].pk}/call-next/")

    with django_assert_max_num_queries(8):
        response = staff_api.get(f"{BASE}/locations/{office.location.slug}/queue/")

    assert len(response.json()["waiting"]) == n - 1
