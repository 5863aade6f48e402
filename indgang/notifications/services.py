"""Every write to the message ledger: enqueue, cancel, send, retry, delete.

The ledger is the outbox: `message_enqueue` writes a row in the caller's
transaction, workers (`manage.py send_messages` → `messages_send_due`) claim
due rows under a lease and send them outside any transaction. See
docs/notifications.md.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q

from indgang.audit.services import audit_record
from indgang.core import clock
from indgang.core.phone import phone_normalise

from .errors import MessageNotRetryable
from .gateways import GatewayError, email_send, sms_send
from .models import FINISHED_STATUSES, Message, MessageChannel, MessageStatus

logger = logging.getLogger("indgang.notifications")

# Longest text we accept; a longer SMS is a bug in the caller, not a message.
MAX_BODY_LENGTH = 5000

# DDMMYY-XXXX, DDMMYYXXXX or DDMMYY XXXX, not inside a longer run of digits.
_CPR_SHAPE = re.compile(r"(?<![\d])(\d{2})(\d{2})(\d{2})([-\s]?)(\d{4})(?![\d])")

_jitter = random.Random()  # noqa: S311 - jitter for retries, not security


def _is_date(day: str, month: str, year: str) -> bool:
    for century in (1900, 2000):
        try:
            date(century + int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


def contains_cpr(text: str) -> bool:
    """True when `text` holds something shaped like a CPR number: DDMMYY-XXXX
    (the hyphen form always counts) or ten digits whose first six are a date."""
    for match in _CPR_SHAPE.finditer(text or ""):
        day, month, year, separator, _ = match.groups()
        if separator == "-" or _is_date(day, month, year):
            return True
    return False


def _recipient_normalise(*, channel: str, recipient: str) -> str:
    if channel == MessageChannel.SMS:
        return phone_normalise(recipient)  # ValidationError in Danish when impossible
    address = (recipient or "").strip()
    validate_email(address)  # ValidationError
    return address


def message_enqueue(
    *,
    kind: str,
    channel: str,
    recipient: str,
    body: str,
    subject: str = "",
    idempotency_key: str,
    reference: str = "",
    send_after: datetime | None = None,
) -> Message:
    """Write one message to the ledger, in the caller's transaction.

    Call it inside the `transaction.atomic` that makes the change the message
    tells about: a rollback leaves no message. The same `idempotency_key` again
    returns the existing row and writes nothing (a savepoint keeps a lost insert
    race out of the caller's transaction). `send_after` delays the first send
    (a reminder); a time in the past means "now".

    Raises ValueError for a text that holds a CPR number, an unknown channel or
    an empty key, kind or body, and django's ValidationError for a phone number
    or e-mail address that cannot be one.
    """
    if channel not in MessageChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    if not kind or len(kind) > 64:
        raise ValueError("kind must be 1-64 characters")
    if not idempotency_key or len(idempotency_key) > 200:
        raise ValueError("idempotency_key must be 1-200 characters")
    if len(reference) > 100:
        raise ValueError("reference must be at most 100 characters")
    if not body or not body.strip():
        raise ValueError("a message needs a text")
    if len(body) > MAX_BODY_LENGTH or len(subject) > 200:
        raise ValueError("message text or subject too long")
    if contains_cpr(body) or contains_cpr(subject):
        # Say where, never what: the number must not reach a log through us.
        raise ValueError("a message text must never hold a CPR number")
    if channel == MessageChannel.EMAIL and not subject.strip():
        raise ValueError("an e-mail needs a subject")

    existing = Message.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    now = clock.now()
    message, _created = Message.objects.get_or_create(  # a savepoint around the insert
        idempotency_key=idempotency_key,
        defaults={
            "kind": kind,
            "channel": channel,
            "recipient": _recipient_normalise(channel=channel, recipient=recipient),
            "subject": subject,
            "body": body,
            "reference": reference,
            "status": MessageStatus.PENDING,
            "max_attempts": max(1, settings.MESSAGE_MAX_ATTEMPTS),
            "next_attempt_at": max(send_after, now) if send_after else now,
            "created_at": now,
        },
    )
    return message


def messages_cancel_pending(*, reference: str, kinds: Iterable[str] | None = None) -> int:
    """Cancel the messages about `reference` that no worker has claimed yet
    (e.g. the reminder of a moved or cancelled booking); `kinds` narrows it.
    Returns how many were cancelled. A message a worker is sending right now
    is not stopped."""
    rows = Message.objects.filter(reference=reference, status=MessageStatus.PENDING)
    if kinds is not None:
        rows = rows.filter(kind__in=list(kinds))
    return rows.update(status=MessageStatus.CANCELLED)


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff with jitter: after the n-th failed attempt wait between
    half and all of base·2^(n-1) seconds, at most MESSAGE_RETRY_MAX_SECONDS."""
    base = settings.MESSAGE_RETRY_BASE_SECONDS
    ceiling = min(settings.MESSAGE_RETRY_MAX_SECONDS, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=_jitter.uniform(ceiling / 2, ceiling))


def _claim(*, worker_id: str, batch_size: int, lease_seconds: int) -> tuple[list[Message], int]:
    """Claim up to `batch_size` due rows in one short transaction.

    Rows locked by another worker's claim are skipped (FOR UPDATE SKIP LOCKED on
    PostgreSQL; SQLite has one writer at a time and ignores it). A row whose lease
    ran out after its last allowed attempt is marked FAILED instead: the worker
    died while sending it, perhaps because of it.
    """
    with transaction.atomic():
        now = clock.now()
        rows = list(
            Message.objects.due(at=now)
            .order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .only("pk", "status", "attempts", "max_attempts")[:batch_size]
        )
        exhausted = [m.pk for m in rows if m.attempts >= m.max_attempts]
        claimed = [m.pk for m in rows if m.attempts < m.max_attempts]
        if exhausted:
            Message.objects.filter(pk__in=exhausted).update(
                status=MessageStatus.FAILED,
                lease_expires_at=None,
                leased_by="",
                last_error="Afsendelsen blev afbrudt ved sidste tilladte forsøg",
            )
        if claimed:
            Message.objects.filter(pk__in=claimed).update(
                status=MessageStatus.SENDING,
                lease_expires_at=now + timedelta(seconds=lease_seconds),
                leased_by=worker_id,
            )
    for pk in exhausted:
        logger.warning("message %s status=failed reason=lease-expired-at-last-attempt", pk)
    return list(Message.objects.filter(pk__in=claimed).order_by("next_attempt_at", "pk")), len(
        exhausted
    )


def _mine(message: Message, worker_id: str):
    """The row, only while this worker still holds its lease."""
    return Message.objects.filter(pk=message.pk, status=MessageStatus.SENDING, leased_by=worker_id)


def _deliver(message: Message) -> str:
    if message.channel == MessageChannel.SMS:
        return sms_send(
            to=message.recipient, body=message.body, idempotency_key=message.idempotency_key
        )
    return email_send(
        to=message.recipient,
        subject=message.subject,
        body=message.body,
        idempotency_key=message.idempotency_key,
    )


def _send_one(message: Message, *, worker_id: str, lease_seconds: int) -> bool:
    """Send one claimed message. Returns False when the lease was lost first."""
    # Count the attempt and renew the lease before calling out. If the lease ran
    # out and another worker took the row, we leave it to that worker.
    started = _mine(message, worker_id).update(
        attempts=F("attempts") + 1,
        lease_expires_at=clock.now() + timedelta(seconds=lease_seconds),
    )
    if not started:
        logger.info("message %s kind=%s status=skipped reason=lease-lost", message.pk, message.kind)
        return False
    attempts = message.attempts + 1
    try:
        provider_id = _deliver(message)
    except Exception as exc:
        error = str(exc) if isinstance(exc, GatewayError) else f"Uventet fejl: {type(exc).__name__}"
        if attempts >= message.max_attempts:
            status, update = MessageStatus.FAILED, {}
        else:
            status = MessageStatus.PENDING
            update = {"next_attempt_at": clock.now() + retry_delay(attempts=attempts)}
        _mine(message, worker_id).update(
            status=status, lease_expires_at=None, leased_by="", last_error=error[:1000], **update
        )
        # The error's type only: an exception's text may hold the recipient. An
        # unexpected error's traceback is logged only in development (DEBUG).
        unexpected = not isinstance(exc, GatewayError)
        logger.log(
            logging.ERROR if unexpected else logging.WARNING,
            "message %s kind=%s channel=%s status=%s attempts=%s error=%s",
            message.pk,
            message.kind,
            message.channel,
            status,
            attempts,
            type(exc).__name__,
            exc_info=unexpected and settings.DEBUG,
        )
        return True
    # The provider has it. Record that even if our lease ran out meanwhile: it is
    # true, and another worker's resend carries the same key.
    Message.objects.filter(pk=message.pk).exclude(status=MessageStatus.SENT).update(
        status=MessageStatus.SENT,
        sent_at=clock.now(),
        provider_message_id=provider_id[:200],
        lease_expires_at=None,
        leased_by="",
        last_error="",
    )
    logger.info(
        "message %s kind=%s channel=%s status=sent attempts=%s",
        message.pk,
        message.kind,
        message.channel,
        attempts,
    )
    return True


def _release(messages: list[Message], *, worker_id: str) -> None:
    """Hand claimed but unsent rows back at once (a graceful stop)."""
    pks = [m.pk for m in messages]
    if pks:
        Message.objects.filter(
            pk__in=pks, status=MessageStatus.SENDING, leased_by=worker_id
        ).update(status=MessageStatus.PENDING, lease_expires_at=None, leased_by="")


def messages_send_due(
    *,
    worker_id: str,
    batch_size: int = 20,
    lease_seconds: int = 60,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Claim due messages, send each, record the outcome; return how many were handled.

    The claim is one short transaction (FOR UPDATE SKIP LOCKED, so several workers
    share the work); sending happens outside any transaction, each message under
    a lease renewed just before its provider call, with its idempotency key. A
    provider error schedules a retry with backoff, or marks the row FAILED after
    `max_attempts`. A worker that dies mid-send loses nothing: its rows are claimed
    again when the lease runs out. Keep `lease_seconds` above the gateway's
    time-out. `should_stop` is asked between messages (SIGTERM in the command):
    the rows not yet sent are handed back.
    """
    claimed, handled = _claim(
        worker_id=worker_id, batch_size=batch_size, lease_seconds=lease_seconds
    )
    for index, message in enumerate(claimed):
        if should_stop is not None and should_stop():
            _release(claimed[index:], worker_id=worker_id)
            break
        if _send_one(message, worker_id=worker_id, lease_seconds=lease_seconds):
            handled += 1
    return handled


@transaction.atomic
def message_retry(*, message_id: int, by, request=None) -> Message:
    """Staff's "send igen": a FAILED (or waiting PENDING) message becomes PENDING,
    due now, with a fresh round of attempts. Audited."""
    message = Message.objects.select_for_update().get(pk=message_id)
    if message.status not in (MessageStatus.FAILED, MessageStatus.PENDING):
        raise MessageNotRetryable
    previous = message.status
    message.status = MessageStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = clock.now()
    message.lease_expires_at = None
    message.leased_by = ""
    message.save(
        update_fields=["status", "attempts", "next_attempt_at", "lease_expires_at", "leased_by"]
    )
    audit_record(
        actor=by,
        action="message.retry",
        target=message,
        extra={"kind": message.kind, "previous_status": str(previous)},
        request=request,
    )
    return message


def messages_delete_old(*, older_than_days: int) -> int:
    """Delete finished messages (sent, cancelled, failed) older than `older_than_days`
    (by creation and, for sent ones, by sending). Returns how many were deleted."""
    if older_than_days < 0:
        raise ValueError("older_than_days must not be negative")
    cutoff = clock.now() - timedelta(days=older_than_days)
    rows = Message.objects.filter(status__in=FINISHED_STATUSES, created_at__lt=cutoff).filter(
        Q(sent_at__isnull=True) | Q(sent_at__lt=cutoff)
    )
    deleted, _by_model = rows.delete()
    return deleted
