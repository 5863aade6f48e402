"""The gateways: the only code in Indgang that sends anything out of the house.

SMS goes through a backend chosen by `settings.SMS_BACKEND`:

- ``console``: prints the message to stdout (the development default);
- ``file``: appends one JSON line per message to `settings.SMS_FILE_PATH`, so
  developers and tests can read what was "sent";
- ``http``: a generic HTTP gateway: ``POST {to, body, idempotency_key}`` as JSON
  to `settings.SMS_GATEWAY_URL` with ``Authorization: Bearer …`` and an
  ``Idempotency-Key`` header;
- or the dotted path of a class with a `send_sms` method (tests' fake providers).

E-mail goes through Django's e-mail framework (`settings.EMAIL_BACKEND`), with
the idempotency key in an ``X-Idempotency-Key`` header and a ``Message-ID``
derived from it, so a relay can drop a repeated send.

Every backend raises `GatewayError` when the provider did not accept the
message; its text goes into the ledger's `last_error` and must not hold the
recipient or the message text.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from email.utils import parseaddr
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from indgang.core import clock


class GatewayError(Exception):
    """The provider did not accept the message. The text is safe to store and show:
    no recipient, no message text."""


class SmsBackend(Protocol):
    def send_sms(self, *, to: str, body: str, idempotency_key: str) -> str:
        """Hand one SMS to the provider; return the provider's id for it.
        Raise `GatewayError` when it was not accepted."""
        ...


class ConsoleSmsBackend:
    """Prints each SMS to stdout. Development only: the text is personal data."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send_sms(self, *, to: str, body: str, idempotency_key: str) -> str:
        provider_id = f"console-{uuid.uuid4().hex}"
        sender = settings.SMS_SENDER_NAME
        self.stream.write(
            f"--- SMS fra {sender} til {to} (nøgle {idempotency_key}) ---\n{body}\n---\n"
        )
        self.stream.flush()
        return provider_id


class FileSmsBackend:
    """Appends each SMS as one JSON line to `settings.SMS_FILE_PATH` (default
    var/sms.jsonl): {"at", "to", "sender", "body", "idempotency_key", "id"}.

    Several workers may append at once: each line is written under an exclusive
    lock in one write."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path or settings.SMS_FILE_PATH)

    def send_sms(self, *, to: str, body: str, idempotency_key: str) -> str:
        provider_id = f"file-{uuid.uuid4().hex}"
        line = {
            "at": clock.now().isoformat(),
            "to": to,
            "sender": settings.SMS_SENDER_NAME,
            "body": body,
            "idempotency_key": idempotency_key,
            "id": provider_id,
        }
        try:
            append_json_line(self.path, line)
        except OSError as exc:
            raise GatewayError(f"SMS-filen kunne ikke skrives: {type(exc).__name__}") from exc
        return provider_id


def append_json_line(path: Path, data: dict) -> None:
    """Append `data` as one line to `path`, under an exclusive lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, payload)
    finally:
        os.close(fd)  # closing releases the lock


def read_sent_sms(path: str | os.PathLike | None = None) -> list[dict]:
    """What the file backend has "sent", oldest first (for developers and tests)."""
    file = Path(path or settings.SMS_FILE_PATH)
    if not file.exists():
        return []
    with file.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class HttpSmsBackend:
    """A generic HTTP SMS gateway.

    ``POST settings.SMS_GATEWAY_URL`` with JSON ``{"to", "body",
    "idempotency_key"}`` (plus ``"sender"`` when SMS_SENDER_NAME is set),
    ``Authorization: Bearer settings.SMS_GATEWAY_TOKEN`` and
    ``Idempotency-Key``. Any 2xx answer is success; the provider's id is read
    from a JSON answer's ``id`` or ``message_id`` when there is one. Anything
    else, a time-out or a refused connection is a `GatewayError`.
    """

    def __init__(self, *, url: str | None = None, token: str | None = None, timeout=None):
        self.url = url if url is not None else settings.SMS_GATEWAY_URL
        self.token = token if token is not None else settings.SMS_GATEWAY_TOKEN
        self.timeout = timeout if timeout is not None else settings.SMS_GATEWAY_TIMEOUT

    def send_sms(self, *, to: str, body: str, idempotency_key: str) -> str:
        if not self.url.startswith(("https://", "http://")):
            raise GatewayError("SMS_GATEWAY_URL er ikke sat til en http(s)-adresse")
        payload = {"to": to, "body": body, "idempotency_key": idempotency_key}
        if settings.SMS_SENDER_NAME:
            payload["sender"] = settings.SMS_SENDER_NAME
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            self.url,
            data=json.dumps(payload).encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": idempotency_key,
                "User-Agent": "Indgang",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
                raw = response.read(64 * 1024)
        except urllib.error.HTTPError as exc:
            # The answer's body may echo the number or text: keep only the status.
            raise GatewayError(f"SMS-gatewayen svarede HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GatewayError(f"SMS-gatewayen kunne ikke nås: {type(reason).__name__}") from exc
        if not 200 <= status < 300:  # urllib raises for 4xx/5xx; 1xx/3xx end here
            raise GatewayError(f"SMS-gatewayen svarede HTTP {status}")
        return _provider_id_from(raw)


def _provider_id_from(raw: bytes) -> str:
    try:
        data = json.loads(raw.decode("utf-8")) if raw else {}
    except (UnicodeDecodeError, ValueError):
        return ""
    if isinstance(data, dict):
        for field in ("id", "message_id", "messageId"):
            if data.get(field) not in (None, ""):
                return str(data[field])[:200]
    return ""


_SMS_BACKENDS = {"console": ConsoleSmsBackend, "file": FileSmsBackend, "http": HttpSmsBackend}


def sms_backend_get() -> SmsBackend:
    """The SMS backend `settings.SMS_BACKEND` names (read on every call, so tests
    can switch it with the `settings` fixture)."""
    name = settings.SMS_BACKEND
    backend_class = _SMS_BACKENDS.get(name) or import_string(name)
    return backend_class()


def sms_send(*, to: str, body: str, idempotency_key: str) -> str:
    """Send one SMS through the configured backend; return the provider's id."""
    return sms_backend_get().send_sms(to=to, body=body, idempotency_key=idempotency_key)


def email_message_id(idempotency_key: str) -> str:
    """A Message-ID that is the same every time the same message is sent, so a
    relay that de-duplicates on Message-ID drops a retried send."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:40]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<indgang.{digest}@{domain}>"


def email_send(*, to: str, subject: str, body: str, idempotency_key: str) -> str:
    """Send one e-mail through Django's e-mail framework; return its Message-ID."""
    message_id = email_message_id(idempotency_key)
    email = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id, "X-Idempotency-Key": idempotency_key},
    )
    try:
        sent = email.send(fail_silently=False)
    except Exception as exc:
        # SMTP errors carry the address refused; keep only the kind of error.
        code = getattr(exc, "smtp_code", None)
        detail = f" ({code})" if code else ""
        raise GatewayError(f"E-mailen blev ikke afleveret: {type(exc).__name__}{detail}") from exc
    if not sent:
        raise GatewayError("E-mailen blev ikke afleveret")
    return message_id
