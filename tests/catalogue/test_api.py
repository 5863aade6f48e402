"""The catalogue's read API under /api/v1/: subject areas, services,
authorities and locations with opening hours."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token

from indgang.catalogue.models import Closure, ExtraOpening, Service
from indgang.core import clock
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import (
    AuthorityFactory,
    DepartmentFactory,
    LocationFactory,
    ServiceFactory,
    SubjectAreaFactory,
)
from tests.conftest import local

pytestmark = pytest.mark.django_db

API = "/api/v1"
# A Tuesday in November (winter time, UTC+1).
TODAY = local(2026, 11, 24, 9, 0)


@pytest.fixture
def frozen_today():
    with clock.frozen(at=TODAY):
        yield TODAY


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(response) -> list[str]:
    return [row["slug"] for row in results(response)]


# --- Subject areas and authorities ---------------------------------------------


def test_subject_areas_list_counts_only_services_not_archived(client):
    pas = SubjectAreaFactory(
        name="Pas", name_en="Passports", description="Pas og ID", description_en="Passports and ID"
    )
    ServiceFactory.create_batch(2, subject_area=pas)
    ServiceFactory(subject_area=pas, is_archived=True)
    SubjectAreaFactory(name="Valg", name_en="Elections")

    rows = results(client.get(f"{API}/subject-areas/"))

    assert rows == [
        {
            "slug": "pas",
            "name": "Pas",
            "name_en": "Passports",
            "description": "Pas og ID",
            "description_en": "Passports and ID",
            "service_count": 2,
        },
        {
            "slug": "valg",
            "name": "Valg",
            "name_en": "Elections",
            "description": "",
            "description_en": "",
            "service_count": 0,
        },
    ]


def test_subject_area_detail_by_slug_and_danish_404(client):
    SubjectAreaFactory(name="Kørekort")

    assert client.get(f"{API}/subject-areas/koerekort/").json()["name"] == "Kørekort"
    missing = client.get(f"{API}/subject-areas/findes-ikke/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Fagområdet findes ikke."}


def test_authorities_list_municipality_first(client):
    AuthorityFactory(
        name="Udbetaling Danmark", is_municipality=False, website="https://www.borger.dk"
    )
    AuthorityFactory()  # Demo Kommune

    rows = results(client.get(f"{API}/authorities/"))

    assert [r["slug"] for r in rows] == ["demo-kommune", "udbetaling-danmark"]
    assert rows[1] == {
        "slug": "udbetaling-danmark",
        "name": "Udbetaling Danmark",
        "is_municipality": False,
        "website": "https://www.borger.dk",
    }


# --- Services ---------------------------------------------------------------------


@pytest.fixture
def catalogue():
    """Four services over two subject areas, two authorities and four channels,
    plus an archived one that matches every filter."""
    pas = SubjectAreaFactory(name="Pas")
    pension = SubjectAreaFactory(name="Pension")
    kommune = AuthorityFactory()
    udk = AuthorityFactory(name="Udbetaling Danmark", is_municipality=False)
    ServiceFactory(
        name="Pas til voksne", subject_area=pas, authority=kommune, channels=["personal"]
    )
    ServiceFactory(
        name="Nødpas", subject_area=pas, authority=kommune, channels=["personal", "phone"]
    )
    ServiceFactory(
        name="Folkepension",
        subject_area=pension,
        authority=udk,
        channels=["self_service", "phone"],
        self_service_url="https://www.borger.dk/folkepension",
    )
    ServiceFactory(
        name="Pensionsoplysning", subject_area=pension, authority=kommune, channels=["phone"]
    )
    ServiceFactory(
        name="Gammelt pas",
        subject_area=pas,
        authority=kommune,
        channels=["personal", "phone", "self_service"],
        is_archived=True,
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["noedpas", "pas-til-voksne", "folkepension", "pensionsoplysning"]),
        ("subject_area=pas", ["noedpas", "pas-til-voksne"]),
        ("channel=phone", ["noedpas", "folkepension", "pensionsoplysning"]),
        ("authority=udbetaling-danmark", ["folkepension"]),
        ("subject_area=pas&channel=phone", ["noedpas"]),
        ("subject_area=pension&authority=demo-kommune", ["pensionsoplysning"]),
        ("channel=phone&authority=demo-kommune", ["noedpas", "pensionsoplysning"]),
        (
            "subject_area=pension&channel=self_service&authority=udbetaling-danmark",
            ["folkepension"],
        ),
        ("subject_area=pas&channel=self_service", []),
        (
            "channel=&subject_area=",
            ["noedpas", "pas-til-voksne", "folkepension", "pensionsoplysning"],
        ),
    ],
)
def test_services_filter_by_subject_area_channel_and_authority(client, catalogue, query, expected):
    assert slugs(client.get(f"{API}/services/?{query}")) == expected


def test_services_list_leaves_archived_out_and_detail_is_404(client, catalogue):
    assert "gammelt-pas" not in slugs(client.get(f"{API}/services/"))
    response = client.get(f"{API}/services/gammelt-pas/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ydelsen findes ikke."}


def test_service_shape(client):
    department = DepartmentFactory(name="Borgerservice", phone="70 11 22 33")
    service = ServiceFactory(
        name="Pas til voksne",
        name_en="Passport for adults",
        description="Nyt pas.",
        subject_area=SubjectAreaFactory(name="Pas"),
        department=department,
        channels=["personal", "self_service"],
        self_service_url="https://www.borger.dk/pas",
        needs_personal_attendance=True,
        minutes_per_expedition=15,
        fee=Decimal("334"),
        keywords="pas, rejse,  ,ID",
    )
    service.channels.filter(channel="personal").update(response_deadline_days=0)

    body = client.get(f"{API}/services/pas-til-voksne/").json()

    assert body == {
        "slug": "pas-til-voksne",
        "name": "Pas til voksne",
        "name_en": "Passport for adults",
        "description": "Nyt pas.",
        "description_en": "",
        "subject_area": "pas",
        "authority": {"slug": "demo-kommune", "name": "Demo Kommune"},
        "department": {"slug": "borgerservice", "name": "Borgerservice", "phone": "70 11 22 33"},
        "channels": [
            {"channel": "personal", "response_deadline_days": 0},
            {"channel": "self_service", "response_deadline_days": None},
        ],
        "mandatory_self_service": False,
        "self_service_url": "https://www.borger.dk/pas",
        "needs_personal_attendance": True,
        "minutes_per_expedition": 15,
        "fee": "334.00",
        "keywords": ["pas", "rejse", "ID"],
    }


def test_service_without_department_or_fee_gives_nulls(client):
    ServiceFactory(name="Brevstemme", department=None, fee=None)

    body = client.get(f"{API}/services/brevstemme/").json()

    assert body["department"] is None
    assert body["fee"] is None


def test_unknown_channel_is_400_naming_the_valid_channels(client, catalogue):
    response = client.get(f"{API}/services/?channel=fax")

    assert response.status_code == 400
    [message] = response.json()["channel"]
    assert message.startswith("Ukendt kanal »fax«.")
    assert "personal, phone, self_service" in message


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("subject_area=findes-ikke", "subject_area", "Ukendt fagområde »findes-ikke«."),
        ("authority=skat", "authority", "Ukendt myndighed »skat«."),
    ],
)
def test_unknown_subject_area_or_authority_is_400(client, catalogue, query, field, message):
    response = client.get(f"{API}/services/?{query}")

    assert response.status_code == 400
    assert response.json()[field][0].startswith(message)


# --- Locations --------------------------------------------------------------------


def test_locations_list_shape_with_upcoming_closures_and_extra_openings(client, frozen_today):
    town_hall = LocationFactory(
        name="Borgerservice Rådhuset",
        street="Torvet 1",
        postcode="4000",
        city="Demoby",
        phone="70 10 20 30",
        email="borgerservice@demo.kommune.dk",
        hours={0: [("10:00", "15:00")], 5: [("10:00", "13:00")]},
    )
    Closure.objects.create(
        location=town_hall,
        starts_on=date(2026, 11, 1),
        ends_on=date(2026, 11, 2),
        reason="Allerede overstået",
    )
    Closure.objects.create(
        location=town_hall,
        starts_on=date(2026, 12, 2),
        ends_on=date(2026, 12, 2),
        from_time=time(12, 0),
        to_time=time(15, 0),
        reason="Personalemøde",
    )
    ExtraOpening.objects.create(
        location=town_hall, date=date(2026, 11, 10), opens=time(16), closes=time(18)
    )
    ExtraOpening.objects.create(
        location=town_hall,
        date=date(2026, 12, 6),
        opens=time(10),
        closes=time(12),
        reason="Valgdag",
    )
    LocationFactory(name="Lukket filial", is_active=False)

    [row] = results(client.get(f"{API}/locations/"))

    assert row == {
        "slug": "borgerservice-raadhuset",
        "name": "Borgerservice Rådhuset",
        "kind": "citizen_service_centre",
        "address": {"street": "Torvet 1", "postcode": "4000", "city": "Demoby"},
        "phone": "70 10 20 30",
        "email": "borgerservice@demo.kommune.dk",
        "closed_on_public_holidays": True,
        "opening_hours": [
            {"weekday": 0, "weekday_name": "Mandag", "opens": "10:00", "closes": "15:00"},
            {"weekday": 5, "weekday_name": "Lørdag", "opens": "10:00", "closes": "13:00"},
        ],
        "closures": [
            {
                "starts_on": "2026-12-02",
                "ends_on": "2026-12-02",
                "from_time": "12:00",
                "to_time": "15:00",
                "reason": "Personalemøde",
            }
        ],
        "extra_openings": [
            {"date": "2026-12-06", "opens": "10:00", "closes": "12:00", "reason": "Valgdag"}
        ],
        "hours_on": None,
    }


def test_location_detail_by_slug_and_inactive_is_404(client):
    LocationFactory(name="Biblioteket", kind="library")
    LocationFactory(name="Lukket filial", is_active=False)

    assert client.get(f"{API}/locations/biblioteket/").json()["kind"] == "library"
    response = client.get(f"{API}/locations/lukket-filial/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Lokationen findes ikke."}


@pytest.fixture
def town_hall_and_library():
    """The town hall is open Saturdays; the library only on weekdays."""
    weekdays = {d: [("10:00", "15:00")] for d in range(5)}
    town_hall = LocationFactory(name="Rådhuset", hours={**weekdays, 5: [("10:00", "13:00")]})
    library = LocationFactory(name="Biblioteket", kind="library", hours=weekdays)
    return town_hall, library


def test_open_on_a_saturday_lists_only_the_location_open_then(client, town_hall_and_library):
    [row] = results(client.get(f"{API}/locations/?open_on=2026-11-28"))

    assert row["slug"] == "raadhuset"
    assert row["hours_on"] == {
        "date": "2026-11-28",
        "is_open": True,
        "holiday": None,
        "closure_reason": None,
        "intervals": [
            {"opens": "2026-11-28T10:00:00+01:00", "closes": "2026-11-28T13:00:00+01:00"}
        ],
    }


def test_open_on_a_public_holiday_lists_nothing_and_hours_say_juledag(
    client, town_hall_and_library
):
    assert results(client.get(f"{API}/locations/?open_on=2026-12-25")) == []

    [day] = client.get(f"{API}/locations/raadhuset/hours/?from=2026-12-25&to=2026-12-25").json()
    assert day == {
        "date": "2026-12-25",
        "is_open": False,
        "holiday": "Juledag",
        "closure_reason": None,
        "intervals": [],
    }


def test_dated_closure_closes_the_day_with_its_reason(client, town_hall_and_library):
    town_hall, _library = town_hall_and_library
    Closure.objects.create(
        location=town_hall,
        starts_on=date(2026, 11, 26),
        ends_on=date(2026, 11, 26),
        reason="Flytning af IT-systemer",
    )

    assert slugs(client.get(f"{API}/locations/?open_on=2026-11-26")) == ["biblioteket"]
    [day] = client.get(f"{API}/locations/raadhuset/hours/?from=2026-11-26&to=2026-11-26").json()
    assert day["is_open"] is False
    assert day["closure_reason"] == "Flytning af IT-systemer"
    assert day["holiday"] is None


def test_extra_opening_on_a_holiday_opens_the_location(client, town_hall_and_library):
    town_hall, _library = town_hall_and_library
    ExtraOpening.objects.create(
        location=town_hall, date=date(2026, 12, 25), opens=time(11), closes=time(13)
    )

    [row] = results(client.get(f"{API}/locations/?open_on=2026-12-25"))

    assert row["slug"] == "raadhuset"
    assert row["hours_on"]["is_open"] is True
    assert row["hours_on"]["holiday"] == "Juledag"
    assert row["hours_on"]["intervals"] == [
        {"opens": "2026-12-25T11:00:00+01:00", "closes": "2026-12-25T13:00:00+01:00"}
    ]


def test_hours_on_the_spring_forward_sunday_count_real_time(client):
    LocationFactory(name="Nattevagten", hours={6: [("01:00", "04:00")]})

    [day] = client.get(f"{API}/locations/nattevagten/hours/?from=2026-03-29&to=2026-03-29").json()

    [interval] = day["intervals"]
    assert interval == {"opens": "2026-03-29T01:00:00+01:00", "closes": "2026-03-29T04:00:00+02:00"}
    opens, closes = (datetime.fromisoformat(interval[k]) for k in ("opens", "closes"))
    assert closes - opens == timedelta(hours=2)


def test_hours_default_to_the_coming_seven_days(client, town_hall_and_library, frozen_today):
    days = client.get(f"{API}/locations/raadhuset/hours/").json()

    assert [d["date"] for d in days] == [f"2026-11-{n}" for n in range(24, 31)]
    assert [d["is_open"] for d in days] == [True, True, True, True, True, False, True]


def test_hours_from_alone_gives_seven_days(client, town_hall_and_library):
    days = client.get(f"{API}/locations/raadhuset/hours/?from=2026-12-28").json()

    assert [d["date"] for d in days][0::6] == ["2026-12-28", "2027-01-03"]
    assert days[4]["holiday"] == "Nytårsdag"


def test_hours_range_is_at_most_92_days(client, town_hall_and_library):
    url = f"{API}/locations/raadhuset/hours/"

    ok = client.get(f"{url}?from=2026-01-01&to=2026-04-02")
    assert ok.status_code == 200
    assert len(ok.json()) == 92

    too_long = client.get(f"{url}?from=2026-01-01&to=2026-04-03")
    assert too_long.status_code == 400
    assert too_long.json() == {"to": ["Perioden må højst være 92 dage; du bad om 93."]}


def test_hours_range_must_not_end_before_it_starts(client, town_hall_and_library):
    response = client.get(f"{API}/locations/raadhuset/hours/?from=2026-05-02&to=2026-05-01")

    assert response.status_code == 400
    assert "to" in response.json()


def test_hours_of_unknown_location_is_404(client):
    response = client.get(f"{API}/locations/findes-ikke/hours/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Lokationen findes ikke."}


@pytest.mark.parametrize(
    "url, field",
    [
        ("/locations/?open_on=i-morgen", "open_on"),
        ("/locations/?open_on=2026-02-30", "open_on"),
        ("/locations/raadhuset/hours/?from=24-11-2026", "from"),
        ("/locations/raadhuset/hours/?from=2026-01-01&to=2026-13-01", "to"),
    ],
)
def test_bad_date_is_400_with_a_danish_reason(client, town_hall_and_library, url, field):
    response = client.get(f"{API}{url}")

    assert response.status_code == 400
    assert response.json() == {field: ["Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-24."]}


def test_date_far_outside_the_calendar_we_keep_is_400(client, town_hall_and_library):
    response = client.get(f"{API}/locations/?open_on=0001-01-01")

    assert response.status_code == 400
    assert response.json() == {"open_on": ["Datoen skal ligge mellem 2000-01-01 og 2099-12-31."]}


# --- Query counts -------------------------------------------------------------------


def _services(n):
    ServiceFactory.create_batch(n, channels=["personal", "phone"])


def _subject_areas(n):
    for area in SubjectAreaFactory.create_batch(n):
        ServiceFactory(subject_area=area)


def _authorities(n):
    for i in range(n):
        AuthorityFactory(name=f"Myndighed {i}", is_municipality=False)


def _locations(n):
    for location in LocationFactory.create_batch(n, hours={5: [("10:00", "13:00")]}):
        Closure.objects.create(
            location=location, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 1)
        )
        ExtraOpening.objects.create(
            location=location, date=date(2026, 12, 6), opens=time(10), closes=time(12)
        )


@pytest.mark.parametrize("n", [3, 20])
@pytest.mark.parametrize(
    "url, build, max_queries",
    [
        # count + services + their channels
        ("/services/", _services, 3),
        # authority slug check + count + services + their channels
        ("/services/?channel=phone&authority=demo-kommune", _services, 4),
        ("/subject-areas/", _subject_areas, 2),
        ("/authorities/", _authorities, 2),
        # count + locations + opening hours, closures, extra openings
        ("/locations/", _locations, 5),
        ("/locations/?open_on=2026-11-28", _locations, 4),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, url, build, max_queries, n
):
    build(n)
    with django_assert_max_num_queries(max_queries):
        response = client.get(f"{API}{url}")
    assert response.status_code == 200, response.content
    assert response.json()["count"] == n


@pytest.mark.parametrize("n", [3, 20])
def test_hours_query_count_does_not_grow_with_closures(client, django_assert_max_num_queries, n):
    location = LocationFactory(name="Rådhuset")
    for i in range(n):
        Closure.objects.create(
            location=location, starts_on=date(2026, 12, 1 + i), ends_on=date(2026, 12, 1 + i)
        )
    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/locations/raadhuset/hours/?from=2026-12-01&to=2026-12-31")
    assert response.status_code == 200
    days = response.json()
    assert len(days) == 31
    assert [d["closure_reason"] for d in days[:3]] == ["", "", ""]  # Tue–Thu, closed


# --- Authentication and read-only -------------------------------------------------


@pytest.fixture
def token_user():
    user = UserFactory()
    return user, Token.objects.create(user=user)


def test_token_authentication_identifies_the_integrator(client, token_user, catalogue):
    user, token = token_user

    response = client.get(f"{API}/services/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_anonymous_get_needs_no_login(client, catalogue):
    response = client.get(f"{API}/services/")

    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous


def test_wrong_token_is_refused(client, catalogue):
    response = client.get(f"{API}/services/", HTTP_AUTHORIZATION="Token forkert")

    assert response.status_code in (401, 403)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/services/", "/services/noedpas/", "/locations/raadhuset/"])
def test_writes_are_refused_even_with_a_token(client, token_user, catalogue, method, path):
    _user, token = token_user
    LocationFactory(name="Rådhuset")
    before = list(Service.objects.values_list("slug", "name").order_by("slug"))

    with_token = getattr(client, method)(
        f"{API}{path}",
        data={"name": "Ændret"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    anonymous = getattr(client, method)(
        f"{API}{path}", data={"name": "Ændret"}, content_type="application/json"
    )

    assert with_token.status_code == 405
    assert anonymous.status_code in (401, 403, 405)
    assert list(Service.objects.values_list("slug", "name").order_by("slug")) == before
