"""The audit trail in the admin is read-only, filterable and searchable."""

from datetime import UTC, datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from indgang.audit.models import AuditEvent
from indgang.audit.services import audit_record
from indgang.core import clock
from indgang.core.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, make_staff):
    client.force_login(make_staff(Role.MANAGER, is_staff=True, first_name="Chef"))
    AuditEvent.objects.all()._raw_delete(AuditEvent.objects.db)  # drop the login just audited
    return client


@pytest.fixture
def superuser(make_staff):
    return make_staff(is_superuser=True, is_staff=True)


def test_nobody_may_add_change_or_delete_audit_events_in_admin(superuser):
    event = audit_record(actor=None, action="x.y")
    request = RequestFactory().get("/")
    request.user = superuser
    model_admin = site._registry[AuditEvent]

    assert model_admin.has_view_permission(request, event)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)
    assert not model_admin.get_actions(request)


def test_superuser_post_to_change_or_delete_is_refused(client, superuser):
    event = audit_record(actor=None, action="x.y")
    client.force_login(superuser)

    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = client.post(
        reverse("admin:audit_auditevent_change", args=[event.pk]), {"action": "changed"}
    )
    assert change.status_code == 403
    delete = client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "x.y"


def test_manager_views_an_event(manager_client):
    event = audit_record(actor=None, action="auth.login_failed", extra={"username": "mette"})

    response = manager_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))

    assert response.status_code == 200
    assert "auth.login_failed" in response.content.decode()


def test_front_desk_cannot_see_the_trail(client, make_staff):
    client.force_login(make_staff(Role.FRONT_DESK, is_staff=True))

    response = client.get(reverse("admin:audit_auditevent_changelist"))

    assert response.status_code == 403


def _listed(response) -> list[str]:
    return [e.action for e in response.context["cl"].result_list]


def test_list_filters_on_action_and_date(manager_client, make_staff):
    with clock.frozen(at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC)):
        audit_record(actor=None, action="auth.login_failed")
    with clock.frozen(at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC)):
        audit_record(actor=make_staff(Role.FRONT_DESK), action="auth.login")
    url = reverse("admin:audit_auditevent_changelist")

    response = manager_client.get(url)
    filters = [spec.title for spec in response.context["cl"].filter_specs]
    assert len(filters) == 2
    assert _listed(manager_client.get(url, {"action": "auth.login"})) == ["auth.login"]
    by_day = manager_client.get(url, {"at__gte": "2026-03-02", "at__lt": "2026-03-03"})
    assert _listed(by_day) == ["auth.login_failed"]
    assert _listed(manager_client.get(url, {"at__year": 2026, "at__month": 3, "at__day": 3})) == [
        "auth.login"
    ]


def test_search_by_username_finds_actor_and_failed_logins(manager_client, make_staff):
    audit_record(actor=make_staff(Role.FRONT_DESK, username="mette"), action="auth.login")
    audit_record(actor=None, action="auth.login_failed", extra={"username": "mette"})
    audit_record(actor=make_staff(Role.FRONT_DESK, username="bent"), action="auth.logout")
    url = reverse("admin:audit_auditevent_changelist")

    response = manager_client.get(url, {"q": "mette"})

    assert sorted(_listed(response)) == ["auth.login", "auth.login_failed"]
