"""`python manage.py anonymise_old_mail`: clear sender, subject and text of
digital mail handled more than MAIL_RETENTION_DAYS ago (run daily, e.g. from
cron beside `anonymise_old_callbacks`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indgang.digitalmail.services import mails_anonymise_old


class Command(BaseCommand):
    help = (
        "Clear sender, subject and text of digital mail handled more than the retention "
        "period ago; kind, subject area, department, times and status stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep personal data this many days after the mail was handled "
            "(default MAIL_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"] if options["days"] is not None else settings.MAIL_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = mails_anonymise_old(days=days)
        self.stdout.write(
            f"Anonymiserede {count} mails, der blev behandlet for over {days} dage siden."
        )
