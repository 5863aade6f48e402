"""Every read of the message ledger a page needs."""

from __future__ import annotations

from collections.abc import Iterable

from .models import OPEN_STATUSES, Message, MessageChannel


def messages_for_staff(*, statuses: Iterable[str] = OPEN_STATUSES):
    """Messages in `statuses` for the staff page, newest first, without the text."""
    return (
        Message.objects.filter(status__in=list(statuses))
        .defer("body")
        .order_by("-created_at", "-pk")
    )


def recipient_mask(*, channel: str, recipient: str) -> str:
    """Enough of a recipient to recognise, not to contact.

    "+4512345678" → "+45 12 •• •• 78"; "+46701234567" → "+46 70 •• •• •67";
    "mette.hansen@example.dk" → "m•••@example.dk".
    """
    if channel == MessageChannel.EMAIL:
        local, at, domain = recipient.rpartition("@")
        if not at:
            return "•••"
        return f"{local[:1]}•••@{domain}"
    return _phone_mask(recipient)


def _phone_mask(e164: str) -> str:
    if e164.startswith("+45") and len(e164) == 11:
        digits = e164[3:]
        return f"+45 {digits[:2]} •• •• {digits[-2:]}"
    if not e164.startswith("+") or len(e164) < 8:
        return "•••"
    # Other countries: country code unknown in length; show the first 3 and last 2.
    head, tail = e164[:3], e164[-2:]
    return f"{head} {e164[3:5]} •• •• •{tail}"
