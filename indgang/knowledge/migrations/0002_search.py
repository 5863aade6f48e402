"""Search tables for the knowledge base (see indgang/knowledge/search.py).

PostgreSQL: `knowledge_search` holds one weighted tsvector per article (danish
configuration; A title, B summary, C body, D service names) with a GIN index,
and `knowledge_search_term` the vocabulary of lexemes with a pg_trgm GiST index
for misspellings (GiST: the nearest terms by `<->` straight from the index). SQLite: an FTS5 table of Danish-stemmed text
(`knowledge_fts`, rowid = article id) and an fts5vocab table over it.

No foreign key to knowledge_article on purpose: Django's flush (transactional
tests) truncates only its own tables and would refuse a table referenced by
one it does not know. Search joins knowledge_article, so a row left behind by a
deleted article is never found, and `reindex_all` removes it.
"""

from django.db import migrations

PG_CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE knowledge_search (
    article_id bigint PRIMARY KEY,
    document tsvector NOT NULL
);
CREATE INDEX knowledge_search_document_idx ON knowledge_search USING gin (document);
CREATE TABLE knowledge_search_term (
    term text PRIMARY KEY
);
CREATE INDEX knowledge_search_term_trgm_idx
    ON knowledge_search_term USING gist (term gist_trgm_ops);
"""
PG_DROP = """
DROP TABLE IF EXISTS knowledge_search_term;
DROP TABLE IF EXISTS knowledge_search;
"""

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE knowledge_fts USING fts5("
    "title, summary, body, services, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE knowledge_fts_vocab USING fts5vocab(knowledge_fts, row)",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS knowledge_fts_vocab", "DROP TABLE IF EXISTS knowledge_fts"]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        for sql in SQLITE_CREATE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
