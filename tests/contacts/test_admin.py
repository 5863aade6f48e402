"""The registry in the admin: calls and contacts read-only and filterable;
managers keep self-service and mail counts there."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from indgang.catalogue.models import Channel
from indgang.contacts import services
from indgang.contacts.models import Call, Contact, MailCount, SelfServiceCount
from indgang.core import clock
from indgang.core.permissions import Role
from tests.conftest import local
from tests.contacts.factories import call_record, contact_record, registry_build

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 10, 0)


@pytest.fixture
def registry(db):
    return registry_build()


@pytest.fixture
def manager(make_staff):
    return make_staff(Role.MANAGER, is_staff=True, username="chef")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.mark.parametrize("model", [Call, Contact])
def test_calls_and_contacts_are_read_only_even_for_a_superuser(make_staff, model):
    request = RequestFactory().get("/")
    request.user = make_staff(is_superuser=True, is_staff=True)
    model_admin = site._registry[model]

    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_manager_lists_and_filters_calls_and_contacts(manager_client, registry, make_staff):
    services.calls_store(records=[call_record("A-77"), call_record("A-78", talk=None)])
    services.contacts_store(records=[contact_record("chat-1", channel=Channel.CHAT)])
    services.contact_register(
        by=make_staff(Role.FRONT_DESK), channel=Channel.PERSONAL, point="cash"
    )

    calls = manager_client.get("/admin/contacts/call/?result__exact=abandoned")
    contacts = manager_client.get("/admin/contacts/contact/?channel__exact=personal")

    assert calls.status_code == 200
    assert "A-78" in calls.content.decode() and "A-77" not in calls.content.decode()
    assert contacts.status_code == 200
    assert "Kassen" in contacts.content.decode()
    assert manager_client.get("/admin/contacts/call/?arrived_at__year=2019").status_code == 200


def test_the_manager_adds_a_self_service_count_in_the_admin(manager_client, registry):
    with clock.frozen(at=NOW):
        response = manager_client.post(
            "/admin/contacts/selfservicecount/add/",
            {
                "service": registry.pas_service.pk,
                "period_start": "2019-01-01",
                "period_end": "2019-03-31",
                "digital": "812",
                "manual": "97",
            },
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    count = SelfServiceCount.objects.get()
    assert (count.digital, count.manual, count.source, count.updated_at) == (
        812,
        97,
        "admin:chef",
        NOW,
    )


def test_the_manager_keeps_mail_counts_in_the_admin(manager_client, registry):
    response = manager_client.post(
        "/admin/contacts/mailcount/add/",
        {
            "period_start": "2019-01-01",
            "period_end": "2019-01-31",
            "kind": "secure",
            "count": "1200",
            "subject_area": registry.pas.pk,
            "forwarded_to": "",
        },
    )

    assert response.status_code == 302
    assert MailCount.objects.get().count == 1200
    assert manager_client.get("/admin/contacts/mailcount/").status_code == 200
