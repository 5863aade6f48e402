"""`python manage.py fetch_mail`: fetch unseen mail from the municipality's
mailbox over IMAP into the digital mail inbox (run every few minutes, e.g. from
cron). Safe to run again: a mail already stored is not stored twice.

Settings (environment, see docs/digitalmail.md): MAIL_IMAP_HOST, MAIL_IMAP_PORT
(993), MAIL_IMAP_SSL (on; off: STARTTLS), MAIL_IMAP_USER, MAIL_IMAP_PASSWORD,
MAIL_IMAP_FOLDER (INBOX), MAIL_IMAP_SECURE_HEADER (X-Digital-Post)."""

from __future__ import annotations

import dataclasses
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from indgang.digitalmail.imap import MailboxError, MailboxSettings, mailbox_fetch


class Command(BaseCommand):
    help = (
        "Fetch unseen mail from the IMAP mailbox into the digital mail inbox, triaged and "
        "with deadlines; each fetched mail is marked seen. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder", help="The IMAP folder to read (default MAIL_IMAP_FOLDER, INBOX)."
        )
        shown = parser.add_mutually_exclusive_group()
        shown.add_argument(
            "--progress",
            dest="progress",
            action="store_true",
            default=None,
            help="Show a progress bar (default: when standard error is a terminal).",
        )
        shown.add_argument(
            "--no-progress", dest="progress", action="store_false", help="Hide the progress bar."
        )

    def handle(self, *args, folder=None, progress=None, **options):
        config = MailboxSettings.from_settings()
        if not config.host:
            raise CommandError(
                _("MAIL_IMAP_HOST er ikke sat: der er ingen postkasse at hente fra.")
            )
        if folder:
            config = dataclasses.replace(config, folder=folder)
        show = progress if progress is not None else sys.stderr.isatty()
        bar = tqdm(unit=_(" mails"), file=sys.stderr, disable=not show, leave=True)

        def total(n: int) -> None:
            bar.total = n
            bar.refresh()

        try:
            result = mailbox_fetch(config=config, progress=bar.update, total=total)
        except MailboxError as exc:
            raise CommandError(
                _("Postkassen kunne ikke læses: %(error)s") % {"error": exc}
            ) from exc
        finally:
            bar.close()
        self.stdout.write(
            _(
                "%(seen)d ulæste mails: %(created)d nye, %(existing)d fandtes allerede, "
                "%(failed)d kunne ikke læses."
            )
            % dataclasses.asdict(result)
        )
        if result.failed:
            self.stderr.write(
                _("De mails, der ikke kunne læses, er stadig ulæste og prøves igen næste gang.")
            )
