"""The one source of the current time.

Code calls `clock.now()` / `clock.today()`, never `timezone.now()`, so tests can
write `with clock.frozen(at=...):` and everything agrees on the time.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date, datetime

from django.utils import timezone

_frozen = threading.local()
_global_frozen: list[datetime] = []


def now() -> datetime:
    """The current aware datetime (UTC-based, like `timezone.now()`)."""
    at = getattr(_frozen, "at", None) or (_global_frozen[-1] if _global_frozen else None)
    return at if at is not None else timezone.now()


def localnow() -> datetime:
    """The current time in the municipality's time zone."""
    return timezone.localtime(now())


def today() -> date:
    """Today's date in the municipality's time zone."""
    return localnow().date()


@contextlib.contextmanager
def frozen(*, at: datetime) -> Iterator[datetime]:
    """Freeze `now()` at `at` (an aware datetime) for every thread in the process.

    Freezing is process-wide so a live server thread in a browser test sees the
    same time as the test itself.
    """
    if timezone.is_naive(at):
        raise ValueError("clock.frozen needs an aware datetime")
    _global_frozen.append(at)
    try:
        yield at
    finally:
        _global_frozen.pop()
