"""Front-desk pages through Django's test client: the kiosk's check-in and its
errors, the waiting-room display, and the staff queue screen's actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from indgang.catalogue.models import Outcome
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.frontdesk.models import Expedition, Point, Ticket, TicketKind, TicketStatus
from tests.booking.factories import office_build
from tests.conftest import local
from tests.frontdesk.factories import booking_make, ticket_make

# Monday 23 November 2026, 10.20; the office is open 10–15.
NOW = local(2026, 11, 23, 10, 20)


@pytest.fixture
def now():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def office(db, now):
    return office_build()


def kiosk_url(office) -> str:
    return reverse("frontdesk:kiosk", args=[office.location.slug])


def staff_url(office, desk=None) -> str:
    url = reverse("frontdesk:staff", args=[office.location.slug])
    return f"{url}?desk={desk.pk}" if desk else url


# ------------------------------------------------------------------- kiosk


def test_kiosk_start_page_is_anonymous(client, office):
    response = client.get(kiosk_url(office))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bookingkode" in body
    assert "Har du ikke bestilt tid?" in body
    assert "Haster det? Gå til informationen." in body


def test_kiosk_checkin_with_code_shows_the_ticket_and_the_wait(client, office):
    booking_make(office, start=NOW + timedelta(minutes=10), code="K7P2QX")
    response = client.post(kiosk_url(office), {"code": " k7p2qx "})
    assert response.status_code == 200
    ticket = Ticket.objects.get(booking__code="K7P2QX")
    assert ticket.kind == TicketKind.BOOKED
    body = response.content.decode()
    assert ticket.number in body
    assert "Forventet ventetid" in body


def test_kiosk_checkin_with_phone(client, office):
    booking_make(office, start=NOW + timedelta(minutes=5), phone="+4522334455")
    response = client.post(kiosk_url(office), {"phone": "+45 22 33 44 55"})
    assert response.status_code == 200
    assert Ticket.objects.filter(booking__phone="+4522334455").exists()


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (NOW + timedelta(days=1), "NotToday"),
        (NOW + timedelta(hours=2), "TooEarly"),
        (NOW - timedelta(minutes=40), "TooLate"),
    ],
)
def test_kiosk_checkin_errors_are_plain_danish(client, office, start, message):
    from indgang.frontdesk import errors

    booking_make(office, start=start, code="ABC123")
    response = client.post(kiosk_url(office), {"code": "ABC123"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vi kunne ikke tjekke dig ind" in body
    expected = getattr(errors, message).message
    assert str(expected)[:20] in body.replace("&#x27;", "'")
    assert not Ticket.objects.exists()


def test_kiosk_unknown_code_and_empty_form(client, office):
    response = client.post(kiosk_url(office), {"code": "ZZZZZZ"})
    assert response.status_code == 400
    assert "Vi kunne ikke tjekke dig ind" in response.content.decode()
    response = client.post(kiosk_url(office), {})
    assert response.status_code == 400
    assert "Skriv din bookingkode eller dit telefonnummer." in response.content.decode()


def test_kiosk_at_another_location_is_refused(client, office):

    from tests.catalogue.factories import LocationFactory

    elsewhere = LocationFactory(name="Andet sted", slug="andet-sted")
    booking_make(office, start=NOW + timedelta(minutes=5), code="WRONG1")
    response = client.post(reverse("frontdesk:kiosk", args=[elsewhere.slug]), {"code": "WRONG1"})
    assert response.status_code == 400


def test_kiosk_no_booking_page_shows_first_free_time_and_information(client, office):
    response = client.get(reverse("frontdesk:kiosk_no_booking", args=[office.location.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Første ledige tid i dag" in body
    assert "Haster det? Gå til informationen." in body
    assert "Pas" in body


def test_unknown_location_is_404(client, office):
    assert client.get(reverse("frontdesk:kiosk", args=["findes-ikke"])).status_code == 404
    assert client.get(reverse("frontdesk:display", args=["findes-ikke"])).status_code == 404


# ------------------------------------------------------------------ display


def test_display_and_its_json_show_the_called_tickets(client, office):
    ticket_make(
        office,
        due_at=NOW,
        number="A007",
        status=TicketStatus.CALLED,
        desk=office.desks[1],
        called_at=NOW,
    )
    response = client.get(reverse("frontdesk:display", args=[office.location.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "A007" in body
    assert 'aria-live="polite"' in body
    data = client.get(reverse("frontdesk:display_json", args=[office.location.slug])).json()
    assert data["type"] == "state"
    assert data["called"][0]["number"] == "A007"
    assert data["called"][0]["desk"] == office.desks[1].number


# -------------------------------------------------------------- staff screen


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.MANAGER, Role.ADMINISTRATOR])
def test_staff_screen_is_for_front_desk_roles(client, make_staff, office, role):
    client.force_login(make_staff(role))
    assert client.get(staff_url(office)).status_code == 200


def test_staff_screen_refuses_other_roles_and_anonymous(client, make_staff, office):
    response = client.get(staff_url(office))
    assert response.status_code == 302
    client.force_login(make_staff(Role.CONTACT_CENTRE))
    assert client.get(staff_url(office)).status_code == 403
    assert (
        client.post(
            reverse("frontdesk:call_next", args=[office.location.slug]),
            {"desk": office.desks[0].pk},
        ).status_code
        == 403
    )


def test_staff_screen_shows_bookings_queue_and_waiting_time(staff_client, office):
    booking_make(office, start=NOW + timedelta(minutes=30), code="BOOK01")
    ticket_make(
        office,
        due_at=NOW - timedelta(minutes=5),
        number="B001",
        arrived_at=NOW - timedelta(minutes=12),
    )
    response = staff_client.get(staff_url(office, office.desks[0]))
    body = response.content.decode()
    assert "BOOK01" in body and "ikke tjekket ind" in body
    assert "B001" in body and "12 min." in body
    # The htmx refresh is the fragment only.
    fragment = staff_client.get(staff_url(office, office.desks[0]), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "B001" in fragment.content.decode()


def test_call_next_then_served_with_one_click(staff_client, office):
    desk = office.desks[0]
    ticket = ticket_make(office, due_at=NOW - timedelta(minutes=5), number="B001")
    call = reverse("frontdesk:call_next", args=[office.location.slug])
    response = staff_client.post(call, {"desk": desk.pk})
    assert response.status_code == 302
    assert response["Location"] == staff_url(office, desk)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CALLED and ticket.desk == desk
    page = staff_client.get(staff_url(office, desk)).content.decode()
    assert "Hos dig:" in page and "B001" in page
    served = reverse("frontdesk:ticket_action", args=[office.location.slug, ticket.pk, "betjent"])
    response = staff_client.post(
        served,
        {"desk": desk.pk, "service": office.pas.pk, "outcome": Outcome.RESOLVED},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SERVED
    expedition = Expedition.objects.get(ticket=ticket)
    assert expedition.outcome == Outcome.RESOLVED
    assert expedition.co_service is False
    assert expedition.service == office.pas


def test_served_with_subject_area_outcome_and_co_service(staff_client, office):
    desk = office.desks[0]
    ticket = ticket_make(
        office, due_at=NOW, number="B002", status=TicketStatus.CALLED, desk=desk, called_at=NOW
    )
    url = reverse("frontdesk:ticket_action", args=[office.location.slug, ticket.pk, "betjent"])
    staff_client.post(
        url,
        {
            "desk": desk.pk,
            "subject_area": office.pas.subject_area_id,
            "outcome": Outcome.CALLBACK,
            "co_service": "on",
        },
    )
    expedition = Expedition.objects.get(ticket=ticket)
    assert expedition.subject_area_id == office.pas.subject_area_id
    assert expedition.outcome == Outcome.CALLBACK
    assert expedition.co_service is True


def test_call_next_on_an_empty_queue_says_so(staff_client, office):
    response = staff_client.post(
        reverse("frontdesk:call_next", args=[office.location.slug]),
        {"desk": office.desks[0].pk},
        follow=True,
    )
    assert response.status_code == 200
    assert "alert-error" in response.content.decode()


def test_call_next_without_a_desk_asks_for_one(staff_client, office):
    response = staff_client.post(
        reverse("frontdesk:call_next", args=[office.location.slug]), {}, follow=True
    )
    assert "Vælg din skranke først." in response.content.decode()


def test_recall_no_show_and_transfer(staff_client, office):
    desk, other = office.desks
    ticket = ticket_make(
        office, due_at=NOW, number="B003", status=TicketStatus.CALLED, desk=desk, called_at=NOW
    )
    slug = office.location.slug
    recall = reverse("frontdesk:ticket_action", args=[slug, ticket.pk, "genkald"])
    assert staff_client.post(recall, {"desk": desk.pk}).status_code == 302
    ticket.refresh_from_db()
    assert ticket.call_count >= 1

    transfer = reverse("frontdesk:ticket_action", args=[slug, ticket.pk, "flyt"])
    staff_client.post(transfer, {"desk": desk.pk, "transfer-desk": other.pk})
    ticket.refresh_from_db()
    assert ticket.transferred_to == other
    assert ticket.status == TicketStatus.WAITING

    second = ticket_make(
        office, due_at=NOW, number="B004", status=TicketStatus.CALLED, desk=desk, called_at=NOW
    )
    no_show = reverse("frontdesk:ticket_action", args=[slug, second.pk, "udeblevet"])
    staff_client.post(no_show, {"desk": desk.pk})
    second.refresh_from_db()
    assert second.status == TicketStatus.NO_SHOW


def test_urgent_walkin(staff_client, office):
    response = staff_client.post(
        reverse("frontdesk:walkin", args=[office.location.slug]),
        {"walkin-services": [office.koerekort.pk], "walkin-urgent": "on"},
        follow=True,
    )
    ticket = Ticket.objects.get(kind=TicketKind.WALK_IN)
    assert ticket.urgent is True
    assert list(ticket.services.all()) == [office.koerekort]
    assert ticket.number in response.content.decode()


def test_walkin_without_services_is_an_error(staff_client, office):
    response = staff_client.post(
        reverse("frontdesk:walkin", args=[office.location.slug]), {}, follow=True
    )
    assert "Vælg mindst én ydelse" in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("point", [Point.INFORMATION, Point.CO_SERVICE])
def test_one_click_point_contacts(staff_client, office, point):
    url = reverse("frontdesk:point_contact", args=[office.location.slug, point])
    assert staff_client.post(url).status_code == 302
    expedition = Expedition.objects.get()
    assert expedition.point == point
    assert expedition.outcome == Outcome.RESOLVED


def test_actions_need_post(staff_client, office):
    url = reverse("frontdesk:call_next", args=[office.location.slug])
    assert staff_client.get(url).status_code == 405
