"""Login throttling (django-axes): lock a username at one address, for a while.

A whole town hall shares one NAT address, so a lock must never hit other
employees at that address, nor the same employee elsewhere.
"""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from indgang.core.permissions import Role

pytestmark = pytest.mark.django_db

TOWN_HALL = "192.0.2.10"
HOME = "198.51.100.7"


def _login(client, username, password, ip):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _fail(client, username, ip, times):
    return [_login(client, username, "forkert-kode", ip) for _ in range(times)]


@pytest.fixture
def anna(make_staff):
    return make_staff(Role.FRONT_DESK, username="anna")


@pytest.fixture
def bent(make_staff):
    return make_staff(Role.CONTACT_CENTRE, username="bent")


def test_settings_lock_username_and_address_together_for_a_cool_off():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_four_failures_do_not_lock(client, anna, password):
    responses = _fail(client, "anna", TOWN_HALL, 4)

    assert [r.status_code for r in responses] == [200] * 4
    assert _login(client, "anna", password, TOWN_HALL).status_code == 302


def test_fifth_failure_locks_user_at_address_with_danish_429(client, anna, password):
    responses = _fail(client, "anna", TOWN_HALL, 5)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    locked = _login(client, "anna", password, TOWN_HALL)  # even the right password
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    html = locked.content.decode()
    assert "For mange forsøg på at logge ind" in html
    assert "Du kan prøve igen kl." in html
    assert "om 15 minutter" in html
    assert locked["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_lockout_names_the_local_time_to_try_again(client, anna):
    with time_machine.travel("2026-03-02 09:00:00+01:00", tick=False):
        locked = _fail(client, "anna", TOWN_HALL, 5)[-1]

    assert "kl. 09:15" in locked.content.decode()


def test_lock_does_not_hit_colleague_behind_same_address(client, anna, bent, password):
    _fail(client, "anna", TOWN_HALL, 5)

    response = _login(client, "bent", password, TOWN_HALL)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bent.pk)


def test_lock_does_not_hit_same_user_from_other_address(client, anna, password):
    _fail(client, "anna", TOWN_HALL, 5)

    response = _login(client, "anna", password, HOME)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)
    # ... while the lock at the town hall stands.
    client.logout()
    assert _login(client, "anna", password, TOWN_HALL).status_code == 429


def test_user_can_log_in_again_after_cool_off(client, anna, password):
    _fail(client, "anna", TOWN_HALL, 5)
    assert _login(client, "anna", password, TOWN_HALL).status_code == 429

    AccessAttempt.objects.filter(username="anna").update(
        attempt_time=AccessAttempt.objects.get(username="anna").attempt_time - timedelta(minutes=16)
    )
    response = _login(client, "anna", password, TOWN_HALL)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_cool_off_passes_with_the_clock(client, anna, password):
    with time_machine.travel("2026-03-02 09:00:00+01:00", tick=False):
        _fail(client, "anna", TOWN_HALL, 5)
    with time_machine.travel("2026-03-02 09:14:00+01:00", tick=False):
        assert _login(client, "anna", password, TOWN_HALL).status_code == 429
    # The attempt at 09:14 started the cool-off again.
    with time_machine.travel("2026-03-02 09:28:00+01:00", tick=False):
        assert _login(client, "anna", password, TOWN_HALL).status_code == 429
    with time_machine.travel("2026-03-02 09:44:00+01:00", tick=False):
        assert _login(client, "anna", password, TOWN_HALL).status_code == 302


def test_successful_login_resets_the_count(client, anna, password):
    _fail(client, "anna", TOWN_HALL, 4)
    assert _login(client, "anna", password, TOWN_HALL).status_code == 302
    client.logout()

    responses = _fail(client, "anna", TOWN_HALL, 4)

    assert [r.status_code for r in responses] == [200] * 4


def test_failures_are_counted_for_unknown_usernames_too(client):
    responses = _fail(client, "findes-ikke", TOWN_HALL, 5)

    assert responses[-1].status_code == 429
