"""`python manage.py forget_contact_staff`: clear who registered contacts
older than CONTACT_STAFF_RETENTION_DAYS (run daily, e.g. from cron beside
`anonymise_old_bookings`). The contacts stay: they are statistics."""

from django.conf import settings
from django.core.management.base import BaseCommand

from indgang.contacts.services import contacts_staff_forget


class Command(BaseCommand):
    help = (
        "Clear the member of staff on contacts registered more than "
        "CONTACT_STAFF_RETENTION_DAYS ago; the contacts themselves stay for statistics."
    )

    def handle(self, *args, **options):
        count = contacts_staff_forget()
        days = settings.CONTACT_STAFF_RETENTION_DAYS
        self.stdout.write(
            f"Fjernede medarbejderen fra {count} henvendelser, "
            f"registreret for over {days} dage siden."
        )
