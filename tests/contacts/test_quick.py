"""Quick registration (/personale/henvendelser/): pick a channel once, then one
click per contact; the confirmation, the day's own counts and undo. Without
JavaScript (POST and redirect) and with htmx (a partial for the status)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from indgang.contacts.models import Contact, ContactTally
from indgang.core import clock
from indgang.core.permissions import Role
from tests.catalogue.factories import ServiceFactory, SubjectAreaFactory
from tests.conftest import local
from tests.contacts.factories import registry_build

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 10, 0)
URL = "/personale/henvendelser/"
UNDO = "/personale/henvendelser/fortryd/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen(at=NOW):
        yield


@pytest.fixture
def registry(db):
    return registry_build()


@pytest.fixture
def user(make_staff):
    return make_staff(Role.CONTACT_CENTRE)


@pytest.fixture
def staff(client, user):
    client.force_login(user)
    return client


def choose(client, channel="phone", point="", location=""):
    return client.post(URL, {"channel": channel, "point": point, "location": location})


def register(client, area, outcome="resolved", channel="phone", point="", location="", **extra):
    data = {
        "channel": channel,
        "point": point,
        "location": location,
        "register": f"{area.pk}:{outcome}",
    }
    return client.post(URL, data, **extra)


def test_the_urls_are_named():
    assert reverse("contacts:quick") == URL
    assert reverse("contacts:undo") == UNDO


def test_first_the_page_asks_for_the_channel(staff, registry):
    response = staff.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vælg den kanal, du registrerer i" in html
    for label in ("Telefon", "Chat", "E-mail", "Digital Post", "Brev", "Videomøde"):
        assert label in html
    assert 'name="register"' not in html


def test_the_chosen_channel_is_remembered_and_gives_a_row_per_active_subject_area(staff, registry):
    archived_only = SubjectAreaFactory(name="Gammelt fagområde", position=0)
    ServiceFactory(subject_area=archived_only, is_archived=True)

    response = choose(staff, "phone")
    page = staff.get(URL).content.decode()

    assert response.status_code == 302
    assert "Du registrerer: Telefon" in page
    assert page.index("Pas") < page.index("Sundhed")
    assert "Gammelt fagområde" not in page
    assert f'value="{registry.pas.pk}:resolved"' in page
    assert f'value="{registry.pas.pk}:referred_self_service"' in page
    assert f'value="{registry.pas.pk}:futile"' in page
    assert "co_served" not in page  # only at personal attendance
    assert 'option value="phone" selected' in page


def test_personal_attendance_needs_a_point_and_a_location(staff, registry):
    response = choose(staff, "personal")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Vælg stedet, hvor du betjener borgerne." in html
    assert "Vælg lokationen, hvor du betjener borgerne." in html
    assert 'href="#id_point"' in html  # the error summary links to the field


def test_personal_attendance_adds_co_served(staff, registry):
    choose(staff, "personal", "cash", registry.location.pk)

    page = staff.get(URL).content.decode()

    assert "Du registrerer: Personligt fremmøde (Kassen), Rådhuset" in page
    assert f'value="{registry.sundhed.pk}:co_served"' in page


def test_one_click_without_javascript_registers_and_confirms_after_the_redirect(
    staff, user, registry
):
    response = register(staff, registry.pas)

    assert response.status_code == 302
    assert response["Location"] == URL
    contact = Contact.objects.get()
    assert (contact.channel, contact.subject_area, contact.outcome, contact.staff) == (
        "phone",
        registry.pas,
        "resolved",
        user,
    )
    assert ContactTally.objects.get().contacts == 1
    page = staff.get(URL).content.decode()
    assert "Registreret: Pas – Afklaret med det samme, Telefon" in page
    assert "Telefon: 1" in page
    # Shown once: a reload does not confirm again.
    assert "Registreret:" not in staff.get(URL).content.decode()


def test_a_click_at_personal_attendance_keeps_point_and_location(staff, registry):
    register(
        staff,
        registry.sundhed,
        "co_served",
        channel="personal",
        point="co_service",
        location=registry.location.pk,
    )

    contact = Contact.objects.get()
    assert (contact.channel, contact.point, contact.location, contact.outcome) == (
        "personal",
        "co_service",
        registry.location,
        "co_served",
    )
    page = staff.get(URL).content.decode()
    assert (
        "Registreret: Sundhed – Medbetjent, Personligt fremmøde (Medbetjening ved "
        "selvbetjeningen)" in page
    )


def test_with_htmx_a_click_answers_with_the_status_and_the_counts_only(staff, registry):
    register(staff, registry.pas, channel="chat")

    response = register(staff, registry.sundhed, "callback", **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Registreret: Sundhed – Tilbagekald aftalt, Telefon" in html
    assert 'id="quick-counts"' in html and 'hx-swap-oob="true"' in html
    assert "Telefon: 1" in html and "Chat: 1" in html and "I alt: 2" in html
    assert Contact.objects.count() == 2


def test_the_page_wires_htmx_to_the_status_region(staff, registry):
    choose(staff, "phone")

    page = staff.get(URL).content.decode()

    assert 'id="quick-notice" role="status" aria-live="polite"' in page
    assert f'hx-post="{URL}" hx-target="#quick-notice"' in page
    assert f'hx-post="{UNDO}" hx-target="#quick-notice"' in page


def test_counts_are_my_own_and_today_only(staff, user, make_staff, registry, client):
    from indgang.contacts import services

    colleague = make_staff(Role.FRONT_DESK)
    services.contact_register(by=colleague, channel="phone", subject_area=registry.pas)
    with clock.frozen(at=NOW - timedelta(days=1)):
        services.contact_register(by=user, channel="phone", subject_area=registry.pas)
    register(staff, registry.pas)
    register(staff, registry.pas, "transferred")
    register(staff, registry.sundhed, channel="email")

    page = staff.get(URL).content.decode()

    assert "Dine registreringer i dag:" in page
    assert "Telefon: 2" in page
    assert "E-mail: 1" in page
    assert "I alt: 3" in page


def test_undo_takes_back_my_last_click_and_says_what(staff, registry):
    register(staff, registry.pas)
    register(staff, registry.sundhed, "futile", channel="letter")

    response = staff.post(UNDO)

    assert response.status_code == 302
    assert list(Contact.objects.values_list("channel", flat=True)) == ["phone"]
    assert sum(ContactTally.objects.values_list("contacts", flat=True)) == 1
    page = staff.get(URL).content.decode()
    assert "Fortrudt: Sundhed – Forgæves, Brev" in page


def test_undo_with_htmx_and_when_there_is_nothing_to_undo(staff, registry):
    register(staff, registry.pas)

    undone = staff.post(UNDO, **HTMX).content.decode()
    nothing = staff.post(UNDO, **HTMX).content.decode()

    assert "Fortrudt: Pas – Afklaret med det samme, Telefon" in undone
    assert "Du har ikke registreret nogen henvendelser i dag." in undone
    assert "Der er intet at fortryde" in nothing
    assert not Contact.objects.exists()


def test_undo_after_30_minutes_undoes_nothing(staff, registry):
    register(staff, registry.pas)

    with clock.frozen(at=NOW + timedelta(minutes=31)):
        staff.post(UNDO)
        page = staff.get(URL).content.decode()

    assert "Der er intet at fortryde" in page
    assert Contact.objects.count() == 1


def test_undo_is_post_only(staff):
    assert staff.get(UNDO).status_code == 405


def test_co_served_is_refused_outside_personal_attendance(staff, registry):
    response = register(staff, registry.pas, "co_served", **HTMX)

    assert "Vælg et fagområde og et udfald." in response.content.decode()
    assert not Contact.objects.exists()


def test_an_unknown_subject_area_is_refused(staff, registry):
    response = staff.post(URL, {"channel": "phone", "register": "999999:resolved"}, **HTMX)

    assert "Vælg et fagområde og et udfald." in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.parametrize("roles", [[], [Role.ADMINISTRATOR]], ids=["no-role", "administrator"])
def test_users_without_a_registering_role_get_403(client, make_staff, registry, roles):
    client.force_login(make_staff(*roles))

    assert client.get(URL).status_code == 403
    assert register(client, registry.pas).status_code == 403
    assert client.post(UNDO).status_code == 403
    assert not Contact.objects.exists()


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.BACK_OFFICE, Role.MANAGER])
def test_every_registering_role_may_register(client, make_staff, registry, role):
    client.force_login(make_staff(role))

    assert client.get(URL).status_code == 200
    assert register(client, registry.pas).status_code == 302
    assert Contact.objects.count() == 1


def test_anonymous_is_sent_to_the_login(client, registry):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
