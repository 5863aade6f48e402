"""Cancelling pending messages of a reference, and deleting old ones."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from indgang.core import clock
from indgang.notifications.models import Message, MessageStatus
from indgang.notifications.services import messages_cancel_pending, messages_delete_old
from tests.conftest import local

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

T0 = local(2026, 11, 24, 10, 0)


def statuses() -> dict[str, str]:
    return dict(Message.objects.values_list("idempotency_key", "status"))


def test_cancel_pending_touches_only_pending_rows_of_that_reference():
    MessageFactory(
        idempotency_key="42-confirmed", reference="booking:42", status="sent", sent_at=T0
    )
    MessageFactory(
        idempotency_key="42-reminder-sms", reference="booking:42", kind="booking.reminder"
    )
    MessageFactory(
        idempotency_key="42-reminder-mail", reference="booking:42", kind="booking.reminder"
    )
    MessageFactory(
        idempotency_key="42-sending",
        reference="booking:42",
        kind="booking.reminder",
        status=MessageStatus.SENDING,
        lease_expires_at=T0,
        leased_by="w1",
    )
    MessageFactory(idempotency_key="43-reminder", reference="booking:43", kind="booking.reminder")

    assert messages_cancel_pending(reference="booking:42") == 2

    assert statuses() == {
        "42-confirmed": "sent",
        "42-reminder-sms": "cancelled",
        "42-reminder-mail": "cancelled",
        "42-sending": "sending",  # a worker has it; too late to stop
        "43-reminder": "pending",
    }


def test_cancel_pending_can_be_narrowed_to_kinds():
    """A moved booking: cancel the old reminder, keep the 'moved' message."""
    MessageFactory(idempotency_key="reminder", reference="booking:42", kind="booking.reminder")
    MessageFactory(idempotency_key="moved", reference="booking:42", kind="booking.moved")

    assert messages_cancel_pending(reference="booking:42", kinds=["booking.reminder"]) == 1
    assert statuses() == {"reminder": "cancelled", "moved": "pending"}
    assert messages_cancel_pending(reference="booking:42", kinds=iter(["nothing"])) == 0


def test_cancelled_message_is_not_sent(sent_sms):
    from indgang.notifications.services import messages_send_due

    MessageFactory(reference="booking:42")
    messages_cancel_pending(reference="booking:42")
    assert messages_send_due(worker_id="w1") == 0
    assert sent_sms() == []


def make_old_and_new():
    old, new = T0 - timedelta(days=91), T0 - timedelta(days=89)
    for status in ("sent", "cancelled", "failed", "pending"):
        MessageFactory(
            idempotency_key=f"old-{status}",
            status=status,
            created_at=old,
            sent_at=old if status == "sent" else None,
        )
        MessageFactory(
            idempotency_key=f"new-{status}",
            status=status,
            created_at=new,
            sent_at=new if status == "sent" else None,
        )
    # Created long ago (a reminder far ahead), sent recently: kept.
    MessageFactory(
        idempotency_key="old-but-sent-lately", status="sent", created_at=old, sent_at=new
    )


def test_delete_old_removes_only_finished_rows_past_retention():
    make_old_and_new()
    with clock.frozen(at=T0):
        assert messages_delete_old(older_than_days=90) == 3
    assert sorted(statuses()) == [
        "new-cancelled",
        "new-failed",
        "new-pending",
        "new-sent",
        "old-but-sent-lately",
        "old-pending",
    ]


def test_delete_old_messages_command_uses_the_retention_setting(settings):
    settings.MESSAGE_RETENTION_DAYS = 90
    make_old_and_new()
    out = StringIO()
    with clock.frozen(at=T0):
        call_command("delete_old_messages", stdout=out)
    assert "Slettede 3 beskeder" in out.getvalue()

    with clock.frozen(at=T0):
        call_command("delete_old_messages", "--days", "0", stdout=out)
    assert sorted(statuses()) == ["new-pending", "old-pending"]


def test_negative_retention_is_refused():
    with pytest.raises(ValueError):
        messages_delete_old(older_than_days=-1)
