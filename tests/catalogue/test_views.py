"""The citizen pages: start page, one service, locations."""

import re
from datetime import date, time
from decimal import Decimal

import factory
import pytest
from django.urls import reverse
from django.utils import translation

from indgang.catalogue.models import Channel, Closure, ExtraOpening, ServiceChannel
from indgang.core import clock
from tests.catalogue.factories import (
    AuthorityFactory,
    DepartmentFactory,
    LocationFactory,
    PhoneHoursFactory,
    ServiceFactory,
    SubjectAreaFactory,
)
from tests.conftest import local

pytestmark = pytest.mark.django_db

MONDAY_11 = local(2026, 11, 23, 11, 0)
CHRISTMAS_DAY = local(2026, 12, 25, 11, 0)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    location = factory.SubFactory(LocationFactory)
    starts_on = date(2026, 11, 23)
    ends_on = factory.SelfAttribute("starts_on")
    reason = "Ombygning"


class ExtraOpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExtraOpening

    location = factory.SubFactory(LocationFactory)
    date = date(2026, 11, 28)
    opens = time(10, 0)
    closes = time(13, 0)
    reason = "Valg"


@pytest.fixture(autouse=True)
def _danish():
    """Start each test in Danish and restore the thread's language afterwards:
    a request to /en/ leaves English active, which would change reverse()."""
    with translation.override("da"):
        yield


def text_of(html: str) -> str:
    """The visible text of an HTML fragment with whitespace collapsed."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
    return re.sub(r"\( ", "(", re.sub(r" ([:,.)])", r"\1", text))


def service_block(html: str, slug: str) -> str:
    """The start page's <li> for one service."""
    start = html.index(f'id="ydelse-{slug}"')
    return html[start : html.index("</ol>", start)]


def get_start(client, at=MONDAY_11):
    with clock.frozen(at=at):
        response = client.get(reverse("catalogue:start"))
    assert response.status_code == 200
    return response


# --- start page ---------------------------------------------------------------


def test_start_page_groups_services_by_subject_area_in_position_order(client):
    pas = SubjectAreaFactory(name="Pas", position=1)
    bolig = SubjectAreaFactory(name="Boligstøtte", position=2)
    ServiceFactory(name="Fornyelse af pas", subject_area=pas)
    ServiceFactory(name="Boligstøtte til lejere", subject_area=bolig)
    ServiceFactory(name="Børnepas", subject_area=pas)
    ServiceFactory(name="Gammel ydelse", subject_area=pas, is_archived=True)

    response = get_start(client)

    areas = response.context["page"].subject_areas
    assert [a.subject_area.name for a in areas] == ["Pas", "Boligstøtte"]
    assert [e.service.name for e in areas[0].services] == ["Børnepas", "Fornyelse af pas"]
    text = text_of(response.content.decode())
    assert text.index("Pas") < text.index("Børnepas") < text.index("Boligstøtte til lejere")
    assert "Gammel ydelse" not in text


def test_start_page_shows_the_fastest_channel_first(client):
    LocationFactory(name="Borgerservice Rådhuset")
    service = ServiceFactory(
        name="Sundhedskort",
        slug="sundhedskort",
        channels=[Channel.PHONE, Channel.EMAIL, Channel.PERSONAL, Channel.SELF_SERVICE],
        self_service_url="https://www.borger.dk/sundhedskort",
    )
    PhoneHoursFactory(department=service.department, weekday=0)

    html = get_start(client).content.decode()

    block = service_block(html, "sundhedskort")
    text = text_of(block)
    self_service = text.index("Gå til selvbetjening")
    personal = text.index("Mød op i Borgerservice")
    phone = text.index("Ring til os")
    other = text.index("Også: E-mail")
    assert self_service < personal < phone < other
    assert 'href="https://www.borger.dk/sundhedskort"' in block
    assert "Obligatorisk digital selvbetjening" not in block


def test_start_page_marks_mandatory_self_service(client):
    ServiceFactory(
        slug="boligstoette",
        channels=[Channel.SELF_SERVICE, Channel.PHONE],
        mandatory_self_service=True,
        self_service_url="https://www.borger.dk/boligstoette",
    )

    block = service_block(get_start(client).content.decode(), "boligstoette")

    assert "Obligatorisk digital selvbetjening" in text_of(block)
    assert text_of(block).index("Klar det selv") < text_of(block).index("Ring til os")


def test_start_page_shows_opening_hours_today_and_open_now(client):
    LocationFactory(name="Borgerservice Rådhuset", slug="raadhuset")
    ServiceFactory(slug="pas", channels=[Channel.PERSONAL])

    response = get_start(client, at=MONDAY_11)

    text = text_of(response.content.decode())
    assert "Borgerservice Rådhuset: i dag 10.00–15.00" in text
    assert "Åbningstider i dag" in text
    assert "Åben nu Lukker kl. 15.00" in text


def test_start_page_shows_the_next_opening_when_closed(client):
    LocationFactory(name="Borgerservice Rådhuset")

    after_hours = text_of(get_start(client, at=local(2026, 11, 23, 16, 0)).content.decode())
    friday_evening = text_of(get_start(client, at=local(2026, 11, 27, 18, 0)).content.decode())
    early = text_of(get_start(client, at=local(2026, 11, 24, 8, 0)).content.decode())

    assert "Lukket nu Åbner i morgen kl. 10.00" in after_hours
    assert "Lukket nu Åbner mandag 30. november kl. 10.00" in friday_evening
    assert "Lukket nu Åbner i dag kl. 10.00" in early


def test_start_page_says_closed_today_on_christmas_day(client):
    LocationFactory(name="Borgerservice Rådhuset")
    service = ServiceFactory(slug="pas", channels=[Channel.PERSONAL, Channel.PHONE])
    PhoneHoursFactory(department=service.department, weekday=4)  # Friday

    text = text_of(get_start(client, at=CHRISTMAS_DAY).content.decode())

    assert "Borgerservice Rådhuset: lukket i dag (Juledag)" in text
    assert "Telefonen er lukket i dag (Juledag)" in text
    assert "Åbner mandag 28. december kl. 10.00" in text


def test_start_page_shows_closure_reason_and_saturday_extra_opening(client):
    closed = LocationFactory(name="Borgerservice Rådhuset")
    ClosureFactory(location=closed, reason="Ombygning")
    extra = LocationFactory(name="Biblioteket", hours={})
    ExtraOpeningFactory(location=extra, date=date(2026, 11, 23))

    text = text_of(get_start(client, at=MONDAY_11).content.decode())

    assert "Lukket i dag (Ombygning)" in text
    assert "I dag 10.00–13.00" in text


def test_start_page_shows_department_phone_hours_today(client):
    department = DepartmentFactory(phone="70 10 20 30")
    PhoneHoursFactory(department=department, weekday=0, opens=time(9), closes=time(12))
    PhoneHoursFactory(department=department, weekday=0, opens=time(13), closes=time(15))
    ServiceFactory(slug="flytning", department=department, channels=[Channel.PHONE])

    block = service_block(get_start(client).content.decode(), "flytning")

    assert 'href="tel:+4570102030"' in block
    assert "Telefontid i dag 9.00–12.00 og 13.00–15.00" in text_of(block)


def test_start_page_in_english_shows_english_names(client):
    area = SubjectAreaFactory(name="Pas", name_en="Passports")
    ServiceFactory(name="Fornyelse af pas", name_en="Renew a passport", subject_area=area)

    with clock.frozen(at=MONDAY_11):
        response = client.get("/en/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Passports" in html
    assert "Renew a passport" in html
    assert "Fornyelse af pas" not in html
    assert 'value="da"' in html  # the switch offers Danish


def test_language_switch_redirects_to_the_english_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_start_page_has_one_h1_skip_link_and_language_switch_first(client):
    html = get_start(client).content.decode()

    assert html.count("<h1") == 1
    body = html[html.index("<body") :]
    skip = body.index('class="skipnav"')
    switch = body.index('name="language"')
    first_other_link = body.index("<a", skip + 1)
    assert skip < switch < first_other_link


def _build_catalogue(n_services: int) -> None:
    """`n_services` services over several subject areas and departments, each
    department with phone hours, plus two locations with closures."""
    for i in range(n_services):
        if i % 3 == 0:
            area = SubjectAreaFactory()
            department = DepartmentFactory()
            PhoneHoursFactory(department=department, weekday=0)
        ServiceFactory(
            subject_area=area,
            department=department,
            channels=[Channel.SELF_SERVICE, Channel.PERSONAL, Channel.PHONE, Channel.CHAT],
            self_service_url="https://www.borger.dk/x",
        )


@pytest.mark.parametrize("n", [3, 30])
def test_start_page_query_count_does_not_grow_with_more_services(
    n, client, django_assert_num_queries
):
    for _ in range(2):
        location = LocationFactory()
        ClosureFactory(location=location, starts_on=date(2026, 12, 1))
        ExtraOpeningFactory(location=location)
    _build_catalogue(n)

    # services, their channels, phone hours; locations, hours, closures, extra openings
    with django_assert_num_queries(7):
        response = get_start(client)

    assert sum(len(a.services) for a in response.context["page"].subject_areas) == n


# --- one service --------------------------------------------------------------


def test_service_page_shows_details_and_channels_in_order(client):
    LocationFactory(name="Borgerservice Rådhuset", slug="raadhuset")
    service = ServiceFactory(
        name="Pas til voksne",
        slug="pas",
        description="Du kan søge om pas i Borgerservice.",
        channels=[Channel.PERSONAL, Channel.SELF_SERVICE, Channel.LETTER],
        self_service_url="https://www.borger.dk/pas",
        needs_personal_attendance=True,
        minutes_per_expedition=20,
        fee=Decimal("697.00"),
    )
    ServiceChannel.objects.filter(service=service, channel=Channel.LETTER).update(
        response_deadline_days=5
    )

    with clock.frozen(at=MONDAY_11):
        response = client.get(reverse("catalogue:service", args=["pas"]))

    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Pas til voksne" in text
    assert "Du kan søge om pas i Borgerservice." in text
    assert "Myndighed: Demo Kommune" in text
    assert "Gebyr: 697 kr." in text
    assert "Regn med ca. 20 minutter ved skranken." in text
    assert "Kræver personligt fremmøde" in text
    assert "Svar inden for 5 arbejdsdage" in text
    assert "Borgerservice Rådhuset: i dag 10.00–15.00" in text
    assert "Personligt fremmøde: ja" in text
    channels = text[text.index("Sådan klarer du det") :]
    assert channels.index("Selvbetjening") < channels.index("Personligt fremmøde")
    assert channels.index("Personligt fremmøde") < channels.index("Brev")


def test_service_page_fee_with_ore_and_thousands(client):
    ServiceFactory(slug="dyr", fee=Decimal("1234.50"))

    response = client.get(reverse("catalogue:service", args=["dyr"]))

    assert "Gebyr: 1.234,50 kr." in text_of(response.content.decode())


@pytest.mark.parametrize("slug", ["arkiveret", "findes-ikke"])
def test_service_page_404_for_archived_or_unknown_service(client, slug):
    ServiceFactory(slug="arkiveret", is_archived=True)

    response = client.get(reverse("catalogue:service", args=[slug]))

    assert response.status_code == 404


def test_service_page_in_english(client):
    ServiceFactory(slug="pas", name="Pas", name_en="Passport", description_en="Apply here.")

    with translation.override("en"):
        url = reverse("catalogue:service", args=["pas"])
    response = client.get(url)

    assert url == "/en/ydelser/pas/"
    assert "Apply here." in response.content.decode()


# --- locations ----------------------------------------------------------------


def test_locations_page_shows_seven_days_with_saturday_and_holidays(client):
    LocationFactory(
        name="Borgerservice Rådhuset",
        slug="raadhuset",
        phone="70 10 20 30",
        hours={**{d: [("10:00", "15:00")] for d in range(5)}, 5: [("10:00", "13:00")]},
    )

    with clock.frozen(at=local(2026, 12, 21, 9, 0)):  # Monday before Christmas
        response = client.get(reverse("catalogue:locations"))

    text = text_of(response.content.decode())
    assert "Torvet 1, 4000 Demoby" in text
    assert 'href="tel:+4570102030"' in response.content.decode()
    assert "Mandag 21. december (i dag) 10.00–15.00" in text
    assert "Torsdag 24. december Lukket (Juleaftensdag)" in text
    assert "Fredag 25. december Lukket (Juledag)" in text
    assert "Lørdag 26. december Lukket (Anden juledag)" in text
    assert "Søndag 27. december Lukket" in text
    assert "Mandag 28. december" not in text


def test_location_page_shows_saturday_hours_and_closure_reason(client):
    location = LocationFactory(
        slug="raadhuset", hours={0: [("10:00", "15:00")], 5: [("10:00", "13:00")]}
    )
    ClosureFactory(location=location, starts_on=date(2026, 11, 23), reason="Ombygning")

    with clock.frozen(at=MONDAY_11):
        response = client.get(reverse("catalogue:location", args=["raadhuset"]))

    text = text_of(response.content.decode())
    assert response.status_code == 200
    assert "Mandag 23. november (i dag) Lukket (Ombygning)" in text
    assert "Lørdag 28. november 10.00–13.00" in text
    assert "Mandag 30. november" not in text


def test_location_page_404_for_unknown_or_inactive_location(client):
    LocationFactory(slug="lukket", is_active=False)

    assert client.get(reverse("catalogue:location", args=["lukket"])).status_code == 404
    assert client.get(reverse("catalogue:location", args=["ukendt"])).status_code == 404


def test_language_switch_back_to_danish_keeps_the_page(client):
    ServiceFactory(slug="pas")
    html = client.get("/en/ydelser/pas/").content.decode()
    assert 'name="next" value="/ydelser/pas/"' in html

    response = client.post("/i18n/setlang/", {"language": "da", "next": "/ydelser/pas/"})

    assert response.status_code == 302
    assert response["Location"] == "/ydelser/pas/"


def test_phone_of_another_authority_names_the_authority(client):
    udbetaling = AuthorityFactory(name="Udbetaling Danmark", is_municipality=False)
    ServiceFactory(
        slug="boligstoette", authority=udbetaling, department=None, channels=[Channel.PHONE]
    )

    start = text_of(service_block(get_start(client).content.decode(), "boligstoette"))
    detail = text_of(
        client.get(reverse("catalogue:service", args=["boligstoette"])).content.decode()
    )

    assert "Ring til Udbetaling Danmark" in start
    assert "Ring til os" not in start
    assert "Ring til Udbetaling Danmark." in detail


@pytest.mark.parametrize("n", [1, 10])
def test_locations_page_query_count_does_not_grow(n, client, django_assert_num_queries):
    for _ in range(n):
        location = LocationFactory()
        ClosureFactory(location=location)
        ExtraOpeningFactory(location=location)

    with django_assert_num_queries(4):  # locations, hours, closures, extra openings
        response = client.get(reverse("catalogue:locations"))

    assert len(response.context["weeks"]) == n


def test_closure_reason_is_escaped(client):
    location = LocationFactory(slug="raadhuset")
    ClosureFactory(location=location, reason="<b>Ombygning</b>")

    start = get_start(client).content.decode()
    with clock.frozen(at=MONDAY_11):
        week = client.get(reverse("catalogue:location", args=["raadhuset"])).content.decode()

    assert "Lukket i dag (&lt;b&gt;Ombygning&lt;/b&gt;)" in start
    assert "Lukket (&lt;b&gt;Ombygning&lt;/b&gt;)" in week
    assert "<b>Ombygning" not in start + week
