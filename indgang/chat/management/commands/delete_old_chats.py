"""`python manage.py delete_old_chats`: delete chat transcripts (question and
messages) of conversations that ended more than CHAT_TRANSCRIPT_RETENTION_DAYS
ago (run daily, e.g. from cron beside `anonymise_old_callbacks`). The contact
recorded when the chat was closed stays in the registry."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from indgang.chat.services import chats_delete_old


class Command(BaseCommand):
    help = (
        "Delete chat conversations with their messages once they are older than the "
        "retention period; the contacts they were recorded as stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep transcripts this many days after the chat ended "
            "(default CHAT_TRANSCRIPT_RETENTION_DAYS).",
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is None:
            days = settings.CHAT_TRANSCRIPT_RETENTION_DAYS
        if days < 0:
            raise CommandError("--days must be 0 or more")
        count = chats_delete_old(days=days)
        self.stdout.write(
            f"Slettede {count} chatsamtaler, der sluttede for over {days} dage siden."
        )
