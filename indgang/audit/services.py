"""The one helper that records an audit event."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from indgang.core import clock
from indgang.core.http import client_ip_get

from .models import AuditEvent


def _client_ip(request) -> str | None:
    return client_ip_get(request) if request is not None else None


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    extra: dict[str, Any] | None = None,
    request=None,
) -> AuditEvent:
    """Record that `actor` did `action` to `target`.

    `action` is a dotted verb such as "cpr.read" or "auth.login". Never put
    personal data (a CPR number, a message text) in `extra`: say what was done,
    not what was seen.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        at=clock.now(),
        actor=user,
        actor_username=user.get_username() if user else "",
        action=action,
        extra=extra or {},
        ip_address=_client_ip(request),
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:200]
    event.save()
    return event
