"""`python manage.py anonymise_old_plans`: delete the citizen's name, phone,
e-mail, CPR number and the notes of guidance plans closed more than
GUIDANCE_PLAN_RETENTION_DAYS ago (run daily, e.g. from cron beside
`anonymise_old_bookings`)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indgang.guidance.services import plans_anonymise_old


class Command(BaseCommand):
    help = (
        "Delete the citizen's personal data from guidance plans closed more than the "
        "retention period ago; the situation, actions and meetings stay for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep personal data this many days after the plan closed "
            "(default GUIDANCE_PLAN_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = (
            options["days"]
            if options["days"] is not None
            else settings.GUIDANCE_PLAN_RETENTION_DAYS
        )
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = plans_anonymise_old(older_than_days=days)
        self.stdout.write(
            f"Anonymiserede {count} vejledningsplaner, der blev lukket for over {days} dage siden."
        )
