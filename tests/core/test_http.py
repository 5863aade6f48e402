"""The client address behind reverse proxies (login throttling and audit use it)."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from indgang.audit.models import AuditEvent
from indgang.core.http import client_ip_get
from indgang.core.permissions import Role

PROXY = "10.0.0.2"


def _request(remote_addr=PROXY, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(PROXY_COUNT=0)
def test_without_proxy_the_peer_is_the_client_and_the_header_is_ignored():
    assert client_ip_get(_request("192.0.2.1", forwarded="203.0.113.9")) == "192.0.2.1"


@override_settings(PROXY_COUNT=1)
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("192.0.2.1", "192.0.2.1"),
        ("203.0.113.66, 192.0.2.1", "192.0.2.1"),  # the left entry is the client's own claim
        (" 192.0.2.1 ", "192.0.2.1"),
        ("192.0.2.1:5555", "192.0.2.1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("", PROXY),  # proxy did not set the header
        ("unknown", PROXY),
    ],
)
def test_behind_one_proxy_the_last_forwarded_entry_is_the_client(forwarded, expected):
    assert client_ip_get(_request(forwarded=forwarded)) == expected


@override_settings(PROXY_COUNT=2)
def test_behind_two_proxies_the_second_last_entry_is_the_client():
    assert client_ip_get(_request(forwarded="203.0.113.66, 192.0.2.1, 10.0.0.1")) == "192.0.2.1"
    assert client_ip_get(_request(forwarded="10.0.0.1")) == PROXY


@pytest.mark.django_db
@override_settings(PROXY_COUNT=1)
def test_behind_a_proxy_lockout_and_audit_use_the_forwarded_address(client, make_staff, password):
    make_staff(Role.FRONT_DESK, username="anna")
    url = reverse("accounts:login")

    def login(pw, forwarded):
        return client.post(
            url,
            {"username": "anna", "password": pw},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for _ in range(5):
        # A forged left-most entry does not give a fresh address per attempt.
        response = login("forkert", f"203.0.113.{_}, 192.0.2.1")
    assert response.status_code == 429
    assert login(password, "192.0.2.1").status_code == 429
    assert login(password, "192.0.2.2").status_code == 302
    assert set(AuditEvent.objects.values_list("ip_address", flat=True)) == {
        "192.0.2.1",
        "192.0.2.2",
    }
