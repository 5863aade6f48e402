"""The audit trail: one helper records, nothing edits."""

import json
from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from indgang.accounts.models import User
from indgang.audit.models import AuditEvent
from indgang.audit.selectors import audit_events_for
from indgang.audit.services import audit_record
from indgang.core import clock
from indgang.core.permissions import Role
from tests.catalogue.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_audit_record_stores_actor_action_target_ip_and_extra(make_staff):
    actor = make_staff(Role.MANAGER, username="chef")
    target = DepartmentFactory(name="Borgerservice")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44")
    at = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)

    with clock.frozen(at=at):
        event = audit_record(
            actor=actor,
            action="department.view",
            target=target,
            extra={"purpose": "test"},
            request=request,
        )

    event = AuditEvent.objects.get(pk=event.pk)
    assert event.at == at
    assert event.actor == actor
    assert event.actor_username == "chef"
    assert event.action == "department.view"
    assert event.target_type == ContentType.objects.get_for_model(target)
    assert event.target_id == str(target.pk)
    assert event.target_repr == "Borgerservice"
    assert event.ip_address == "192.0.2.44"
    assert event.extra == {"purpose": "test"}
    assert list(audit_events_for(target=target)) == [event]


def test_audit_record_takes_the_client_address_behind_a_proxy(make_staff, settings):
    settings.PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.1"
    )

    event = audit_record(actor=make_staff(Role.FRONT_DESK), action="x.y", request=request)

    assert event.ip_address == "192.0.2.1"  # the entry the proxy wrote, not the forged one


def test_audit_record_without_actor_target_or_request():
    event = audit_record(actor=None, action="system.job")

    assert event.actor is None
    assert event.actor_username == ""
    assert event.target_type is None
    assert event.target_id == ""
    assert event.ip_address is None
    assert event.extra == {}


def test_actor_username_survives_the_user(make_staff):
    actor = make_staff(Role.FRONT_DESK, username="fratraadt")
    event = audit_record(actor=actor, action="x.y")

    actor.delete()

    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_username == "fratraadt"


def test_audit_event_cannot_be_saved_again():
    event = audit_record(actor=None, action="x.y")
    event.action = "something.else"

    with pytest.raises(TypeError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "x.y"


def test_audit_events_cannot_be_updated_in_bulk():
    audit_record(actor=None, action="x.y")

    with pytest.raises(TypeError):
        AuditEvent.objects.update(action="something.else")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(action="x.y").update(action="something.else")
    assert AuditEvent.objects.get().action == "x.y"


def test_audit_event_cannot_be_deleted():
    event = audit_record(actor=None, action="x.y")

    with pytest.raises(TypeError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _login(client, username, password):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="192.0.2.5",
    )


def test_login_and_logout_are_audited(client, make_staff, password):
    user = make_staff(Role.FRONT_DESK, username="mette")

    _login(client, "mette", password)
    client.post(reverse("accounts:logout"), REMOTE_ADDR="192.0.2.5")

    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == ["auth.login", "auth.logout"]
    for event in events:
        assert event.actor == user
        assert event.actor_username == "mette"
        assert event.target_id == str(user.pk)
        assert event.target_type == ContentType.objects.get_for_model(User)
        assert event.ip_address == "192.0.2.5"


def test_failed_login_stores_username_never_password(client, make_staff):
    make_staff(Role.FRONT_DESK, username="mette")

    _login(client, "mette", "Hemmelig-Kode-123")

    event = AuditEvent.objects.get()
    assert event.action == "auth.login_failed"
    assert event.actor is None
    assert event.extra == {"username": "mette"}
    assert event.ip_address == "192.0.2.5"
    stored = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert "Hemmelig-Kode-123" not in stored
