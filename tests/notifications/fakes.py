"""A fake SMS provider for the chaos test: it runs inside the worker processes
and keeps its state in files, so the test can count what it was asked and what
it delivered.

Like a real provider that supports idempotency keys, it delivers each key once:
a second call with a key it already accepted returns the first call's id and
delivers nothing. A random delay before and after accepting gives SIGKILL room
to land mid-send, including after the provider accepted but before the worker
recorded it.

    FAKE_SMS_DIR        directory for calls.jsonl and delivered.jsonl
    FAKE_SMS_MAX_DELAY  seconds, upper bound of each random delay (default 0.03)
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import time
import uuid
from pathlib import Path

from indgang.notifications.gateways import append_json_line


class IdempotentFakeProvider:
    def __init__(self):
        self.dir = Path(os.environ["FAKE_SMS_DIR"])
        self.max_delay = float(os.environ.get("FAKE_SMS_MAX_DELAY", "0.03"))
        self.random = random.Random()

    def send_sms(self, *, to: str, body: str, idempotency_key: str) -> str:
        append_json_line(self.dir / "calls.jsonl", {"key": idempotency_key, "pid": os.getpid()})
        time.sleep(self.random.uniform(0, self.max_delay))
        provider_id = self._accept(idempotency_key, to)
        time.sleep(self.random.uniform(0, self.max_delay))
        return provider_id

    def _accept(self, key: str, to: str) -> str:
        """Deliver `key` unless it was delivered before; atomic across processes."""
        lock = os.open(self.dir / "delivered.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            for entry in delivered(self.dir):
                if entry["key"] == key:
                    return entry["id"]
            provider_id = f"fake-{uuid.uuid4().hex}"
            append_json_line(
                self.dir / "delivered.jsonl",
                {"key": key, "id": provider_id, "to": to, "pid": os.getpid()},
            )
            return provider_id
        finally:
            os.close(lock)


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def delivered(directory: Path) -> list[dict]:
    return _read(directory / "delivered.jsonl")


def calls(directory: Path) -> list[dict]:
    return _read(directory / "calls.jsonl")
