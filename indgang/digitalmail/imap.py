"""Intake from a mailbox over IMAP (stdlib `imaplib` and `email`).

`mailbox_fetch()` logs in, selects the folder, and for every unseen message
fetches it without marking it (BODY.PEEK), parses it (`mail_parse`), stores it
with `services.mail_receive` (idempotent on Message-ID) and then marks it
seen. A message that cannot be parsed or stored stays unseen, so the next run
tries again; the run goes on with the next one.

A message is secure (Digital Post) when it carries the header named by
MAIL_IMAP_SECURE_HEADER (default "X-Digital-Post") with a value other than
"0", "no" or "false"; otherwise it is plain e-mail.

The text is text/plain when there is one, else the HTML part with the tags
stripped; attachments are ignored. Nothing of a mail's content is logged.
"""

from __future__ import annotations

import hashlib
import imaplib
import logging
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from html.parser import HTMLParser

from django.conf import settings
from django.db import DatabaseError

from indgang.contacts.models import MailKind
from indgang.core import clock
from indgang.core.errors import DomainError

from .models import MailSource
from .services import mail_receive

logger = logging.getLogger(__name__)

DEFAULT_PORT = 993
DEFAULT_FOLDER = "INBOX"
DEFAULT_SECURE_HEADER = "X-Digital-Post"
BODY_MAX_LENGTH = 100_000
_FALSE = {"", "0", "no", "nej", "false"}


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    kind: str
    sender_name: str
    sender_address: str
    subject: str
    body: str
    received_at: datetime


@dataclass
class FetchResult:
    seen: int = 0  # unseen messages found
    created: int = 0
    existing: int = 0
    failed: int = 0


# Parsing ---------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """The readable text of an HTML mail: tags dropped, block ends as line breaks,
    script and style left out, entities decoded."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
              "ol", "blockquote", "hr"}  # fmt: skip
    HIDDEN = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html or "")
    parser.close()
    return text_tidy("".join(parser.parts))


def text_tidy(text: str) -> str:
    """Spaces collapsed within lines, at most one empty line in a row."""
    lines = [" ".join(line.split()) for line in (text or "").replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _is_secure(message: EmailMessage, header: str) -> bool:
    if not header:
        return False
    value = message.get(header)
    return value is not None and str(value).strip().lower() not in _FALSE


def _header_text(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a malformed header: the raw value
        value = message.get_all(name, [""])[0] if hasattr(message, "get_all") else ""
    return " ".join(str(value or "").split())


def _sender(message: EmailMessage) -> tuple[str, str]:
    try:
        header = message.get("from")
        addresses = getattr(header, "addresses", ())
        if addresses:
            return addresses[0].display_name or "", addresses[0].addr_spec or ""
    except Exception:  # noqa: S110 - fall back to the lenient parser below
        pass
    name, address = parseaddr(_header_text(message, "from"))
    return name, address


def _received_at(message: EmailMessage) -> datetime:
    raw = _header_text(message, "date")
    try:
        at = parsedate_to_datetime(raw) if raw else None
    except (TypeError, ValueError, IndexError):
        at = None
    if at is None:
        return clock.now()
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    if not isinstance(content, str):
        return ""
    text = html_to_text(content) if part.get_content_type() == "text/html" else text_tidy(content)
    return text[:BODY_MAX_LENGTH]


def mail_parse(raw: bytes, *, secure_header: str = DEFAULT_SECURE_HEADER) -> ParsedMail:
    """One RFC 5322 message as the fields of a Mail. A message without a
    Message-ID gets one from the hash of its bytes, so fetching it again finds it."""
    message = message_from_bytes(raw, policy=policy.default)
    message_id = _header_text(message, "message-id")[:255]
    if not message_id:
        message_id = "sha256:" + hashlib.sha256(raw).hexdigest()
    sender_name, sender_address = _sender(message)
    return ParsedMail(
        message_id=message_id,
        kind=MailKind.SECURE if _is_secure(message, secure_header) else MailKind.PLAIN,
        sender_name=sender_name,
        sender_address=sender_address,
        subject=_header_text(message, "subject"),
        body=_body(message),
        received_at=_received_at(message),
    )


# The mailbox -------------------------------------------------------------------------


class MailboxError(Exception):
    """The mailbox cannot be reached or read (the message says why, no secrets)."""


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int = DEFAULT_PORT
    user: str = ""
    password: str = ""
    folder: str = DEFAULT_FOLDER
    secure_header: str = DEFAULT_SECURE_HEADER
    ssl: bool = True

    @classmethod
    def from_settings(cls) -> MailboxSettings:
        return cls(
            host=getattr(settings, "MAIL_IMAP_HOST", ""),
            port=int(getattr(settings, "MAIL_IMAP_PORT", DEFAULT_PORT)),
            user=getattr(settings, "MAIL_IMAP_USER", ""),
            password=getattr(settings, "MAIL_IMAP_PASSWORD", ""),
            folder=getattr(settings, "MAIL_IMAP_FOLDER", DEFAULT_FOLDER) or DEFAULT_FOLDER,
            secure_header=getattr(settings, "MAIL_IMAP_SECURE_HEADER", DEFAULT_SECURE_HEADER),
            ssl=bool(getattr(settings, "MAIL_IMAP_SSL", True)),
        )


def connect(config: MailboxSettings) -> imaplib.IMAP4:
    """An IMAP connection: implicit TLS (IMAP4_SSL), or STARTTLS when ssl is off.
    Never a clear-text login."""
    context = ssl.create_default_context()
    if config.ssl:
        return imaplib.IMAP4_SSL(config.host, config.port, ssl_context=context)
    connection = imaplib.IMAP4(config.host, config.port)
    connection.starttls(ssl_context=context)
    return connection


def _ok(typ, what: str) -> None:
    if typ != "OK":
        raise MailboxError(f"IMAP {what} failed ({typ})")


def _raw_message(data) -> bytes | None:
    for item in data or ():
        if isinstance(item, tuple) and len(item) >= 2 and isinstance(item[1], bytes | bytearray):
            return bytes(item[1])
    return None


def mailbox_fetch(
    *,
    config: MailboxSettings,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> FetchResult:
    """Fetch every unseen message of the folder into the inbox; see the module."""
    if not config.host:
        raise MailboxError("MAIL_IMAP_HOST is not set")
    result = FetchResult()
    try:
        imap = connect(config)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"cannot connect to {config.host}:{config.port}: {exc}") from exc
    try:
        try:
            _ok(imap.login(config.user, config.password)[0], "LOGIN")
        except imaplib.IMAP4.error as exc:
            raise MailboxError(f"login as {config.user!r} refused") from exc
        _ok(imap.select(config.folder)[0], f"SELECT {config.folder}")
        typ, data = imap.uid("SEARCH", None, "UNSEEN")
        _ok(typ, "SEARCH")
        uids = (data[0] or b"").split() if data else []
        result.seen = len(uids)
        if total:
            total(len(uids))
        for uid in uids:
            _fetch_one(imap, uid, config=config, result=result)
            if progress:
                progress(1)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"IMAP error: {exc}") from exc
    finally:
        try:
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            logger.warning("IMAP logout failed")
    logger.info(
        "fetch_mail: %d unseen, %d new, %d already stored, %d failed",
        result.seen,
        result.created,
        result.existing,
        result.failed,
    )
    return result


def _fetch_one(imap, uid: bytes, *, config: MailboxSettings, result: FetchResult) -> None:
    uid_text = uid.decode("ascii", errors="replace")
    typ, data = imap.uid("FETCH", uid, "(BODY.PEEK[])")
    raw = _raw_message(data) if typ == "OK" else None
    if raw is None:
        logger.warning("fetch_mail: message uid %s could not be fetched", uid_text)
        result.failed += 1
        return
    try:
        parsed = mail_parse(raw, secure_header=config.secure_header)
        _mail, created = mail_receive(
            message_id=parsed.message_id,
            kind=parsed.kind,
            source=MailSource.MAILBOX,
            sender_name=parsed.sender_name,
            sender_address=parsed.sender_address,
            subject=parsed.subject,
            body=parsed.body,
            received_at=parsed.received_at,
        )
    except (DomainError, DatabaseError, ValueError, LookupError) as exc:
        # The type only: the message or its text never goes to the log.
        logger.warning("fetch_mail: message uid %s not stored (%s)", uid_text, type(exc).__name__)
        result.failed += 1
        return
    if created:
        result.created += 1
    else:
        result.existing += 1
    typ, _data = imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    if typ != "OK":
        logger.warning("fetch_mail: message uid %s stored but not marked seen", uid_text)
