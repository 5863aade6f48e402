"""messages_send_due: claim due rows under a lease, send, retry with backoff, fail."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from indgang.core import clock
from indgang.notifications.gateways import GatewayError
from indgang.notifications.models import Message, MessageChannel, MessageStatus
from indgang.notifications.services import message_enqueue, messages_send_due
from tests.conftest import local

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

T0 = local(2026, 11, 24, 10, 0)


class BrokenProvider:
    """A provider that refuses everything (the outside world, mocked)."""

    calls: list[str] = []

    def send_sms(self, *, to, body, idempotency_key):
        BrokenProvider.calls.append(idempotency_key)
        raise GatewayError("SMS-gatewayen svarede HTTP 503")


class CrashingProvider:
    def send_sms(self, *, to, body, idempotency_key):
        raise RuntimeError(f"bug while sending to {to}: {body}")


@pytest.fixture
def broken_provider(settings):
    BrokenProvider.calls = []
    settings.SMS_BACKEND = f"{__name__}.BrokenProvider"
    return BrokenProvider


def test_due_message_is_sent_with_its_idempotency_key(sent_sms):
    with clock.frozen(at=T0):
        message = message_enqueue(
            kind="booking.confirmed",
            channel="sms",
            recipient="12345678",
            body="Din tid er bekræftet.",
            idempotency_key="booking:1:confirmed:sms",
            reference="booking:1",
        )
        assert messages_send_due(worker_id="w1") == 1

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.sent_at == T0
    assert message.attempts == 1
    assert message.lease_expires_at is None
    assert message.leased_by == ""
    [sms] = sent_sms()
    assert sms["to"] == "+4512345678"
    assert sms["body"] == "Din tid er bekræftet."
    assert sms["idempotency_key"] == "booking:1:confirmed:sms"
    assert message.provider_message_id == sms["id"]


def test_message_not_yet_due_waits_until_its_time(sent_sms):
    reminder = MessageFactory(next_attempt_at=T0 + timedelta(hours=24))

    with clock.frozen(at=T0 + timedelta(hours=23, minutes=59)):
        assert messages_send_due(worker_id="w1") == 0
    assert sent_sms() == []

    with clock.frozen(at=T0 + timedelta(hours=24)):
        assert messages_send_due(worker_id="w1") == 1
    reminder.refresh_from_db()
    assert reminder.status == MessageStatus.SENT


def test_sent_cancelled_and_failed_messages_are_never_sent(sent_sms):
    with clock.frozen(at=T0):
        for status in (MessageStatus.SENT, MessageStatus.CANCELLED, MessageStatus.FAILED):
            MessageFactory(status=status, sent_at=T0, next_attempt_at=T0 - timedelta(days=1))
        assert messages_send_due(worker_id="w1") == 0
    assert sent_sms() == []


def test_batch_size_limits_one_pass_and_oldest_due_go_first(sent_sms):
    with clock.frozen(at=T0):
        late = MessageFactory(next_attempt_at=T0 - timedelta(minutes=1))
        early = MessageFactory(next_attempt_at=T0 - timedelta(minutes=5))
        MessageFactory(next_attempt_at=T0)
        assert messages_send_due(worker_id="w1", batch_size=2) == 2
    assert [s["idempotency_key"] for s in sent_sms()] == [
        early.idempotency_key,
        late.idempotency_key,
    ]
    assert Message.objects.filter(status=MessageStatus.PENDING).count() == 1


def test_provider_error_retries_with_growing_backoff_then_fails(broken_provider, settings):
    settings.MESSAGE_MAX_ATTEMPTS = 4
    with clock.frozen(at=T0):
        message = message_enqueue(
            kind="booking.reminder",
            channel="sms",
            recipient="+4512345678",
            body="Husk din tid i morgen.",
            idempotency_key="booking:7:reminder:sms",
        )
    now = T0
    for attempt in (1, 2, 3):
        with clock.frozen(at=now):
            assert messages_send_due(worker_id="w1") == 1
        message.refresh_from_db()
        assert message.status == MessageStatus.PENDING
        assert message.attempts == attempt
        assert message.last_error == "SMS-gatewayen svarede HTTP 503"
        assert message.lease_expires_at is None
        ceiling = timedelta(seconds=30 * 2 ** (attempt - 1))  # base 30 s, doubling
        wait = message.next_attempt_at - now
        assert ceiling / 2 <= wait <= ceiling, (attempt, wait)
        with clock.frozen(at=now + wait - timedelta(seconds=1)):
            assert messages_send_due(worker_id="w1") == 0  # not before its time
        now += wait

    with clock.frozen(at=now):
        assert messages_send_due(worker_id="w1") == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 4
    assert broken_provider.calls == ["booking:7:reminder:sms"] * 4  # the same key each time

    with clock.frozen(at=now + timedelta(days=1)):
        assert messages_send_due(worker_id="w1") == 0  # failed stays failed


def test_backoff_is_capped(broken_provider, settings):
    settings.MESSAGE_RETRY_MAX_SECONDS = 600
    with clock.frozen(at=T0):
        message = MessageFactory(attempts=9, max_attempts=20)
        messages_send_due(worker_id="w1")
    message.refresh_from_db()
    assert timedelta(seconds=300) <= message.next_attempt_at - T0 <= timedelta(seconds=600)


def test_unexpected_error_counts_as_a_failed_attempt_and_logs_no_personal_data(settings, caplog):
    settings.SMS_BACKEND = f"{__name__}.CrashingProvider"
    with clock.frozen(at=T0):
        message = MessageFactory(recipient="+4512345678", body="Hemmelig tekst")
        with caplog.at_level(logging.INFO, logger="indgang.notifications"):
            assert messages_send_due(worker_id="w1") == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert message.attempts == 1
    assert message.last_error == "Uventet fejl: RuntimeError"
    assert "12345678" not in caplog.text
    assert "Hemmelig" not in caplog.text
    assert f"message {message.pk} kind=booking.confirmed channel=sms status=pending" in caplog.text


def test_expired_lease_of_a_dead_worker_is_reclaimed(sent_sms):
    """A worker claimed the row and died: after the lease runs out another takes it."""
    with clock.frozen(at=T0):
        message = MessageFactory(
            status=MessageStatus.SENDING,
            attempts=1,
            leased_by="dead-worker",
            lease_expires_at=T0 + timedelta(seconds=60),
        )
        assert messages_send_due(worker_id="w2") == 0  # still leased
    with clock.frozen(at=T0 + timedelta(seconds=60)):
        assert messages_send_due(worker_id="w2") == 1

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 2
    assert [s["idempotency_key"] for s in sent_sms()] == [message.idempotency_key]


def test_expired_lease_after_the_last_attempt_fails_the_message(sent_sms):
    with clock.frozen(at=T0):
        message = MessageFactory(
            status=MessageStatus.SENDING,
            attempts=8,
            max_attempts=8,
            leased_by="dead-worker",
            lease_expires_at=T0 - timedelta(seconds=1),
        )
        assert messages_send_due(worker_id="w2") == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.last_error
    assert sent_sms() == []


def test_worker_that_lost_its_lease_does_not_send(sent_sms, monkeypatch):
    """Claimed, then stalled past the lease; another worker took the row over."""
    from indgang.notifications import services

    real_claim = services._claim

    def claim_then_lose_the_lease(**kwargs):
        claimed, handled = real_claim(**kwargs)
        Message.objects.filter(pk__in=[m.pk for m in claimed]).update(leased_by="w2")
        return claimed, handled

    monkeypatch.setattr(services, "_claim", claim_then_lose_the_lease)
    with clock.frozen(at=T0):
        message = MessageFactory()
        assert messages_send_due(worker_id="w1") == 0
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    assert message.leased_by == "w2"
    assert message.attempts == 0
    assert sent_sms() == []


def test_stop_request_hands_the_rest_of_the_batch_back(sent_sms):
    with clock.frozen(at=T0):
        MessageFactory.create_batch(3)
        asked = []

        def stop_after_first():
            asked.append(1)
            return len(asked) > 1

        assert messages_send_due(worker_id="w1", should_stop=stop_after_first) == 1
    assert len(sent_sms()) == 1
    pending = Message.objects.filter(status=MessageStatus.PENDING)
    assert pending.count() == 2
    assert not pending.exclude(leased_by="").exists()
    assert not pending.filter(attempts__gt=0).exists()


def test_email_goes_through_django_with_the_idempotency_key(mailoutbox):
    with clock.frozen(at=T0):
        message = message_enqueue(
            kind="booking.confirmed",
            channel=MessageChannel.EMAIL,
            recipient="mette@example.dk",
            subject="Din tid hos Borgerservice",
            body="Din tid er bekræftet.",
            idempotency_key="booking:1:confirmed:email",
        )
        assert messages_send_due(worker_id="w1") == 1

    [email] = mail.outbox
    assert email.to == ["mette@example.dk"]
    assert email.subject == "Din tid hos Borgerservice"
    assert email.extra_headers["X-Idempotency-Key"] == "booking:1:confirmed:email"
    message_id = email.message()["Message-ID"]
    assert message_id.startswith("<indgang.") and message_id.endswith("@localhost>")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.provider_message_id == message_id


def test_same_key_gives_the_same_message_id_every_time(settings):
    from indgang.notifications.gateways import email_message_id

    settings.DEFAULT_FROM_EMAIL = "Borgerservice <borgerservice@demo.kommune.dk>"
    assert email_message_id("k1") == email_message_id("k1")
    assert email_message_id("k1") != email_message_id("k2")
    assert email_message_id("k1").endswith("@demo.kommune.dk>")


def test_send_messages_once_sends_what_is_due_and_exits(sent_sms, caplog):
    MessageFactory.create_batch(3, body="Personlig tekst", recipient="+4598765432")
    later = MessageFactory(next_attempt_at=clock.now() + timedelta(hours=1))
    out = StringIO()
    with caplog.at_level(logging.INFO, logger="indgang.notifications"):
        call_command(
            "send_messages",
            "--once",
            "--batch-size",
            "2",
            "--worker-id",
            "test-worker",
            stdout=out,
        )
    assert "3 beskeder behandlet." in out.getvalue()
    assert len(sent_sms()) == 3
    assert Message.objects.filter(status=MessageStatus.SENT).count() == 3
    later.refresh_from_db()
    assert later.status == MessageStatus.PENDING
    sent_lines = [r.getMessage() for r in caplog.records if "status=sent" in r.getMessage()]
    assert len(sent_lines) == 3
    assert all("kind=booking.confirmed channel=sms" in line for line in sent_lines)
    assert "98765432" not in caplog.text
    assert "Personlig" not in caplog.text
