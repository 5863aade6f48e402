"""The booking pages through Django's test client: the citizen's flow from the
service to the receipt, the self-service route, a time taken under the
citizen's feet, the citizen's own link (cancel, move, 404), and staff booking
with its role checks."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from indgang.booking.models import Booking, BookingChannel, BookingStatus, DeskClosure
from indgang.booking.services import booking_create
from indgang.catalogue.models import Channel
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.notifications.models import Message, MessageStatus
from tests.accounts.factories import UserFactory
from tests.booking.factories import office_build
from tests.catalogue.factories import DeskFactory, LocationFactory, ServiceFactory
from tests.conftest import local

# Monday 23 November 2026, before the office opens at 10.
MONDAY_8 = local(2026, 11, 23, 8, 0)
TEN = local(2026, 11, 23, 10, 0)
START = reverse("booking:start")


@pytest.fixture
def monday():
    with clock.frozen(at=MONDAY_8) as at:
        yield at


@pytest.fixture
def office(db, monday):
    return office_build()


def iso(at) -> str:
    return at.isoformat(timespec="minutes")


def query(response) -> dict[str, list[str]]:
    return parse_qs(urlsplit(response["Location"]).query)


def path(response) -> str:
    return urlsplit(response["Location"]).path


def flow_url(name: str, **params) -> str:
    from django.utils.http import urlencode

    return reverse(f"booking:{name}") + "?" + urlencode(params)


def book_through_pages(client, office, *, start=TEN, services="pas", phone="12 34 56 78"):
    """Walk every step as a browser would; returns the final response."""
    response = client.get(START, {"services": services, "go": "1"})
    assert response.status_code == 302, response.content
    assert path(response) == reverse("booking:location")
    assert query(response) == {"services": [services]}

    response = client.get(response["Location"])
    assert response.status_code == 200
    response = client.get(
        reverse("booking:location"),
        {"services": services, "location": office.location.slug, "go": "1"},
    )
    assert response.status_code == 302
    assert path(response) == reverse("booking:calendar")

    response = client.get(response["Location"])
    assert response.status_code == 200
    day_link = flow_url(
        "time", services=services, location=office.location.slug, date=start.date().isoformat()
    )
    assert day_link.replace("&", "&amp;") in response.content.decode()

    response = client.get(day_link)
    assert response.status_code == 200
    assert f'value="{iso(start)}"' in response.content.decode()

    response = client.get(
        reverse("booking:time"),
        {
            "services": services,
            "location": office.location.slug,
            "date": start.date().isoformat(),
            "start": iso(start),
            "go": "1",
        },
    )
    assert response.status_code == 302
    assert path(response) == reverse("booking:details")
    details_url = response["Location"]

    response = client.get(details_url)
    assert response.status_code == 200
    assert "CPR" in response.content.decode()  # "Du skal ikke oplyse dit CPR-nummer."
    response = client.post(
        details_url, {"name": "Karen Jensen", "phone": phone, "email": "karen@example.dk"}
    )
    assert response.status_code == 302
    assert path(response) == reverse("booking:confirm")
    confirm_url = response["Location"]

    response = client.get(confirm_url)
    assert response.status_code == 200
    key = re.search(r'name="key" value="([^"]+)"', response.content.decode()).group(1)
    return client.post(confirm_url, {"key": key}), confirm_url, key


def test_citizen_books_through_every_step_and_the_ledger_has_the_confirmation(client, office):
    response, _url, _key = book_through_pages(client, office)

    assert response.status_code == 302
    assert response["Location"] == reverse("booking:done")
    booking = Booking.objects.get()
    assert booking.start == TEN
    assert booking.channel == BookingChannel.WEB
    assert booking.created_by is None
    assert booking.phone == "+4512345678"
    assert [s.slug for s in booking.services.all()] == ["pas"]

    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert receipt.status_code == 200
    assert booking.code in html
    assert "Borgerservice Test" in html
    assert "Pas" in html
    manage = reverse("booking:manage", kwargs={"code": booking.code, "token": booking.cancel_token})
    assert f'href="{manage}"' in html

    confirmations = Message.objects.filter(
        reference=f"booking:{booking.pk}", kind="booking.confirmed"
    )
    assert sorted(confirmations.values_list("channel", flat=True)) == ["email", "sms"]
    assert all(m.status == MessageStatus.PENDING for m in confirmations)
    assert "12 34 56 78" not in "".join(m.body for m in confirmations)  # normalised recipient
    assert confirmations.get(channel="sms").recipient == "+4512345678"
    # The contact details left the session once booked.
    assert "booking_contact" not in client.session


def test_several_services_book_one_visit_of_their_summed_length(client, office):
    response, _url, _key = book_through_pages(client, office, services="pas,koerekort")

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.end - booking.start == timedelta(minutes=25)
    assert {s.slug for s in booking.services.all()} == {"pas", "koerekort"}


def test_a_double_click_on_book_books_once(client, office):
    response, confirm_url, key = book_through_pages(client, office)
    assert response.status_code == 302
    # The session lost the details with the first click; a second click with
    # the same form key must not book again.
    session = client.session
    session["booking_contact"] = {"name": "Karen", "phone": "+4512345678", "email": ""}
    session.save()
    again = client.post(confirm_url, {"key": key})

    assert again.status_code == 302
    assert Booking.objects.count() == 1


def test_the_service_step_lists_only_services_with_a_desk_offered_in_person(client, office):
    ServiceFactory(name="Boligstøtte", slug="boligstoette", channels=[Channel.SELF_SERVICE])
    ServiceFactory(name="Vielse", slug="vielse", channels=[Channel.PERSONAL])  # no desk
    archived = ServiceFactory(name="Gammelt", slug="gammelt", channels=[Channel.PERSONAL])
    archived.is_archived = True
    archived.save()
    office.desks[0].services.add(archived)

    html = client.get(START).content.decode()

    assert 'value="pas"' in html
    assert 'value="koerekort"' in html
    for slug in ("boligstoette", "vielse", "gammelt"):
        assert f'value="{slug}"' not in html


def test_choosing_nothing_shows_the_error_summary_linking_to_the_first_service(client, office):
    response = client.get(START, {"go": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-module="error-summary"' in html
    assert 'href="#ydelse-pas"' in html or 'href="#ydelse-koerekort"' in html
    assert "Vælg mindst én ydelse." in html
    assert "<title>Fejl:" in html


def test_the_catalogue_link_preselects_the_service(client, office):
    html = client.get(START, {"services": "koerekort"}).content.decode()

    assert re.search(r'value="koerekort" class="form-checkbox" checked', html)
    assert not re.search(r'value="pas" class="form-checkbox" checked', html)


def test_self_service_is_shown_first_and_skipped_with_i_still_need_a_time(client, office):
    office.pas.self_service_url = "https://www.borger.dk/pas"
    office.pas.save()

    response = client.get(START, {"services": "pas", "go": "1"})
    assert path(response) == reverse("booking:self_service")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Du kan klare det selv her" in html
    assert 'href="https://www.borger.dk/pas"' in html
    assert "Jeg har stadig brug for en tid" in html
    # The button's form goes on to the location with the services.
    assert f'action="{reverse("booking:location")}"' in html
    assert '<input type="hidden" name="services" value="pas">' in html

    onwards = client.get(reverse("booking:location"), {"services": "pas"})
    assert onwards.status_code == 200
    assert "Hvor vil du møde op?" in onwards.content.decode()


def test_a_service_without_self_service_skips_that_step(client, office):
    response = client.get(START, {"services": "koerekort", "go": "1"})

    assert path(response) == reverse("booking:location")


def test_services_no_desk_can_do_together_are_suggested_separately(client, office):
    other = ServiceFactory(name="Vielse", slug="vielse", channels=[Channel.PERSONAL])
    DeskFactory(location=office.location, number=9, services=[other])

    response = client.get(reverse("booking:location"), {"services": "pas,vielse"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "kan klare alle de valgte ydelser ved samme besøg" in html
    assert flow_url("start", services="pas").replace("&", "&amp;") in html
    assert flow_url("start", services="vielse").replace("&", "&amp;") in html


def test_the_calendar_says_which_days_are_closed_or_full(client, office):
    # Close every desk all Tuesday: no free times, though the office is open.
    for desk in office.desks:
        DeskClosure.objects.create(
            desk=desk, starts_at=local(2026, 11, 24, 0, 0), ends_at=local(2026, 11, 25, 0, 0)
        )
    response = client.get(
        reverse("booking:calendar"), {"services": "pas", "location": office.location.slug}
    )

    html = response.content.decode()
    assert "Uge 48" in html
    monday = html.index("Mandag 23. november")
    tuesday = html.index("Tirsdag 24. november")
    sunday = html.index("Søndag 29. november")
    assert "ledige tider" in html[monday:tuesday]
    assert "Ingen ledige tider" in html[tuesday : html.index("Onsdag 25. november")]
    assert "Lukket" in html[sunday:]
    assert "Næste uge" in html
    assert "Forrige uge" not in html  # nothing before this week

    next_week = client.get(
        reverse("booking:calendar"),
        {"services": "pas", "location": office.location.slug, "week": "2026-11-30"},
    )
    assert "Uge 49" in next_week.content.decode()
    assert "Forrige uge" in next_week.content.decode()


def test_a_time_taken_meanwhile_sends_the_citizen_back_to_the_times(client, office):
    # One desk, so another booking at ten takes the only place.
    for desk in office.desks[1:]:
        desk.is_active = False
        desk.save()
    response = client.get(
        reverse("booking:time"),
        {
            "services": "pas",
            "location": office.location.slug,
            "date": "2026-11-23",
            "start": iso(TEN),
            "go": "1",
        },
    )
    details_url = response["Location"]
    client.post(details_url, {"name": "Karen Jensen", "phone": "12345678"})
    confirm_url = details_url.replace(reverse("booking:details"), reverse("booking:confirm"))
    booking_create(
        services=[office.pas], location=office.location, start=TEN, name="Ole", phone="87654321"
    )

    response = client.post(confirm_url, {"key": "abc"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "Tiden er lige blevet optaget" in html
    assert 'data-module="error-summary"' in html
    assert "Vælg et tidspunkt" in html
    assert f'value="{iso(TEN)}"' not in html  # the taken time is gone
    assert f'value="{iso(TEN + timedelta(minutes=15))}"' in html
    assert Booking.objects.count() == 1


def test_details_need_a_name_and_a_phone_or_e_mail(client, office):
    url = flow_url(
        "details",
        services="pas",
        location=office.location.slug,
        date="2026-11-23",
        start=iso(TEN),
    )
    response = client.post(url, {"name": "", "phone": "", "email": "not-an-address"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Skriv dit navn." in html
    assert "Skriv en gyldig e-mailadresse" in html
    assert 'href="#id_name"' in html
    assert 'aria-invalid="true"' in html


def test_a_step_without_its_earlier_choices_goes_back_to_them(client, office):
    assert client.get(reverse("booking:calendar"), {"services": "pas"})["Location"] == flow_url(
        "location", services="pas"
    )
    assert client.get(reverse("booking:location"))["Location"] == START
    response = client.get(reverse("booking:confirm"), {"services": "pas"})
    assert path(response) == reverse("booking:location")


def test_the_flow_works_in_english(client, office):
    response = client.get("/en/bestil-tid/", {"services": "pas", "go": "1"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/bestil-tid/sted/")


# --- The citizen's own link -------------------------------------------------------


@pytest.fixture
def booking(office):
    return booking_create(
        services=[office.pas],
        location=office.location,
        start=local(2026, 11, 24, 11, 0),
        name="Karen Jensen",
        phone="12345678",
        email="karen@example.dk",
    )


def manage_url(booking, name="manage") -> str:
    return reverse(f"booking:{name}", kwargs={"code": booking.code, "token": booking.cancel_token})


def test_the_manage_page_shows_the_booking(client, booking):
    response = client.get(manage_url(booking))

    html = response.content.decode()
    assert response.status_code == 200
    assert booking.code in html
    assert "Tirsdag 24. november 2026" in html
    assert "Aflys tid" in html
    assert "Flyt tid" in html


@pytest.mark.parametrize("wrong", ["token", "code", "both"])
def test_a_wrong_code_or_token_is_404(client, booking, wrong):
    code = "AAAAAA" if wrong in ("code", "both") else booking.code
    token = "x" * 43 if wrong in ("token", "both") else booking.cancel_token
    for name in ("manage", "manage_cancel", "manage_move"):
        url = reverse(f"booking:{name}", kwargs={"code": code, "token": token})
        assert client.get(url).status_code == 404
        if name != "manage":  # the page itself is GET only
            assert client.post(url).status_code == 404


def test_the_citizen_cancels_after_confirming(client, booking):
    page = client.get(manage_url(booking, "manage_cancel"))
    assert "Vil du aflyse din tid?" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED  # a GET changes nothing

    response = client.post(manage_url(booking, "manage_cancel"))

    assert response.status_code == 302
    assert response["Location"] == manage_url(booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    html = client.get(response["Location"]).content.decode()
    assert "Din tid er aflyst" in html
    assert "Tiden er aflyst" in html
    assert "Aflys tid" not in html
    assert Message.objects.filter(
        reference=f"booking:{booking.pk}", kind="booking.cancelled"
    ).exists()
    assert not Message.objects.filter(
        reference=f"booking:{booking.pk}", kind="booking.reminder", status=MessageStatus.PENDING
    ).exists()


def test_the_citizen_moves_through_the_calendar(client, booking):
    calendar = client.get(manage_url(booking, "manage_move"))
    html = calendar.content.decode()
    assert calendar.status_code == 200
    assert "Din nuværende tid" in html
    day = manage_url(booking, "manage_move") + "?date=2026-11-25"
    assert day.replace("&", "&amp;") in html

    times = client.get(day)
    new_start = local(2026, 11, 25, 13, 30)
    assert f'value="{iso(new_start)}"' in times.content.decode()
    response = client.post(day, {"start": iso(new_start)})

    assert response.status_code == 302
    assert response["Location"] == manage_url(booking)
    booking.refresh_from_db()
    assert booking.start == new_start
    assert "Tiden er flyttet til" in client.get(response["Location"]).content.decode()
    assert Message.objects.filter(reference=f"booking:{booking.pk}", kind="booking.moved").exists()


def test_moving_to_a_time_that_is_not_free_shows_an_error(client, booking):
    day = manage_url(booking, "manage_move") + "?date=2026-11-25"

    response = client.post(day, {"start": iso(local(2026, 11, 25, 16, 0))})

    assert response.status_code == 400
    assert 'data-module="error-summary"' in response.content.decode()
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 24, 11, 0)


def test_a_past_booking_can_no_longer_be_cancelled_by_link(client, booking):
    with clock.frozen(at=local(2026, 11, 24, 12, 0)):
        assert "Aflys tid" not in client.get(manage_url(booking)).content.decode()
        response = client.post(manage_url(booking, "manage_cancel"))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


# --- Staff --------------------------------------------------------------------


STAFF_PAGES = [
    ("booking:staff_day", {}),
    ("booking:staff_new", {}),
    ("booking:staff_calendar", {}),
    ("booking:staff_time", {}),
    ("booking:staff_details", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_anonymous_staff_pages_redirect_to_login(client, office, name, kwargs, login_url):
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(login_url)


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_a_user_without_a_role_gets_403(client, office, name, kwargs):
    client.force_login(UserFactory())

    assert client.get(reverse(name, kwargs=kwargs)).status_code == 403


def test_a_caseworker_may_not_book_for_citizens(client, office, make_staff):
    client.force_login(make_staff(Role.BACK_OFFICE))

    assert client.get(reverse("booking:staff_day")).status_code == 403


def test_move_and_cancel_for_staff_need_a_role(client, booking, login_url):
    for name in ("booking:staff_move", "booking:staff_cancel"):
        url = reverse(name, kwargs={"pk": booking.pk})
        assert client.get(url)["Location"].startswith(login_url)
    client.force_login(UserFactory())
    for name in ("booking:staff_move", "booking:staff_cancel"):
        assert client.post(reverse(name, kwargs={"pk": booking.pk})).status_code == 403
    booking.refresh_from_db()
    assert booking.is_active


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CONTACT_CENTRE])
def test_staff_book_by_phone_with_created_by(client, office, make_staff, role):
    user = make_staff(role)
    client.force_login(user)

    response = client.get(
        reverse("booking:staff_new"),
        {"location": office.location.slug, "services": ["pas", "koerekort"], "go": "1"},
    )
    assert path(response) == reverse("booking:staff_calendar")
    calendar = client.get(response["Location"])
    assert calendar.status_code == 200
    times = client.get(
        reverse("booking:staff_time"),
        {"services": "pas,koerekort", "location": office.location.slug, "date": "2026-11-23"},
    )
    assert times.status_code == 200
    response = client.get(
        reverse("booking:staff_time"),
        {
            "services": "pas,koerekort",
            "location": office.location.slug,
            "date": "2026-11-23",
            "start": iso(TEN),
            "go": "1",
        },
    )
    assert path(response) == reverse("booking:staff_details")
    form = client.get(response["Location"])
    html = form.content.decode()
    assert re.search(r'value="phone" class="form-radio" checked', html)  # Telefon by default

    done = client.post(
        response["Location"],
        {"name": "Ole Hansen", "phone": "87 65 43 21", "channel": "phone", "language": "da"},
    )

    assert done.status_code == 302
    booking = Booking.objects.get()
    assert booking.channel == BookingChannel.PHONE
    assert booking.created_by == user
    assert booking.start == TEN
    assert done["Location"] == (
        reverse("booking:staff_day") + f"?location={office.location.slug}&date=2026-11-23"
    )
    day = client.get(done["Location"]).content.decode()
    assert booking.code in day
    assert "Ole Hansen" in day
    assert "87 65 43 21" in day
    assert "Telefon" in day
    assert Message.objects.filter(reference=f"booking:{booking.pk}", kind="booking.confirmed")


def test_staff_day_lists_bookings_by_time_and_desk(client, booking, make_staff):
    client.force_login(make_staff(Role.FRONT_DESK))

    response = client.get(
        reverse("booking:staff_day"),
        {"location": booking.location.slug, "date": "2026-11-24"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert booking.code in html
    assert "Karen Jensen" in html
    assert "12 34 56 78" in html
    assert "Hjemmeside" in html
    assert reverse("booking:staff_move", kwargs={"pk": booking.pk}) in html
    assert reverse("booking:staff_cancel", kwargs={"pk": booking.pk}) in html


def test_staff_move_and_cancel(client, booking, make_staff):
    user = make_staff(Role.CONTACT_CENTRE)
    client.force_login(user)
    move = reverse("booking:staff_move", kwargs={"pk": booking.pk})

    response = client.post(move + "?date=2026-11-26", {"start": iso(local(2026, 11, 26, 14, 0))})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.start == local(2026, 11, 26, 14, 0)
    assert response["Location"].endswith("date=2026-11-26")

    cancel = reverse("booking:staff_cancel", kwargs={"pk": booking.pk})
    assert "Aflys borgerens tid?" in client.get(cancel).content.decode()
    response = client.post(cancel)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert "er aflyst" in client.get(response["Location"]).content.decode()


def test_staff_choose_location_and_services_no_desk_handles_together(client, office, make_staff):
    other = LocationFactory(name="Biblioteket", slug="biblioteket")
    DeskFactory(location=other, number=1, services=[office.koerekort])
    client.force_login(make_staff(Role.FRONT_DESK))

    response = client.get(
        reverse("booking:staff_new"),
        {"location": "biblioteket", "services": ["pas", "koerekort"], "go": "1"},
    )

    assert response.status_code == 200
    assert "Ingen skranke på stedet kan klare alle de valgte ydelser" in response.content.decode()


# --- Admin ----------------------------------------------------------------------


def test_admin_shows_booking_models_and_cancels_but_never_deletes(admin_client, booking):
    for model in ("bookingpolicy", "serviceduration", "deskclosure", "booking"):
        response = admin_client.get(reverse(f"admin:booking_{model}_changelist"))
        assert response.status_code == 200, model
    assert admin_client.get(reverse("admin:booking_deskclosure_add")).status_code == 200
    change = admin_client.get(reverse("admin:booking_booking_change", args=[booking.pk]))
    assert change.status_code == 200
    assert "12 34 56 78" in change.content.decode()
    assert admin_client.get(reverse("admin:booking_booking_add")).status_code == 403
    delete = reverse("admin:booking_booking_delete", args=[booking.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403

    response = admin_client.post(
        reverse("admin:booking_booking_changelist"),
        {"action": "cancel_selected", "_selected_action": [booking.pk]},
    )

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert Message.objects.filter(
        reference=f"booking:{booking.pk}", kind="booking.cancelled"
    ).exists()


def test_a_manager_closes_a_desk_in_the_admin(client, office, make_staff):
    client.force_login(make_staff(Role.MANAGER, is_staff=True))
    desk = office.desks[0]

    response = client.post(
        reverse("admin:booking_deskclosure_add"),
        {
            "desk": desk.pk,
            "starts_at_0": "2026-11-24",
            "starts_at_1": "10:00",
            "ends_at_0": "2026-11-24",
            "ends_at_1": "12:00",
            "reason": "Kursus",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    closure = DeskClosure.objects.get()
    assert closure.starts_at == local(2026, 11, 24, 10, 0)
    assert client.get(reverse("admin:booking_booking_changelist")).status_code == 200
