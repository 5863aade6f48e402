"""`python manage.py send_messages`: the worker that sends the message ledger.

Several may run at once (on one or more machines): each claims its own rows
with FOR UPDATE SKIP LOCKED. SIGTERM or Ctrl-C lets the message being sent finish,
hands the rest of the batch back and stops.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from indgang.notifications.services import messages_send_due

logger = logging.getLogger("indgang.notifications")


class Command(BaseCommand):
    help = "Send due SMS and e-mail from the message ledger (polls until stopped)."
    # A worker serves no pages: skip the system checks (they import every URLconf),
    # so it starts fast after a crash and does not depend on the web layer.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="Seconds between polls when nothing is due (default 2).",
        )
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument(
            "--worker-id",
            default=f"{socket.gethostname()}-{os.getpid()}",
            help="Name written on claimed rows (default hostname-pid).",
        )
        parser.add_argument(
            "--batch-size", type=int, default=20, help="Rows claimed per pass (default 20)."
        )
        parser.add_argument(
            "--lease-seconds",
            type=int,
            default=None,
            help="How long a claim holds (default MESSAGE_LEASE_SECONDS).",
        )

    def handle(self, *args, **options):
        stop = threading.Event()
        worker_id = options["worker_id"]
        lease = options["lease_seconds"] or settings.MESSAGE_LEASE_SECONDS

        def request_stop(signum, frame):
            stop.set()  # only this: the handler may run in the middle of anything

        previous = {
            sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        logger.info("worker %s started (lease %ss)", worker_id, lease)
        total = 0
        try:
            while not stop.is_set():
                try:
                    handled = messages_send_due(
                        worker_id=worker_id,
                        batch_size=options["batch_size"],
                        lease_seconds=lease,
                        should_stop=stop.is_set,
                    )
                except DatabaseError as exc:
                    # The database restarted or failed over: reconnect on the next pass.
                    logger.warning("worker %s database error: %s", worker_id, type(exc).__name__)
                    connection.close()
                    handled = 0
                    if options["once"]:
                        raise
                total += handled
                if handled >= options["batch_size"]:
                    continue  # more may be due: no pause
                if options["once"]:
                    break
                _pause(options["interval"], stop)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        reason = "on a stop signal" if stop.is_set() else "after one pass"
        logger.info("worker %s stopped %s; %s messages handled", worker_id, reason, total)
        if options["once"]:
            self.stdout.write(f"{total} beskeder behandlet.")


def _pause(seconds: float, stop: threading.Event) -> None:
    """Sleep `seconds`, waking early when `stop` is set."""
    deadline = time.monotonic() + seconds
    while not stop.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.1))
