"""`python manage.py delete_old_messages`: the ledger's retention (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from indgang.notifications.services import messages_delete_old


class Command(BaseCommand):
    help = "Delete sent, cancelled and failed messages older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default MESSAGE_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else settings.MESSAGE_RETENTION_DAYS
        deleted = messages_delete_old(older_than_days=days)
        self.stdout.write(f"Slettede {deleted} beskeder ældre end {days} dage.")
