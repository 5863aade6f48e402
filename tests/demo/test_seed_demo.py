from datetime import date, time
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from indgang.accounts.models import User
from indgang.catalogue.models import (
    Authority,
    Channel,
    Closure,
    Department,
    Desk,
    ExtraOpening,
    Location,
    LocationKind,
    OpeningHours,
    PhoneHours,
    Service,
    ServiceChannel,
    SubjectArea,
)
from indgang.catalogue.selectors import location_hours_on
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.demo import data
from indgang.demo.services import demo_seed
from tests.conftest import CPH, local

PASSWORD = "korrekt-hest-batteri-haefteklamme"
DUMPED_MODELS = (
    Authority,
    Department,
    PhoneHours,
    SubjectArea,
    Service,
    ServiceChannel,
    Location,
    OpeningHours,
    Closure,
    ExtraOpening,
    Desk,
    Desk.services.through,
    User,
    User.groups.through,
    Group,
    Group.permissions.through,
)


def dump() -> dict[str, list[dict]]:
    """Every row of every table the seed touches, values and all (users'
    password hashes included)."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in DUMPED_MODELS}


def local_hours(day_hours) -> list[tuple[time, time]]:
    return [
        (i.start.astimezone(CPH).time(), i.end.astimezone(CPH).time()) for i in day_hours.intervals
    ]


@pytest.fixture
def seeded(db):
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        return demo_seed(password=PASSWORD)


@pytest.fixture
def town_hall(seeded):
    return Location.objects.get(slug=data.TOWN_HALL)


def test_seed_meets_the_minimums(seeded):
    assert Service.objects.count() >= 30
    assert SubjectArea.objects.count() >= 12
    assert Location.objects.count() == 2
    assert Desk.objects.count() == 8
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    assert seeded.services == Service.objects.count()
    assert seeded.desks == 8


def test_second_run_changes_no_row(seeded):
    before = dump()
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        again = demo_seed(password="en-helt-anden-adgangskode-2026")
    assert not again.changed
    assert dump() == before
    assert all(account.password is None and not account.created for account in again.staff)


def test_second_run_puts_edited_demo_rows_back(seeded):
    pas = Service.objects.get(slug="pas-voksne")
    Service.objects.filter(pk=pas.pk).update(minutes_per_expedition=99, name="Pas (rettet)")
    ServiceChannel.objects.filter(service=pas, channel=Channel.PHONE).delete()
    ServiceChannel.objects.create(service=pas, channel=Channel.CHAT)
    desk = Desk.objects.get(location__slug=data.TOWN_HALL, number=1)
    desk.services.clear()
    OpeningHours.objects.create(
        location=desk.location, weekday=6, opens=time(10, 0), closes=time(12, 0)
    )
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        again = demo_seed()
    assert again.changed
    pas.refresh_from_db()
    assert (pas.name, pas.minutes_per_expedition) == ("Pas til voksne", 15)
    assert pas.channel_set() == {Channel.PERSONAL, Channel.PHONE, Channel.SELF_SERVICE}
    assert set(desk.services.values_list("slug", flat=True)) == set(data.PASSPORT_AND_LICENCE)
    assert not OpeningHours.objects.filter(location=desk.location, weekday=6).exists()


def test_every_mandatory_self_service_has_a_url_and_the_self_service_channel(seeded):
    mandatory = Service.objects.filter(mandatory_self_service=True)
    assert mandatory.count() >= 10
    for service in mandatory:
        assert service.self_service_url.startswith("https://"), service.slug
        assert Channel.SELF_SERVICE in service.channel_set(), service.slug


@pytest.mark.parametrize(
    "slug",
    [
        "flytning",
        "sundhedskort-og-laegeskift",
        "eu-sygesikringskort",
        "boligstoette",
        "folkepension",
        "boerne-og-ungeydelse",
        "byggesag",
        "indskudslaan",
        "rotteanmeldelse",
    ],
)
def test_services_under_mandatory_self_service(seeded, slug):
    assert Service.objects.get(slug=slug).mandatory_self_service


@pytest.mark.parametrize(
    "slug", ["pas-voksne", "pas-boern", "koerekort-fornyelse", "legitimationskort", "vielse"]
)
def test_passport_licence_id_and_wedding_need_the_citizen_in_person(seeded, slug):
    service = Service.objects.get(slug=slug)
    assert service.needs_personal_attendance
    assert not service.mandatory_self_service
    assert Channel.PERSONAL in service.channel_set()


def test_udbetaling_danmark_services_point_at_udbetaling_danmark(seeded):
    udk = Authority.objects.get(name="Udbetaling Danmark")
    for slug in ("folkepension", "boligstoette", "boerne-og-ungeydelse", "eu-sygesikringskort"):
        assert Service.objects.get(slug=slug).authority == udk
    assert Service.objects.get(slug="forskudsopgoerelse").authority.name == "Skattestyrelsen"
    assert Authority.objects.filter(is_municipality=True).get().name == "Demo Kommune"


def test_written_channels_carry_response_deadlines(seeded):
    assert set(
        ServiceChannel.objects.filter(channel=Channel.EMAIL).values_list(
            "response_deadline_days", flat=True
        )
    ) == {data.EMAIL_DAYS}
    assert set(
        ServiceChannel.objects.filter(channel=Channel.DIGITAL_POST).values_list(
            "response_deadline_days", flat=True
        )
    ) == {data.DIGITAL_POST_DAYS}


def test_every_desk_handles_a_service_offered_in_person(seeded):
    for desk in Desk.objects.prefetch_related("services__channels"):
        assert desk.services.exists(), desk
        for service in desk.services.all():
            assert Channel.PERSONAL in service.channel_set(), (desk, service.slug)


def test_every_service_offered_in_person_has_a_desk(seeded):
    for service in Service.objects.offering(Channel.PERSONAL):
        assert service.desks.exists(), service.slug


def test_town_hall_opens_on_saturday_and_closes_on_christmas_day(town_hall):
    saturday = location_hours_on(location=town_hall, day=date(2026, 11, 28))
    assert local_hours(saturday) == [(time(10, 0), time(13, 0))]
    christmas = location_hours_on(location=town_hall, day=date(2026, 12, 25))
    assert not christmas.is_open
    assert christmas.holiday


def test_town_hall_thursday_has_a_lunch_break(town_hall):
    thursday = location_hours_on(location=town_hall, day=date(2026, 11, 26))
    assert local_hours(thursday) == [(time(10, 0), time(12, 0)), (time(12, 30), time(17, 30))]


def test_town_hall_training_day_closes_the_morning(town_hall):
    training_day = location_hours_on(location=town_hall, day=date(2026, 12, 2))
    assert local_hours(training_day) == [(time(12, 0), time(15, 0))]


def test_town_hall_closes_the_friday_after_ascension_day(town_hall):
    # Easter 2027 is 28 March, Ascension Day 6 May.
    assert not location_hours_on(location=town_hall, day=date(2027, 5, 7)).is_open


def test_town_hall_opens_longer_on_the_saturday_before_the_municipal_election(town_hall):
    saturday = location_hours_on(location=town_hall, day=date(2029, 11, 17))
    assert local_hours(saturday) == [(time(10, 0), time(16, 0))]


def test_library_point_has_fewer_hours(seeded):
    library = Location.objects.get(slug=data.LIBRARY)
    assert library.kind == LocationKind.LIBRARY
    assert not location_hours_on(location=library, day=date(2026, 11, 23)).is_open  # Monday
    tuesday = location_hours_on(location=library, day=date(2026, 11, 24))
    assert local_hours(tuesday) == [(time(12, 0), time(17, 0))]
    assert library.desks.count() == 2


def test_departments_have_phone_hours(seeded):
    for department in Department.objects.all():
        assert department.phone and department.email
        assert department.phone_hours.exists(), department


@pytest.mark.parametrize(
    ("year", "election_day"),
    [(2025, date(2025, 11, 18)), (2026, date(2029, 11, 20)), (2029, date(2029, 11, 20))],
)
def test_municipal_election_is_the_third_tuesday_of_november_every_four_years(year, election_day):
    assert data.municipal_election_day(year) == election_day


def test_staff_have_their_roles_and_admin_is_superuser(seeded):
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    caseworker = User.objects.get(username="sagsbehandler")
    assert caseworker.department is not None
    assert caseworker.groups.filter(name=Role.BACK_OFFICE).exists()
    assert all(User.objects.get(username=a.username).check_password(PASSWORD) for a in seeded.staff)


def test_new_users_get_random_passwords_that_work(db):
    result = demo_seed()
    passwords = [a.password for a in result.staff]
    assert all(passwords) and len(set(passwords)) == len(passwords)
    for account in result.staff:
        assert User.objects.get(username=account.username).check_password(account.password)


def test_command_prints_passwords_with_debug(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", password=PASSWORD, no_activity=True, stdout=out)
    output = out.getvalue()
    assert PASSWORD in output
    assert "skranke" in output and "admin" in output

    out = StringIO()
    call_command("seed_demo", no_activity=True, stdout=out)
    output = out.getvalue()
    assert PASSWORD not in output
    assert "(uændret)" in output
    assert "Ingen ændringer" in output


def test_command_hides_passwords_without_debug(db, settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("seed_demo", password=PASSWORD, no_activity=True, stdout=out)
    output = out.getvalue()
    assert PASSWORD not in output
    assert "changepassword" in output
    assert "ydelser" in output


def test_command_refuses_a_weak_password(db):
    with pytest.raises(CommandError):
        call_command("seed_demo", password="1234", no_activity=True, stdout=StringIO())
    assert not Service.objects.exists()
