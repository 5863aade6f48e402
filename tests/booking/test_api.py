"""The booking API contract (issue 4): availability, booking, cancelling, rate
limit, idempotency and the two DST days, status codes and bodies exactly."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.authtoken.models import Token

from indgang.booking.models import Booking, BookingStatus
from indgang.booking.services import booking_manage_url
from indgang.catalogue.models import Closure
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.notifications.models import Message, MessageStatus
from tests.accounts.factories import UserFactory
from tests.booking.factories import BookingPolicyFactory, office_build
from tests.catalogue.factories import DeskFactory, LocationFactory
from tests.conftest import local

pytestmark = pytest.mark.django_db

AVAILABILITY = "/api/v1/availability/"
APPOINTMENTS = "/api/v1/appointments/"
# Monday 23 November 2026, 08:00 local time.
NOW = local(2026, 11, 23, 8, 0)
TAKEN = {"detail": "Tiden er ikke længere ledig. Vælg en anden tid."}
NOT_A_SLOT = {"start": ["Tidspunktet kan ikke bookes. Vælg en af de ledige tider."]}
NOT_FOUND = {"detail": "Bookingen findes ikke, eller linket er ikke gyldigt."}


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield NOW


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def office():
    """Open Tuesdays 09:00–10:00 (and Mon–Sat 10:00–15:00 otherwise), a 15-minute grid."""
    hours = {d: [("10:00", "15:00")] for d in range(6)}
    hours[1] = [("09:00", "10:00")]
    return office_build(desks=1, hours=hours, slot_step_minutes=15)


def cancel_url(code: str) -> str:
    return f"{APPOINTMENTS}{code}/cancel/"


def slots(client, **params):
    response = client.get(AVAILABILITY, params)
    assert response.status_code == 200, response.content
    return response.json()["slots"]


def post(client, body, **headers):
    return client.post(APPOINTMENTS, body, content_type="application/json", **headers)


def booking_body(**overrides):
    body = {
        "services": ["pas"],
        "location": "borgerservice-test",
        "start": "2026-12-01T09:00:00+01:00",
        "name": "Mette Hansen",
        "phone": "+4512345678",
        "email": "mette@example.dk",
    }
    return {**body, **overrides}


def staff_token(role=Role.FRONT_DESK) -> tuple:
    user = UserFactory(roles=[role])
    return user, {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


# --- Availability -------------------------------------------------------------------


def test_availability_lists_free_times_with_danish_offsets(client, office):
    response = client.get(
        AVAILABILITY,
        {
            "services": "pas",
            "location": "borgerservice-test",
            "date_from": "2026-12-01",
            "date_to": "2026-12-01",
        },
    )

    assert response.status_code == 200
    assert response.json() == {
        "slots": [
            {"start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T09:15:00+01:00"},
            {"start": "2026-12-01T09:15:00+01:00", "end": "2026-12-01T09:30:00+01:00"},
            {"start": "2026-12-01T09:30:00+01:00", "end": "2026-12-01T09:45:00+01:00"},
            {"start": "2026-12-01T09:45:00+01:00", "end": "2026-12-01T10:00:00+01:00"},
        ]
    }


def test_availability_of_two_services_is_their_sum(client, office):
    found = slots(
        client,
        services="pas,koerekort",
        location="borgerservice-test",
        date_from="2026-12-01",
        date_to="2026-12-01",
    )

    assert found == [
        {"start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T09:25:00+01:00"},
        {"start": "2026-12-01T09:15:00+01:00", "end": "2026-12-01T09:40:00+01:00"},
        {"start": "2026-12-01T09:30:00+01:00", "end": "2026-12-01T09:55:00+01:00"},
    ]


def test_availability_leaves_out_booked_times_and_spans_days(client, office):
    assert post(client, booking_body()).status_code == 201

    found = slots(
        client,
        services="pas",
        location="borgerservice-test",
        date_from="2026-12-01",
        date_to="2026-12-02",
    )

    starts = [s["start"] for s in found]
    assert starts[:3] == [
        "2026-12-01T09:15:00+01:00",
        "2026-12-01T09:30:00+01:00",
        "2026-12-01T09:45:00+01:00",
    ]
    assert starts[3] == "2026-12-02T10:00:00+01:00"
    assert starts[-1] == "2026-12-02T14:45:00+01:00"


def test_availability_defaults_to_31_days_from_today(client, office):
    found = slots(client, services="pas", location="borgerservice-test")

    days = sorted({s["start"][:10] for s in found})
    assert days[0] == "2026-11-23"
    assert days[-1] == "2026-12-23"


def test_availability_has_no_times_on_christmas_day(client, office):
    found = slots(
        client,
        services="pas",
        location="borgerservice-test",
        date_from="2026-12-23",
        date_to="2026-12-28",
    )

    assert sorted({s["start"][:10] for s in found}) == ["2026-12-23", "2026-12-28"]


def test_availability_ignores_days_in_the_past_and_beyond_the_horizon(client, office):
    found = slots(
        client,
        services="pas",
        location="borgerservice-test",
        date_from="2026-11-01",
        date_to="2027-01-31",
    )

    days = sorted({s["start"][:10] for s in found})
    assert days[0] == "2026-11-23"
    assert days[-1] == "2027-01-22"  # 60 days ahead


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        (
            {"services": "pas,fiskekort"},
            {"services": ["Ukendt ydelse: »fiskekort«. Se /api/v1/services/."]},
        ),
        ({"services": ","}, {"services": ["Vælg mindst én ydelse."]}),
        (
            {"location": "atlantis"},
            {"location": ["Ukendt lokation »atlantis«. Se /api/v1/locations/."]},
        ),
        (
            {"date_from": "2026-13-01"},
            {"date_from": ["Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-24."]},
        ),
        (
            {"date_to": "1. december"},
            {"date_to": ["Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-24."]},
        ),
        (
            {"date_from": "2026-12-10", "date_to": "2026-12-01"},
            {"date_to": ["Slutdatoen (date_to) må ikke ligge før startdatoen (date_from)."]},
        ),
        (
            {"date_from": "2026-12-01", "date_to": "2027-03-03"},
            {"date_to": ["Perioden må højst være 92 dage; du bad om 93."]},
        ),
    ],
)
def test_availability_refuses_bad_queries_per_field(client, office, params, errors):
    query = {"services": "pas", "location": "borgerservice-test", **params}

    response = client.get(AVAILABILITY, query)

    assert response.status_code == 400
    assert response.json() == errors


def test_availability_needs_services_and_location(client, office):
    response = client.get(AVAILABILITY)

    assert response.status_code == 400
    assert response.json() == {
        "services": ["Dette felt er påkrævet."],
        "location": ["Dette felt er påkrævet."],
    }


def test_availability_of_92_days_is_allowed(client, office):
    response = client.get(
        AVAILABILITY,
        {
            "services": "pas",
            "location": "borgerservice-test",
            "date_from": "2026-12-01",
            "date_to": "2027-03-02",
        },
    )

    assert response.status_code == 200


def test_availability_refuses_services_no_desk_handles_together(client):
    office = office_build(desks=0)
    DeskFactory(location=office.location, number=1, services=[office.pas])
    DeskFactory(location=office.location, number=2, services=[office.koerekort])

    response = client.get(
        AVAILABILITY, {"services": "pas,koerekort", "location": "borgerservice-test"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "services": ["Ingen skranke på stedet kan klare alle de valgte ydelser i ét besøg."]
    }


def test_availability_refuses_a_location_that_takes_no_bookings(client):
    office_build(is_bookable=False)

    response = client.get(AVAILABILITY, {"services": "pas", "location": "borgerservice-test"})

    assert response.status_code == 400
    assert response.json() == {"location": ["Der kan ikke bestilles tid på dette sted."]}


def test_availability_of_an_inactive_location_is_unknown(client, office):
    office.location.is_active = False
    office.location.save()

    response = client.get(AVAILABILITY, {"services": "pas", "location": "borgerservice-test"})

    assert response.status_code == 400
    assert list(response.json()) == ["location"]


def test_availability_query_count_does_not_grow_with_the_period(
    client, office, django_assert_max_num_queries
):
    Closure.objects.create(
        location=office.location,
        starts_on=local(2026, 12, 2, 0, 0).date(),
        ends_on=local(2026, 12, 2, 0, 0).date(),
    )
    with django_assert_max_num_queries(12) as short:
        slots(client, services="pas", location="borgerservice-test", date_to="2026-11-24")
    with django_assert_max_num_queries(len(short.captured_queries)):
        slots(client, services="pas", location="borgerservice-test", date_to="2027-01-22")


# --- Booking -------------------------------------------------------------------------


def test_booking_answers_201_with_code_times_services_location_and_cancel_url(client, office):
    response = post(client, booking_body(services=["pas", "koerekort"]))

    assert response.status_code == 201, response.content
    booking = Booking.objects.get()
    assert response.json() == {
        "code": booking.code,
        "start": "2026-12-01T09:00:00+01:00",
        "end": "2026-12-01T09:25:00+01:00",
        "services": ["pas", "koerekort"],
        "location": "borgerservice-test",
        "cancel_url": booking_manage_url(booking),
    }
    assert response.json()["cancel_url"] == (
        f"{settings.PUBLIC_BASE_URL}/tid/{booking.code}/{booking.cancel_token}"
    )
    assert booking.channel == "web"
    assert booking.created_by is None
    assert booking.language == "da"
    assert (booking.name, booking.phone, booking.email) == (
        "Mette Hansen",
        "+4512345678",
        "mette@example.dk",
    )
    assert Message.objects.filter(reference=f"booking:{booking.pk}").count() == 4


def test_booking_a_time_just_taken_is_409(client, office):
    assert post(client, booking_body()).status_code == 201

    response = post(client, booking_body(phone="+4587654321", email=""))

    assert response.status_code == 409
    assert response.json() == TAKEN
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "start",
    [
        pytest.param("2026-12-01T09:05:00+01:00", id="off-the-slot-step"),
        pytest.param("2026-12-01T08:45:00+01:00", id="before-opening"),
        pytest.param("2026-12-01T09:50:00+01:00", id="would-end-after-closing"),
        pytest.param("2026-11-29T10:00:00+01:00", id="sunday"),
        pytest.param("2026-11-20T10:00:00+01:00", id="in-the-past"),
        pytest.param("2027-02-01T10:00:00+01:00", id="beyond-the-horizon"),
        pytest.param("2026-12-25T10:00:00+01:00", id="christmas-day"),
    ],
)
def test_booking_a_start_that_can_never_be_a_slot_is_400_on_start(client, office, start):
    response = post(client, booking_body(start=start))

    assert response.status_code == 400
    assert response.json() == NOT_A_SLOT


def test_a_start_without_offset_is_danish_time(client, office):
    response = post(client, booking_body(start="2026-12-01T09:15:00"))

    assert response.status_code == 201
    assert response.json()["start"] == "2026-12-01T09:15:00+01:00"


def test_a_start_in_utc_is_answered_in_danish_time(client, office):
    response = post(client, booking_body(start="2026-12-01T08:30:00Z"))

    assert response.status_code == 201
    assert response.json()["start"] == "2026-12-01T09:30:00+01:00"


def test_booking_without_fields_names_each_missing_field(client, office):
    response = post(client, {})

    assert response.status_code == 400
    assert response.json() == {
        "services": ["Dette felt er påkrævet."],
        "location": ["Dette felt er påkrævet."],
        "start": ["Dette felt er påkrævet."],
        "name": ["Dette felt er påkrævet."],
    }


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"services": ["pas", "fiskekort"]},
            {"services": ["Ukendt ydelse: »fiskekort«. Se /api/v1/services/."]},
        ),
        ({"services": []}, {"services": ["Vælg mindst én ydelse."]}),
        (
            {"location": "atlantis"},
            {"location": ["Ukendt lokation »atlantis«. Se /api/v1/locations/."]},
        ),
        (
            {"start": "i morgen kl. 9"},
            {
                "start": [
                    "Ugyldigt tidspunkt. Skriv det som ISO 8601, fx 2026-12-01T09:00:00+01:00."
                ]
            },
        ),
        ({"name": ""}, {"name": ["Skriv dit navn."]}),
        ({"phone": "12"}, {"phone": ["Skriv et gyldigt telefonnummer, fx 12 34 56 78."]}),
        ({"email": "mette@"}, {"email": ["Skriv en gyldig e-mailadresse."]}),
        (
            {"phone": "", "email": ""},
            {"phone": ["Skriv et telefonnummer eller en e-mailadresse, så vi kan bekræfte tiden."]},
        ),
        (
            {"name": "Mette 010190-1234"},
            {"name": ["Skriv kun dit navn. Vi skal ikke bruge dit CPR-nummer."]},
        ),
        (
            {"channel": "phone"},
            {"channel": ["Kun kommunens medarbejdere kan angive en anden kanal end »web«."]},
        ),
    ],
)
def test_bad_booking_input_is_400_per_field(client, office, overrides, errors):
    response = post(client, booking_body(**overrides))

    assert response.status_code == 400
    assert response.json() == errors
    assert Booking.objects.count() == 0


def test_services_no_desk_handles_together_is_400_on_services(client):
    office = office_build(desks=0, slot_step_minutes=15)
    DeskFactory(location=office.location, number=1, services=[office.pas])
    DeskFactory(location=office.location, number=2, services=[office.koerekort])

    response = post(
        client, booking_body(services=["pas", "koerekort"], start="2026-12-01T10:00:00+01:00")
    )

    assert response.status_code == 400
    assert response.json() == {
        "services": ["Ingen skranke på stedet kan klare alle de valgte ydelser i ét besøg."]
    }


def test_phone_cap_is_400_on_phone(client):
    office_build(desks=3, slot_step_minutes=15, max_bookings_per_phone_per_day=1)
    assert post(client, booking_body(start="2026-12-02T10:00:00+01:00")).status_code == 201

    response = post(client, booking_body(start="2026-12-02T11:00:00+01:00"))

    assert response.status_code == 400
    assert response.json() == {
        "phone": [
            "Der er allerede bestilt det største antal tider for dette telefonnummer den dag."
        ]
    }


def test_messages_are_danish_unless_another_language_is_given(client, office):
    assert post(client, booking_body(), HTTP_ACCEPT_LANGUAGE="en").status_code == 201
    assert (
        post(client, booking_body(language="en", start="2026-12-01T09:15:00+01:00")).status_code
        == 201
    )

    assert list(Booking.objects.order_by("start").values_list("language", flat=True)) == [
        "da",
        "en",
    ]


# --- Staff ---------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["phone", "in_person", "sms", "web"])
def test_staff_may_give_the_channel(client, office, channel):
    user, auth = staff_token(Role.CONTACT_CENTRE)

    response = post(client, booking_body(channel=channel), **auth)

    assert response.status_code == 201, response.content
    booking = Booking.objects.get()
    assert booking.channel == channel
    assert booking.created_by == user


def test_staff_on_a_session_may_give_the_channel(client, office, make_staff):
    client.force_login(make_staff(Role.FRONT_DESK))

    response = post(client, booking_body(channel="in_person"))

    assert response.status_code == 201
    assert Booking.objects.get().channel == "in_person"


def test_a_user_without_a_role_is_not_staff(client, office):
    user = UserFactory()
    auth = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}

    response = post(client, booking_body(channel="phone"), **auth)

    assert response.status_code == 400
    assert list(response.json()) == ["channel"]


def test_unknown_channel_is_400(client, office):
    _user, auth = staff_token()

    response = post(client, booking_body(channel="fax"), **auth)

    assert response.status_code == 400
    assert list(response.json()) == ["channel"]


# --- Rate limit ----------------------------------------------------------------------


@override_settings(BOOKING_API_RATE="3/minute")
def test_booking_is_rate_limited_per_client_address(client):
    office_build(desks=5, slot_step_minutes=15, max_bookings_per_phone_per_day=10)
    starts = [f"2026-12-02T1{h}:00:00+01:00" for h in range(5)]

    answers = [
        post(client, booking_body(start=s), REMOTE_ADDR="192.0.2.1").status_code for s in starts[:4]
    ]

    assert answers == [201, 201, 201, 429]
    limited = post(client, booking_body(start=starts[4]), REMOTE_ADDR="192.0.2.1")
    assert limited.status_code == 429
    assert limited.json()["detail"].startswith("For mange forespørgsler fra din adresse.")
    assert "Retry-After" in limited.headers
    # Another address is not limited, and neither are the municipality's staff.
    assert post(client, booking_body(start=starts[4]), REMOTE_ADDR="192.0.2.2").status_code == 201
    _user, auth = staff_token()
    staff = [
        post(client, booking_body(start=s, phone=""), REMOTE_ADDR="192.0.2.1", **auth).status_code
        for s in ["2026-12-03T10:00:00+01:00"] * 4
    ]
    assert 429 not in staff


@override_settings(BOOKING_API_RATE="3/minute", PROXY_COUNT=1)
def test_rate_limit_behind_a_proxy_uses_the_forwarded_address(client, office):
    def attempt(forwarded):
        return post(
            client,
            booking_body(start="2026-11-23T15:00:00+01:00"),  # closed: 400, still counted
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert [attempt("198.51.100.7") for _ in range(4)] == [400, 400, 400, 429]
    assert attempt("198.51.100.8") == 400
    # A client cannot escape by writing its own X-Forwarded-For entries.
    assert attempt("203.0.113.1, 198.51.100.7") == 429


@override_settings(BOOKING_API_RATE="2/minute")
def test_cancelling_is_rate_limited_too(client, office):
    answers = [
        client.post(cancel_url("AAAAAA"), {"token": "x"}, content_type="application/json")
        for _ in range(3)
    ]

    assert [r.status_code for r in answers] == [404, 404, 429]


@override_settings(BOOKING_API_RATE="1/minute")
def test_availability_is_not_limited_by_the_booking_rate(client, office):
    for _ in range(3):
        assert slots(client, services="pas", location="borgerservice-test") is not None


# --- Idempotency ---------------------------------------------------------------------


def test_a_retry_with_the_same_idempotency_key_returns_the_first_answer(client, office):
    first = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="9f1c2d3e-retry")
    again = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="9f1c2d3e-retry")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert Booking.objects.count() == 1
    assert Message.objects.count() == 4
    # The key is stored only as a hash.
    assert "9f1c2d3e" not in Booking.objects.get().idempotency_key


def test_a_retry_after_cancelling_still_returns_the_first_answer(client, office):
    first = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="k-1")
    token = first.json()["cancel_url"].rsplit("/", 1)[1]
    client.post(cancel_url(first.json()["code"]), {"token": token}, "application/json")

    again = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="k-1")

    assert again.status_code == 201
    assert again.json() == first.json()
    assert Booking.objects.count() == 1


def test_without_a_key_a_second_post_is_a_second_booking_attempt(client, office):
    assert post(client, booking_body()).status_code == 201
    assert post(client, booking_body()).status_code == 409


def test_the_same_key_with_another_request_is_refused(client, office):
    assert post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="k-2").status_code == 201

    response = post(
        client,
        booking_body(name="Bent Hansen", start="2026-12-01T09:15:00+01:00"),
        HTTP_IDEMPOTENCY_KEY="k-2",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Idempotency-Key er allerede brugt til en anden bestilling. "
        "Brug en ny, unik nøgle for hver ny bestilling."
    }
    assert Booking.objects.count() == 1


def test_keys_of_different_users_never_meet(client, office):
    _user, auth = staff_token()
    other_office_desk = DeskFactory(
        location=office.location, number=2, services=[office.pas, office.koerekort]
    )

    anonymous = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="1")
    staff = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="1", **auth)

    assert anonymous.status_code == staff.status_code == 201
    assert anonymous.json()["code"] != staff.json()["code"]
    assert Booking.objects.filter(desk=other_office_desk).count() == 1


def test_a_key_of_more_than_255_characters_is_refused(client, office):
    response = post(client, booking_body(), HTTP_IDEMPOTENCY_KEY="k" * 256)

    assert response.status_code == 400
    assert response.json() == {"detail": "Idempotency-Key skal være 1-255 tegn."}
    assert Booking.objects.count() == 0


# --- Cancel --------------------------------------------------------------------------


def _book(client) -> tuple[str, str]:
    body = post(client, booking_body()).json()
    return body["code"], body["cancel_url"].rsplit("/", 1)[1]


def test_cancel_with_the_token_from_cancel_url(client, office):
    code, token = _book(client)

    response = client.post(cancel_url(code), {"token": token}, content_type="application/json")

    assert response.status_code == 200
    assert response.json() == {"code": code, "status": "cancelled"}
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CANCELLED
    assert set(
        Message.objects.filter(kind="booking.reminder").values_list("status", flat=True)
    ) == {MessageStatus.CANCELLED}
    assert Message.objects.filter(kind="booking.cancelled").count() == 2
    # The time is free again.
    assert post(client, booking_body(phone="+4587654321")).status_code == 201


def test_cancel_accepts_the_code_in_lower_case(client, office):
    code, token = _book(client)

    response = client.post(
        cancel_url(code.lower()), {"token": token}, content_type="application/json"
    )

    assert response.status_code == 200


def test_cancelling_twice_is_409(client, office):
    code, token = _book(client)
    client.post(cancel_url(code), {"token": token}, content_type="application/json")

    response = client.post(cancel_url(code), {"token": token}, content_type="application/json")

    assert response.status_code == 409
    assert response.json() == {"detail": "Tiden er allerede aflyst."}
    assert Message.objects.filter(kind="booking.cancelled").count() == 2


def test_a_wrong_token_and_an_unknown_code_give_the_same_404(client, office):
    code, token = _book(client)

    wrong_token = client.post(
        cancel_url(code), {"token": token[:-1] + "x"}, content_type="application/json"
    )
    unknown_code = client.post(
        cancel_url("AAAAAA"), {"token": token}, content_type="application/json"
    )

    assert wrong_token.status_code == unknown_code.status_code == 404
    assert wrong_token.json() == unknown_code.json() == NOT_FOUND
    assert wrong_token.content == unknown_code.content
    assert Booking.objects.get().status == BookingStatus.BOOKED


def test_a_wrong_token_for_a_cancelled_booking_is_still_404(client, office):
    code, token = _book(client)
    client.post(cancel_url(code), {"token": token}, content_type="application/json")

    response = client.post(cancel_url(code), {"token": "x"}, content_type="application/json")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_cancel_without_a_token_is_400(client, office):
    code, _token = _book(client)

    response = client.post(cancel_url(code), {}, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"token": ["Dette felt er påkrævet."]}


# --- DST -----------------------------------------------------------------------------


def _night_office():
    """Open only on Sundays 01:00–04:00 local time, across the clock change."""
    location = LocationFactory(
        name="Natkontoret", slug="natkontoret", hours={6: [("01:00", "04:00")]}
    )
    office = office_build(desks=1, slot_step_minutes=15)
    for desk in office.desks:
        desk.location = location
        desk.save()
    BookingPolicyFactory(location=location, slot_step_minutes=15)
    return office


def _starts_and_ends(found):
    return [(s["start"][11:], s["end"][11:]) for s in found]


def test_spring_forward_day_through_the_api(client):
    _night_office()
    with clock.frozen(at=local(2026, 3, 20, 12, 0)):
        found = slots(
            client,
            services="pas",
            location="natkontoret",
            date_from="2026-03-29",
            date_to="2026-03-29",
        )
        assert _starts_and_ends(found) == [
            ("01:00:00+01:00", "01:15:00+01:00"),
            ("01:15:00+01:00", "01:30:00+01:00"),
            ("01:30:00+01:00", "01:45:00+01:00"),
            ("01:45:00+01:00", "03:00:00+02:00"),  # 15 real minutes across the jump
            ("03:00:00+02:00", "03:15:00+02:00"),
            ("03:15:00+02:00", "03:30:00+02:00"),
            ("03:30:00+02:00", "03:45:00+02:00"),
            ("03:45:00+02:00", "04:00:00+02:00"),
        ]
        both = post(
            client,
            booking_body(
                services=["pas", "koerekort"],
                location="natkontoret",
                start="2026-03-29T01:45:00+01:00",
            ),
        )
        assert both.status_code == 201, both.content
        assert both.json()["end"] == "2026-03-29T03:10:00+02:00"  # 25 real minutes
        # 02:30 does not exist that night.
        missing = post(client, booking_body(location="natkontoret", start="2026-03-29T02:30:00"))
        assert missing.status_code == 400
        assert missing.json() == {
            "start": ["Klokkeslættet findes ikke i dansk tid den dag (uret stilles frem)."]
        }


def test_fall_back_day_through_the_api(client):
    _night_office()
    with clock.frozen(at=local(2026, 10, 20, 12, 0)):
        found = slots(
            client,
            services="pas",
            location="natkontoret",
            date_from="2026-10-25",
            date_to="2026-10-25",
        )
        starts = [s["start"][11:] for s in found]
        assert len(found) == 16  # four real hours
        assert starts[4:12] == [
            "02:00:00+02:00",
            "02:15:00+02:00",
            "02:30:00+02:00",
            "02:45:00+02:00",
            "02:00:00+01:00",
            "02:15:00+01:00",
            "02:30:00+01:00",
            "02:45:00+01:00",
        ]
        assert ("02:45:00+02:00", "02:00:00+01:00") in _starts_and_ends(found)
        # 02:30 happens twice; they are two bookable times on the one desk.
        summer = post(
            client, booking_body(location="natkontoret", start="2026-10-25T02:30:00+02:00")
        )
        winter = post(
            client,
            booking_body(
                location="natkontoret", start="2026-10-25T02:30:00+01:00", phone="+4587654321"
            ),
        )
        assert summer.status_code == winter.status_code == 201
        assert summer.json()["end"] == "2026-10-25T02:45:00+02:00"
        assert winter.json()["end"] == "2026-10-25T02:45:00+01:00"
        assert Booking.objects.filter(location__slug="natkontoret").count() == 2
        # Without an offset 02:15 could be either; the API asks which.
        ambiguous = post(client, booking_body(location="natkontoret", start="2026-10-25T02:15:00"))
        assert ambiguous.status_code == 400
        assert ambiguous.json() == {
            "start": [
                "Klokkeslættet findes to gange den dag (uret stilles tilbage). "
                "Skriv det med UTC-forskydning, fx +02:00 eller +01:00."
            ]
        }
        left = slots(
            client,
            services="pas",
            location="natkontoret",
            date_from="2026-10-25",
            date_to="2026-10-25",
        )
        assert len(left) == 14


# --- OpenAPI -------------------------------------------------------------------------


def test_schema_documents_every_booking_endpoint_with_its_errors():
    import yaml

    from tests.test_openapi import generate_schema

    generated, _messages = generate_schema()
    paths = yaml.safe_load(generated)["paths"]

    expected = {
        ("/api/v1/availability/", "get"): {"200", "400", "429"},
        ("/api/v1/appointments/", "post"): {"201", "400", "409", "422", "429"},
        ("/api/v1/appointments/{code}/cancel/", "post"): {"200", "400", "404", "409", "429"},
    }
    for (path, method), statuses in expected.items():
        operation = paths[path][method]
        assert set(operation["responses"]) == statuses, (path, operation["responses"].keys())
        assert operation["summary"] and operation["description"]
        for status in statuses:
            assert "examples" in operation["responses"][status]["content"]["application/json"]
    create = paths["/api/v1/appointments/"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
