"""Daily job: a review task for every published article whose review date has passed."""

from django.core.management.base import BaseCommand

from indgang.knowledge.services import review_tasks_create


class Command(BaseCommand):
    help = "Opret gennemsynsopgaver for udgivne artikler, hvis gennemsynsdato er passeret."

    def handle(self, *args, **options):
        created = review_tasks_create()
        self.stdout.write(f"{created} gennemsynsopgave(r) oprettet.")
