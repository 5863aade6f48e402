"""The staff page of failed and pending messages, its retry button, and the admin."""

import pytest
from django.urls import reverse

from indgang.audit.models import AuditEvent
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.notifications.models import Message, MessageChannel, MessageStatus
from indgang.notifications.selectors import recipient_mask
from tests.conftest import local

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

T0 = local(2026, 11, 24, 10, 0)
URL = "/personale/beskeder/"


@pytest.fixture
def failed():
    return MessageFactory(
        kind="booking.reminder",
        recipient="+4512345678",
        body="Husk din tid i morgen kl. 9.00",
        reference="booking:42",
        status=MessageStatus.FAILED,
        attempts=8,
        last_error="SMS-gatewayen svarede HTTP 503",
        created_at=T0,
    )


@pytest.mark.parametrize(
    ("channel", "recipient", "masked"),
    [
        ("sms", "+4512345678", "+45 12 •• •• 78"),
        ("sms", "+46701234567", "+46 70 •• •• •67"),
        ("sms", "12", "•••"),
        ("email", "mette.hansen@example.dk", "m•••@example.dk"),
        ("email", "nonsense", "•••"),
    ],
)
def test_recipient_is_masked(channel, recipient, masked):
    assert recipient_mask(channel=channel, recipient=recipient) == masked


def test_url_is_personale_beskeder():
    assert reverse("notifications:list") == URL


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.MANAGER, Role.ADMINISTRATOR])
def test_staff_see_failed_messages_masked_without_text(client, make_staff, failed, role):
    client.force_login(make_staff(role))
    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Påmindelse om tid" in page
    assert "booking:42" in page
    assert "Fejlet" in page
    assert "8/8" in page
    assert "SMS-gatewayen svarede HTTP 503" in page
    assert "+45 12 •• •• 78" in page
    assert "12345678" not in page
    assert "Husk din tid" not in page
    assert "Send igen" in page


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.BACK_OFFICE])
def test_other_roles_are_refused(client, make_staff, role):
    client.force_login(make_staff(role))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_default_view_hides_sent_and_cancelled_and_filter_shows_them(staff_client, failed):
    MessageFactory(reference="booking:sent", status=MessageStatus.SENT, sent_at=T0)
    MessageFactory(reference="booking:cancelled", status=MessageStatus.CANCELLED)
    MessageFactory(reference="booking:waiting")

    page = staff_client.get(URL).content.decode()
    assert "booking:42" in page
    assert "booking:waiting" in page
    assert "booking:sent" not in page
    assert "booking:cancelled" not in page

    page = staff_client.get(URL, {"status": "sent"}).content.decode()
    assert "booking:sent" in page
    assert "booking:42" not in page
    assert "Send igen" not in page
    assert "Send nu" not in page


def test_empty_page_says_so(staff_client):
    assert "Ingen beskeder at vise." in staff_client.get(URL).content.decode()


def test_retry_button_makes_a_failed_message_pending_and_due_now(client, make_staff, failed):
    user = make_staff(Role.FRONT_DESK)
    client.force_login(user)
    with clock.frozen(at=local(2026, 11, 25, 8, 0)) as now:
        response = client.post(
            reverse("notifications:retry", args=[failed.pk]), {"status": "failed"}
        )

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?status=failed"
    failed.refresh_from_db()
    assert failed.status == MessageStatus.PENDING
    assert failed.attempts == 0
    assert failed.next_attempt_at == now
    assert failed.last_error == "SMS-gatewayen svarede HTTP 503"  # kept until it is sent
    event = AuditEvent.objects.get(action="message.retry")
    assert event.actor == user
    assert event.target_id == str(failed.pk)
    assert "12345678" not in str(event.extra) + event.target_repr

    page = client.get(response["Location"]).content.decode()
    assert f"Beskeden {failed.pk} sendes igen om lidt." in page


def test_retried_message_is_then_sent_by_the_worker(staff_client, failed, sent_sms):
    from indgang.notifications.services import messages_send_due

    staff_client.post(reverse("notifications:retry", args=[failed.pk]))
    assert messages_send_due(worker_id="w1") == 1
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT
    assert failed.last_error == ""
    assert [s["idempotency_key"] for s in sent_sms()] == [failed.idempotency_key]


def test_send_now_on_a_pending_message_in_backoff_makes_it_due(staff_client):
    waiting = MessageFactory(attempts=3, next_attempt_at=local(2026, 11, 25, 9, 0))
    assert "Send nu" in staff_client.get(URL).content.decode()
    with clock.frozen(at=local(2026, 11, 25, 8, 0)) as now:
        staff_client.post(reverse("notifications:retry", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert (waiting.status, waiting.next_attempt_at, waiting.attempts) == ("pending", now, 0)


@pytest.mark.parametrize("status", [MessageStatus.SENT, MessageStatus.CANCELLED])
def test_retry_of_a_finished_message_is_refused(staff_client, status):
    message = MessageFactory(status=status, sent_at=T0)
    response = staff_client.post(reverse("notifications:retry", args=[message.pk]), follow=True)
    assert "kan ikke sendes igen" in response.content.decode()
    message.refresh_from_db()
    assert message.status == status
    assert not AuditEvent.objects.filter(action="message.retry").exists()


def test_retry_needs_post_and_the_role(client, make_staff, failed):
    client.force_login(make_staff(Role.FRONT_DESK))
    assert client.get(reverse("notifications:retry", args=[failed.pk])).status_code == 405
    client.force_login(make_staff(Role.CONTACT_CENTRE))
    assert client.post(reverse("notifications:retry", args=[failed.pk])).status_code == 403
    failed.refresh_from_db()
    assert failed.status == MessageStatus.FAILED


def test_retry_redirect_ignores_anything_but_a_status(staff_client, failed):
    response = staff_client.post(
        reverse("notifications:retry", args=[failed.pk]), {"status": "https://evil.example/"}
    )
    assert response["Location"] == URL


def test_retry_of_unknown_message_is_404(staff_client):
    assert staff_client.post(reverse("notifications:retry", args=[999999])).status_code == 404


def test_page_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    MessageFactory.create_batch(3, status=MessageStatus.FAILED)
    with django_assert_max_num_queries(8) as few:
        staff_client.get(URL)
    MessageFactory.create_batch(30, status=MessageStatus.FAILED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(URL)


# --- admin ---


@pytest.fixture
def superuser_client(client, make_staff):
    client.force_login(make_staff(is_superuser=True, is_staff=True))
    return client


def test_admin_lists_messages_read_only_with_filters(superuser_client, failed):
    MessageFactory(channel=MessageChannel.EMAIL, recipient="mette@example.dk", subject="Tid")
    response = superuser_client.get(reverse("admin:notifications_message_changelist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "+45 12 •• •• 78" in page
    assert "m•••@example.dk" in page
    assert "12345678" not in page

    filtered = superuser_client.get(
        reverse("admin:notifications_message_changelist"),
        {"status__exact": "failed", "channel__exact": "sms", "kind": "booking.reminder"},
    )
    assert filtered.status_code == 200
    assert filtered.context["cl"].result_count == 1


def test_admin_detail_hides_the_text(superuser_client, failed):
    response = superuser_client.get(reverse("admin:notifications_message_change", args=[failed.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Husk din tid" not in page
    assert "12345678" not in page
    assert "booking:42" in page


def test_admin_refuses_add_change_and_delete(superuser_client, failed):
    assert superuser_client.get(reverse("admin:notifications_message_add")).status_code == 403
    delete = superuser_client.post(
        reverse("admin:notifications_message_delete", args=[failed.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Message.objects.filter(pk=failed.pk).exists()
