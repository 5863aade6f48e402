from django.core.management.base import BaseCommand

from indgang.frontdesk.survey import survey_invitations_delete_old


class Command(BaseCommand):
    help = "Slet invitationer til tilfredshedsundersøgelsen, hvis link er udløbet (kør dagligt)."

    def handle(self, *args, **options):
        deleted = survey_invitations_delete_old()
        self.stdout.write(f"Slettede {deleted} invitationer.")
