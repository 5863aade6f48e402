"""message_enqueue writes one ledger row in the caller's transaction."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from indgang.core import clock
from indgang.notifications.models import Message, MessageChannel, MessageQuerySet, MessageStatus
from indgang.notifications.services import contains_cpr, message_enqueue
from tests.conftest import local

pytestmark = pytest.mark.django_db


def enqueue(**overrides) -> Message:
    arguments = {
        "kind": "booking.confirmed",
        "channel": MessageChannel.SMS,
        "recipient": "12 34 56 78",
        "body": "Din tid er bekræftet: tirsdag 1. december kl. 9.00. Kode: K7PQ2M.",
        "idempotency_key": "booking:42:confirmed:sms",
        "reference": "booking:42",
    }
    return message_enqueue(**(arguments | overrides))


class Rollback(Exception):
    pass


def test_enqueue_writes_a_pending_row_due_now_with_normalised_phone():
    with clock.frozen(at=local(2026, 11, 24, 10, 0)) as now:
        message = enqueue()

    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING
    assert message.recipient == "+4512345678"
    assert message.next_attempt_at == now
    assert message.created_at == now
    assert message.attempts == 0
    assert message.max_attempts == 8
    assert message.reference == "booking:42"


def test_rolled_back_transaction_leaves_no_message():
    with pytest.raises(Rollback), transaction.atomic():
        enqueue()
        assert Message.objects.count() == 1
        raise Rollback

    assert Message.objects.count() == 0


def test_same_idempotency_key_twice_gives_one_row():
    first = enqueue()
    second = enqueue(body="En anden tekst")

    assert second.pk == first.pk
    assert Message.objects.count() == 1
    assert Message.objects.get().body == first.body


def test_lost_insert_race_does_not_break_the_callers_transaction(monkeypatch):
    """Two requests enqueue the same key at once: the loser's insert fails inside
    a savepoint and it gets the winner's row; its own transaction goes on."""
    winner = enqueue()
    # Make the loser look before the winner committed: its checks find nothing once.
    real_filter, real_get = Message.objects.filter, MessageQuerySet.get
    missed = set()

    def filter_missing_once(*args, **kwargs):
        if "filter" not in missed:
            missed.add("filter")
            return Message.objects.none()
        return real_filter(*args, **kwargs)

    def get_missing_once(self, *args, **kwargs):
        if "get" not in missed:
            missed.add("get")
            raise Message.DoesNotExist
        return real_get(self, *args, **kwargs)

    with transaction.atomic():
        monkeypatch.setattr(Message.objects, "filter", filter_missing_once)
        monkeypatch.setattr(MessageQuerySet, "get", get_missing_once)
        loser = enqueue()
        monkeypatch.undo()
        assert Message.objects.count() == 1  # the transaction still works

    assert missed == {"filter", "get"}
    assert loser.pk == winner.pk


def test_unique_key_is_enforced_by_the_database():
    enqueue()
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(
            kind="x",
            channel="sms",
            recipient="+4512345678",
            body="x",
            idempotency_key="booking:42:confirmed:sms",
            next_attempt_at=clock.now(),
            created_at=clock.now(),
        )


def test_send_after_delays_the_first_attempt():
    with clock.frozen(at=local(2026, 11, 24, 10, 0)):
        reminder = enqueue(
            kind="booking.reminder",
            idempotency_key="booking:42:reminder:sms",
            send_after=local(2026, 11, 30, 9, 0),
        )
    assert reminder.next_attempt_at == local(2026, 11, 30, 9, 0)


def test_send_after_in_the_past_means_now():
    with clock.frozen(at=local(2026, 11, 24, 10, 0)) as now:
        message = enqueue(send_after=now - timedelta(hours=3))
    assert message.next_attempt_at == now


def test_email_is_validated_and_needs_a_subject():
    message = enqueue(
        channel=MessageChannel.EMAIL,
        recipient=" mette@example.dk ",
        subject="Din tid hos Borgerservice",
        idempotency_key="booking:42:confirmed:email",
    )
    assert message.recipient == "mette@example.dk"

    with pytest.raises(ValidationError):
        enqueue(channel="email", recipient="mette@", subject="Tid", idempotency_key="k2")
    with pytest.raises(ValueError, match="subject"):
        enqueue(channel="email", recipient="mette@example.dk", idempotency_key="k3")


def test_impossible_phone_number_is_refused():
    with pytest.raises(ValidationError):
        enqueue(recipient="12 34")
    assert not Message.objects.exists()


@pytest.mark.parametrize("field", ["body", "subject"], ids=["in the text", "in the e-mail subject"])
@pytest.mark.parametrize(
    "cpr", ["010190-1234", "0101901234", "290200 1234", "311299-9999", "999999-1234"]
)
def test_message_holding_a_cpr_number_is_refused(field, cpr):
    text = f"Vedr. {cpr}: din tid er bekræftet."
    arguments = {"channel": MessageChannel.EMAIL, "recipient": "mette@example.dk"}
    arguments |= {"subject": "Din tid", field: text}
    with pytest.raises(ValueError, match="CPR") as raised:
        enqueue(**arguments)
    assert cpr not in str(raised.value)
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Ring på +45 33 66 33 66 eller 3366 3366.",
        "Ring til os på +4531122334.",  # ten digits, but 45 is no day
        "Kode: K7PQ2M, tirsdag 01.12.2026 kl. 09.00",
        "Sagsnummer 12345678901",  # eleven digits: not a CPR number
        "Kode 123456",
        "Ref. 3213001234",  # 32nd of the 13th month
    ],
)
def test_ordinary_texts_are_not_mistaken_for_cpr(text):
    assert not contains_cpr(text)


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"channel": "fax"}, "channel"),
        ({"idempotency_key": ""}, "idempotency_key"),
        ({"kind": ""}, "kind"),
        ({"body": "  "}, "text"),
    ],
)
def test_bad_arguments_raise_value_error(overrides, match):
    with pytest.raises(ValueError, match=match):
        enqueue(**overrides)
