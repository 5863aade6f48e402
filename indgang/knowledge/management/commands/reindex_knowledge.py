"""`python manage.py reindex_knowledge`: rebuild the knowledge base's search
index (and its vocabulary of known words) from the articles, e.g. after a
restore or an upgrade of the Danish stemmer. Articles are kept in the index as
they are saved; this is for repairs."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from indgang.knowledge.models import Article
from indgang.knowledge.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of the knowledge base from all articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )

    def handle(self, *args, **options):
        total = Article.objects.count()
        show = not options["no_progress"] and total >= 100 and sys.stderr.isatty()
        with tqdm(total=total, disable=not show, unit="artikel", file=sys.stderr) as bar:
            count = reindex_all(progress=bar.update)
        self.stdout.write(f"Indekserede {count} artikler.")
