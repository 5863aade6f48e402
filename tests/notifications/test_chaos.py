"""Workers killed with SIGKILL at random moments lose nothing and deliver nothing twice.

Real PostgreSQL, three `manage.py send_messages` processes with a 2-second lease,
a fake provider that honours idempotency keys (tests/notifications/fakes.py).
The test kills a random worker every few tenths of a second and starts a new one,
until all 300 messages are sent (or 90 s pass).
"""

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from indgang.notifications.models import Message, MessageStatus
from indgang.notifications.services import message_enqueue

from .fakes import calls, delivered

REPO = Path(__file__).resolve().parents[2]
MESSAGES = 300
WORKERS = 3
MAX_KILLS = 15
TIMEOUT = 90
SEED = 20261124


def database_url() -> str:
    """The URL of the database this test runs in (pytest's test database)."""
    s = connection.settings_dict
    credentials = quote(s["USER"] or "")
    if s["PASSWORD"]:
        credentials += ":" + quote(s["PASSWORD"])
    return f"postgres://{credentials}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killed_workers_lose_nothing_and_deliver_nothing_twice(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (FOR UPDATE SKIP LOCKED and several processes)")

    keys = [f"chaos:{n}:confirmed:sms" for n in range(MESSAGES)]
    for n, key in enumerate(keys):
        message_enqueue(
            kind="booking.confirmed",
            channel="sms",
            recipient=f"+4520{n:06d}",
            body=f"Din tid er bekræftet. Kode: C{n:05d}",
            idempotency_key=key,
            reference=f"booking:{n}",
        )

    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "SMS_BACKEND": "tests.notifications.fakes.IdempotentFakeProvider",
        "FAKE_SMS_DIR": str(tmp_path),
        "FAKE_SMS_MAX_DELAY": "0.03",
        "MESSAGE_LEASE_SECONDS": "2",
        "LOG_LEVEL": "INFO",
    }
    started = 0
    logs: list[Path] = []
    log_of: dict[int, Path] = {}

    def start() -> subprocess.Popen:
        nonlocal started
        started += 1
        logs.append(tmp_path / f"worker-{started}.log")
        output = logs[-1].open("w")
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "send_messages",
                "--interval",
                "0.05",
                "--batch-size",
                "5",
                "--worker-id",
                f"chaos-{started}",
            ],
            cwd=REPO,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        output.close()  # the worker has its own copy
        log_of[worker.pid] = logs[-1]
        return worker

    rng = random.Random(SEED)
    workers = [start() for _ in range(WORKERS)]
    kills = 0
    sent = 0
    deadline = time.monotonic() + TIMEOUT
    try:
        while time.monotonic() < deadline:
            sent = Message.objects.filter(status=MessageStatus.SENT).count()
            if sent == MESSAGES:
                break
            for worker in workers:
                if worker.poll() is not None:  # died without our help
                    pytest.fail(
                        f"a worker exited ({worker.returncode}):\n"
                        + log_of[worker.pid].read_text()[-3000:]
                    )
            time.sleep(rng.uniform(0.15, 0.5))
            if kills < MAX_KILLS and sent > 0:  # kill only once they are busy sending
                victim = rng.randrange(WORKERS)
                workers[victim].send_signal(signal.SIGKILL)
                workers[victim].wait(timeout=10)
                kills += 1
                workers[victim] = start()
        # A graceful stop: SIGTERM lets the current message finish, exit code 0.
        # (Wait until the last restarted ones have set up their signal handlers.)
        while time.monotonic() < deadline + 20 and not all(
            "started" in log_of[worker.pid].read_text() for worker in workers
        ):
            time.sleep(0.1)
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        exit_codes = [worker.wait(timeout=15) for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=10)

    rows = {m.idempotency_key: m for m in Message.objects.all()}
    accepted = delivered(tmp_path)
    accepted_per_key = Counter(entry["key"] for entry in accepted)
    calls_per_key = Counter(entry["key"] for entry in calls(tmp_path))
    repeated = {key: n for key, n in calls_per_key.items() if n > 1}
    print(  # shown with -s or on failure
        f"\nchaos: {kills} kills, {started} worker starts, {sum(calls_per_key.values())} "
        f"provider calls, {len(repeated)} keys called more than once (de-duplicated by the "
        f"provider), sent {sent}/{MESSAGES}"
    )

    assert kills >= 5, "the workers finished before the chaos began; raise the delay"
    assert exit_codes == [0] * WORKERS
    # 0 lost: every message was delivered, and the ledger says so.
    assert set(accepted_per_key) == set(keys)
    assert Counter(m.status for m in rows.values()) == {MessageStatus.SENT: MESSAGES}
    # 0 delivered twice: each key was delivered exactly once...
    assert max(accepted_per_key.values()) == 1
    # ...because each retry carried the message's own key (the provider dropped repeats).
    assert set(calls_per_key) == set(keys)
    # The ledger records the id of the one delivery of each message.
    ids = {entry["key"]: entry["id"] for entry in accepted}
    assert all(rows[key].provider_message_id == ids[key] for key in keys)
    assert all(entry["to"] == rows[entry["key"]].recipient for entry in accepted)
    # Worker logs say what happened to which message, never to whom or what.
    worker_logs = "".join(log.read_text() for log in logs)
    assert "status=sent" in worker_logs
    assert "+4520" not in worker_logs and "Din tid" not in worker_logs
    # A kill costs at most a few attempts, never the whole budget.
    assert max(m.attempts for m in rows.values()) <= rows[keys[0]].max_attempts
