"""`python manage.py delete_old_simulations`: delete what-if runs created more
than PLANNING_SIMULATION_RETENTION_DAYS (default 90) ago (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indgang.planning.services import DEFAULT_RETENTION_DAYS, simulation_runs_delete_old


class Command(BaseCommand):
    help = (
        "Delete what-if simulation runs (scenario, result, who ran it) "
        "older than the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep runs this many days (default PLANNING_SIMULATION_RETENTION_DAYS, 90).",
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is None:
            days = getattr(settings, "PLANNING_SIMULATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = simulation_runs_delete_old(older_than_days=days)
        self.stdout.write(
            f"Slettede {count} simuleringer, der blev oprettet for over {days} dage siden."
        )
