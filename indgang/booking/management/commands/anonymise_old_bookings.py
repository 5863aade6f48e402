"""`python manage.py anonymise_old_bookings`: delete the citizen's name, phone
and e-mail from bookings, and from meetings booked in caseworkers' calendars,
that ended more than BOOKING_RETENTION_DAYS ago (run
daily, e.g. from cron beside `delete_old_messages`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indgang.booking.services import bookings_anonymise_old, staff_meetings_anonymise_old


class Command(BaseCommand):
    help = (
        "Delete name, phone and e-mail of bookings and caseworker meetings that ended more "
        "than the retention period ago; times, services, topics and channel stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep personal data this many days after the appointment "
            "(default BOOKING_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else settings.BOOKING_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = bookings_anonymise_old(older_than_days=days)
        meetings = staff_meetings_anonymise_old(older_than_days=days)
        self.stdout.write(
            f"Anonymiserede {count} bookinger, der sluttede for over {days} dage siden."
        )
        self.stdout.write(
            f"Anonymiserede {meetings} møder med sagsbehandlere, "
            f"der sluttede for over {days} dage siden."
        )
