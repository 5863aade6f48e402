"""`python manage.py anonymise_old_callbacks`: clear the citizen's name and phone
from callback tasks closed more than CALLBACK_RETENTION_DAYS ago (run daily,
e.g. from cron beside `anonymise_old_bookings`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indgang.contactcentre.services import callbacks_anonymise_old


class Command(BaseCommand):
    help = (
        "Clear name and phone of callback tasks closed more than the retention period ago; "
        "question, times and status stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep personal data this many days after the task was closed "
            "(default CALLBACK_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else settings.CALLBACK_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = callbacks_anonymise_old(older_than_days=days)
        self.stdout.write(
            f"Anonymiserede {count} tilbagekald, der blev afsluttet for over {days} dage siden."
        )
