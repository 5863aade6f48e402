"""Danish search over the knowledge base: one function for the staff pages,
the public help pages and the API.

How a query is answered (both databases behave the same):

1. The query is split into words (lower case, letters and digits), Danish
   stop words dropped, and each word stemmed with the Danish Snowball stemmer
   ("passet" → "pas", "flytter" → "flyt").
2. Synonym groups (`SynonymGroup`): when a term or phrase of a group occurs in
   the query, the group's other terms are added as alternatives (OR), so
   "sygesikringskort" also finds "sundhedskort" and "det gule kort".
3. Misspellings: only a query word whose stem is not in the vocabulary of
   indexed terms is looked up; it gets the closest known terms (trigram
   similarity >= 0.3, the two best) as alternatives, so "sundhedskrot" finds
   "sundhedskort" and "pasport" "pas". Hits through a corrected word count
   half, so exact hits rank first.
4. Frequent words: in a knowledge base of at least FREQUENT_MIN_ARTICLES
   articles, a word in more than FREQUENT_SHARE of them ("kan", "få") ranks
   but does not make an article a candidate (a query of frequent words only:
   the least frequent matches).
5. Words and alternatives are OR-ed and ranked by field weight: title >
   summary > body > service names on PostgreSQL (`ts_rank` to pick the best
   RANK_CANDIDATES, then `ts_rank_cd` over a weighted tsvector, danish
   configuration), title 10, summary 5, body 1, services 2 on SQLite (FTS5
   `bm25`).
6. Only published articles of the requested audience are returned, each with
   a snippet: the passage around the first match in the summary or the body's
   text (Markdown reduced to text), matched words in <mark>, everything else
   escaped.

PostgreSQL keeps `knowledge_search` (tsvector + GIN) and
`knowledge_search_term` (vocabulary + pg_trgm GiST); SQLite an FTS5 table of
stemmed text and its fts5vocab table (migration 0002_search). Every article is
indexed whatever its status; status and audience are filtered at query time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from .models import Article, ArticleStatus, Audience, SynonymGroup

WORD_RE = re.compile(r"[^\W_]+")
# Snowball's Danish stop-word list (the same words PostgreSQL's danish configuration drops).
_STOP_WORDS = """og i jeg det at en den til er som på de med han af for ikke der var mig sig men et
    har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad
    skal selv her alle vil blev kunne ind når være dog noget ville jo deres efter ned skulle
    denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod disse
    hvis din nogle hos blive mange ad bliver hendes været thi jer sådan"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# A corrected word must share this much with a known term (pg_trgm's default threshold).
SIMILARITY_THRESHOLD = 0.3
MAX_CORRECTIONS = 2
MIN_CORRECTABLE_LENGTH = 3
# Frequent words: in a knowledge base of at least FREQUENT_MIN_ARTICLES indexed
# articles, a query word found in more than FREQUENT_SHARE of them ("kan",
# "få", "hjælp") only ranks: it does not make an article a candidate, or nearly
# every article would be one. A query of frequent words only lets the least
# frequent of them match.
FREQUENT_SHARE = 0.1
FREQUENT_MIN_ARTICLES = 1000
# PostgreSQL ranks the matching articles with the cheap ts_rank first and only
# this many of the best with ts_rank_cd (about four times the cost per article).
RANK_CANDIDATES = 100
# Weight of hits found only through a corrected (misspelt) word.
FUZZY_WEIGHT = 0.5
SNIPPET_WORDS = 30
SYNONYM_CACHE_KEY = "knowledge:search:synonyms"
SYNONYM_CACHE_SECONDS = 300
MAX_QUERY_WORDS = 20

# ts_rank_cd weights in the order {D, C, B, A}: services, body, summary, title.
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# bm25 weights per FTS5 column: title, summary, body, services.
SQLITE_BM25 = "bm25(knowledge_fts, 10.0, 5.0, 1.0, 2.0)"


@dataclass(frozen=True)
class Hit:
    article_id: int
    slug: str
    title: str
    summary: str
    audience: str
    service_slug: str | None
    snippet: str  # safe HTML: matched words in <mark>, everything else escaped
    score: float


# --- Text ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits) of a text."""
    return WORD_RE.findall(text.lower())


def stems(text: str) -> list[str]:
    """Stems of the words of a text that are not stop words."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


_MD_DROP_LINE = re.compile(
    r"^\s*(?:"
    r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?"  # table delimiter row: | --- | :-: |
    r"|(?:[-*_]\s*){3,}"  # thematic break: --- *** ___
    r"|[=-]+"  # setext heading underline
    r"|(?:`{3,}|~{3,}).*"  # code fence
    r"|\[[^\]]+\]:\s*\S+.*"  # link reference definition
    r")\s*$",
    re.MULTILINE,
)
_MD_LINE_START = re.compile(
    r"^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?",
    re.MULTILINE,
)
_MD_HEADING_END = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_MD_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_MD_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_MD_TAG = re.compile(r"<[^>]+>")
_MD_EMPHASIS = re.compile(r"[*`~]+|(?<!\w)_+|_+(?!\w)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_SPACES = re.compile(r"\s+")
_PRIVATE = 0xE000  # escaped ASCII characters are moved into Unicode's private use area
_HIDDEN = re.compile("[\ue000-\ue07f]")


def plain_text(markdown: str) -> str:
    """Readable text of a Markdown body: headings, lists, quotes, tables,
    emphasis, code and rules lose their markup; links and images become their
    text; HTML tags go."""
    text = (markdown or "").replace("\r\n", "\n")
    # Backslash-escaped characters are text, never markup: hidden until the end.
    text = _MD_ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    text = _MD_DROP_LINE.sub(" ", text)
    text = _MD_HEADING_END.sub("", text)
    text = _MD_LINE_START.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_TAG.sub(" ", text)
    text = _MD_EMPHASIS.sub("", text.replace("|", " "))
    text = _HIDDEN.sub(lambda m: chr(ord(m.group()) - _PRIVATE), text)
    return _SPACES.sub(" ", text).strip()


def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before, one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams."""
    ta, tb = trigrams(a), trigrams(b)
    union = len(ta | tb)
    return len(ta & tb) / union if union else 0.0


# --- Synonyms ----------------------------------------------------------------------------


def _synonym_groups() -> list[list[str]]:
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        groups = [g.term_list() for g in SynonymGroup.objects.all()]
        cache.set(SYNONYM_CACHE_KEY, groups, SYNONYM_CACHE_SECONDS)
    return groups


def synonyms_changed() -> None:
    """Forget the cached synonym groups (after a group is saved or deleted)."""
    cache.delete(SYNONYM_CACHE_KEY)


def _on_synonym_change(**kwargs) -> None:
    transaction.on_commit(synonyms_changed)
    synonyms_changed()


post_save.connect(_on_synonym_change, sender=SynonymGroup, dispatch_uid="knowledge_search_syn_s")
post_delete.connect(_on_synonym_change, sender=SynonymGroup, dispatch_uid="knowledge_search_syn_d")


def _contains(seq: list[str], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(tuple(seq[i : i + n]) == sub for i in range(len(seq) - n + 1))


def _synonym_alternatives(query_stems: list[str]) -> list[str]:
    """Terms (words or phrases, as written in the group) to add for a query."""
    alternatives: list[str] = []
    for group in _synonym_groups():
        keyed = [(term, tuple(stems(term))) for term in group]
        if any(key and _contains(query_stems, key) for _, key in keyed):
            alternatives.extend(
                term for term, key in keyed if key and not _contains(query_stems, key)
            )
    return alternatives


# --- Query plan ----------------------------------------------------------------------------


@dataclass
class _Plan:
    words: list[str]  # query words without stop words, as typed (lower case)
    rare: list[str]  # the words that make candidates (frequent words only rank)
    alternatives: list[str]  # synonym terms (may be phrases)
    corrections: list[str]  # known stems close to misspelt words
    highlight: frozenset[str]  # stems to mark in snippets


def _choose(candidates: list[tuple[str, float]]) -> list[str]:
    candidates = [c for c in candidates if c[1] >= SIMILARITY_THRESHOLD]
    candidates.sort(key=lambda c: (-c[1], c[0]))
    return [term for term, _ in candidates[:MAX_CORRECTIONS]]


def _plan(q: str) -> _Plan | None:
    query_words = list(dict.fromkeys(w for w in words(q) if w not in STOP_WORDS))
    query_words = query_words[:MAX_QUERY_WORDS]
    if not query_words:
        return None
    query_stems = [stem(w) for w in query_words]
    alternatives = _synonym_alternatives(query_stems)
    if connection.vendor == "postgresql":
        corrections, shares = _pg_lookup(query_words)
    else:
        corrections, by_stem = _sqlite_lookup(query_stems)
        shares = {
            w: by_stem[s] for w, s in zip(query_words, query_stems, strict=True) if s in by_stem
        }
    rare = [w for w in query_words if shares.get(w, 0.0) <= FREQUENT_SHARE]
    if not rare:  # frequent words only: the least frequent of them match
        least = min(shares.values())
        rare = [w for w in query_words if shares[w] == least]
    highlight = {*query_stems, *corrections}
    for term in alternatives:
        highlight.update(stems(term))
    return _Plan(query_words, rare, alternatives, corrections, frozenset(highlight))


# --- Snippets --------------------------------------------------------------------------------


def snippet(text: str, highlight: frozenset[str], *, size: int = SNIPPET_WORDS) -> str:
    """About `size` words of `text` around the first match; matches in <mark>."""
    matches = list(WORD_RE.finditer(text))
    if not matches:
        return ""
    hits = [i for i, m in enumerate(matches) if stem(m.group().lower()) in highlight]
    first = hits[0] if hits else 0
    start = max(0, first - size // 3)
    end = min(len(matches), start + size)
    start = max(0, min(start, end - size))
    lo = 0 if start == 0 else matches[start].start()
    hi = len(text) if end == len(matches) else matches[end - 1].end()
    parts = ["… " if lo else ""]
    pos = lo
    for m in matches[start:end]:
        parts.append(html.escape(text[pos : m.start()]))
        token = html.escape(m.group())
        parts.append(f"<mark>{token}</mark>" if stem(m.group().lower()) in highlight else token)
        pos = m.end()
    parts.append(html.escape(text[pos:hi]))
    if hi < len(text):
        parts.append(" …")
    return "".join(parts).strip()


def _snippet_for(*, summary: str, body: str, highlight: frozenset[str]) -> str:
    summary = _SPACES.sub(" ", summary or "").strip()
    body = plain_text(body)
    for text in (summary, body):
        if any(stem(w) in highlight for w in words(text)):
            return snippet(text, highlight)
    return snippet(summary or body, highlight)


# --- Search ----------------------------------------------------------------------------------


def _audiences(audience: str | None) -> list[str]:
    if audience is None:
        return [Audience.PUBLIC, Audience.INTERNAL]
    return [audience]


def search(*, q: str, audience: str | None = "public", limit: int = 10) -> list[Hit]:
    """Published articles for `q`, best first; audience None = public and internal."""
    plan = _plan(q or "")
    if plan is None or limit <= 0:
        return []
    if connection.vendor == "postgresql":
        rows = _pg_search(plan, _audiences(audience), limit)
    else:
        rows = _sqlite_search(plan, _audiences(audience), limit)
    return [
        Hit(
            article_id=row[0],
            slug=row[1],
            title=row[2],
            summary=row[3],
            audience=row[5],
            service_slug=row[6],
            snippet=_snippet_for(summary=row[3], body=row[4], highlight=plan.highlight),
            score=float(row[7]),
        )
        for row in rows
    ]


_SERVICE_SLUG_SQL = """(
    SELECT s.slug FROM knowledge_article_services x
    JOIN catalogue_service s ON s.id = x.service_id
    WHERE x.article_id = a.id ORDER BY x.id LIMIT 1)"""


def _article_texts(article) -> tuple[str, str, str, str]:
    services = " ".join(s.name for s in article.services.all())
    return article.title, article.summary or "", plain_text(article.body), services


# --- PostgreSQL --------------------------------------------------------------------------------


def _pg_lookup(query_words: list[str]) -> tuple[list[str], set[str]]:
    """One query for all words: each word's stem (`ts_lexize`), whether the
    vocabulary knows it, its share of the indexed articles (PostgreSQL's own
    column statistics of the tsvector, kept by (auto)ANALYZE) and, only for
    stems the vocabulary does not know, the known terms that look like it
    (pg_trgm `%`, nearest first from the GiST index).

    Returns the corrections and the shares of the words (only in a knowledge
    base of at least FREQUENT_MIN_ARTICLES articles, only for words common
    enough to be in the statistics)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH q AS MATERIALIZED (
                SELECT w, (ts_lexize('danish_stem', w))[1] AS stem
                FROM unnest(%(words)s::text[]) AS w
            ), stats AS MATERIALIZED (
                SELECT most_common_elems::text::text[] AS elems,
                       most_common_elem_freqs AS freqs,
                       (SELECT reltuples FROM pg_class
                        WHERE oid = 'knowledge_search'::regclass) AS articles
                FROM pg_stats
                WHERE schemaname = current_schema() AND tablename = 'knowledge_search'
                  AND attname = 'document'
            )
            SELECT q.w, q.stem, c.term, c.sim,
                   s.freqs[array_position(s.elems, q.stem)], s.articles
            FROM q
            LEFT JOIN stats AS s ON true
            -- a range, not "=", so that the primary key's b-tree answers
            LEFT JOIN knowledge_search_term AS e ON e.term >= q.stem AND e.term <= q.stem
            LEFT JOIN LATERAL (
                SELECT v.term, similarity(v.term, q.stem) AS sim
                FROM knowledge_search_term AS v
                WHERE e.term IS NULL AND length(q.stem) >= %(min_length)s AND v.term %% q.stem
                ORDER BY v.term <-> q.stem
                LIMIT %(fetch)s
            ) AS c ON true
            WHERE q.stem IS NOT NULL
            """,
            {
                "words": query_words,
                "min_length": MIN_CORRECTABLE_LENGTH,
                # a few spare: terms that are not plain words are skipped and
                # ties ordered below
                "fetch": MAX_CORRECTIONS + 4,
            },
        )
        rows = cursor.fetchall()
    shares: dict[str, float] = {}
    by_stem: dict[str, list[tuple[str, float]]] = {}
    for word, word_stem, term, sim, share, articles in rows:
        if share is not None and (articles or 0) >= FREQUENT_MIN_ARTICLES:
            shares[word] = float(share)
        if term is not None and WORD_RE.fullmatch(term):
            by_stem.setdefault(word_stem, []).append((term, float(sim)))
    corrections: list[str] = []
    for candidates in by_stem.values():
        for term in _choose(candidates):
            if term not in corrections:
                corrections.append(term)
    return corrections, shares


def _pg_exact_query(plan: _Plan, query_words: list[str]) -> str:
    """to_tsquery('danish', …) text: the words OR-ed, synonym phrases as <->."""
    parts = list(dict.fromkeys(query_words))
    for term in plan.alternatives:
        term_words = words(term)
        if len(term_words) == 1:
            parts.append(term_words[0])
        elif term_words:
            parts.append("(" + " <-> ".join(term_words) + ")")
    return " | ".join(parts)


def _pg_rank(function: str, fuzzy: str) -> str:
    rank = f"{function}('{PG_WEIGHTS}', c.document, to_tsquery('danish', %(exact)s), 1)"
    if fuzzy:  # hits through a corrected word count less
        rank += f" + {FUZZY_WEIGHT} * {function}('{PG_WEIGHTS}', c.document, %(fuzzy)s::tsquery, 1)"
    return rank


def _pg_search(plan: _Plan, audiences: list[str], limit: int) -> list[tuple]:
    """Three steps in one statement: the articles that match (GIN index on the
    tsvector) are pre-ranked with the cheap `ts_rank`; the best RANK_CANDIDATES
    of them are ranked with `ts_rank_cd` (cover density: words close together
    count more); text, audience and service are read only for the `limit` best."""
    exact = _pg_exact_query(plan, plan.words)
    matching = _pg_exact_query(plan, plan.rare)  # frequent words rank, but do not match
    fuzzy = " | ".join(f"'{t}'" for t in plan.corrections)
    if fuzzy:
        match = "c.document @@ (to_tsquery('danish', %(matching)s) || %(fuzzy)s::tsquery)"
    else:
        match = "c.document @@ to_tsquery('danish', %(matching)s)"
    sql = f"""
        WITH candidates AS (
            SELECT c.article_id, c.document, a.title
            FROM knowledge_search c
            JOIN knowledge_article a ON a.id = c.article_id
            WHERE {match}
              AND a.status = %(status)s AND a.audience = ANY(%(audiences)s)
            ORDER BY {_pg_rank("ts_rank", fuzzy)} DESC, a.title, a.id
            LIMIT %(candidates)s
        ), top AS (
            SELECT c.article_id, {_pg_rank("ts_rank_cd", fuzzy)} AS score, c.title
            FROM candidates c
            ORDER BY score DESC, c.title, c.article_id
            LIMIT %(limit)s
        )
        SELECT a.id, a.slug, a.title, a.summary, a.body, a.audience, {_SERVICE_SLUG_SQL},
               top.score
        FROM top JOIN knowledge_article a ON a.id = top.article_id
        ORDER BY top.score DESC, top.title, a.id
    """  # noqa: S608 - constants only; the query text is a parameter
    params = {
        "exact": exact,
        "matching": matching,
        "fuzzy": fuzzy,
        "status": ArticleStatus.PUBLISHED,
        "audiences": audiences,
        "candidates": max(RANK_CANDIDATES, limit),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _pg_index(article) -> None:
    title, summary, body, services = _article_texts(article)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO knowledge_search (article_id, document)
            VALUES (%(id)s,
                    setweight(to_tsvector('danish', %(title)s), 'A')
                    || setweight(to_tsvector('danish', %(summary)s), 'B')
                    || setweight(to_tsvector('danish', %(body)s), 'C')
                    || setweight(to_tsvector('danish', %(services)s), 'D'))
            ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document
            """,
            {
                "id": article.pk,
                "title": title,
                "summary": summary,
                "body": body,
                "services": services,
            },
        )
        cursor.execute(
            """
            INSERT INTO knowledge_search_term (term)
            SELECT unnest(tsvector_to_array(document)) FROM knowledge_search
            WHERE article_id = %s
            ON CONFLICT DO NOTHING
            """,
            [article.pk],
        )


# --- SQLite ------------------------------------------------------------------------------------


def _fts_phrase(term_stems: list[str]) -> str:
    return '"' + " ".join(term_stems) + '"'


def _sqlite_lookup(query_stems: list[str]) -> tuple[list[str], set[str]]:
    """How many articles hold each stem (fts5vocab); corrections for the stems
    none holds. Returns the corrections and the shares of the stems (only in a
    knowledge base of at least FREQUENT_MIN_ARTICLES articles)."""
    unique = list(dict.fromkeys(query_stems))
    with connection.cursor() as cursor:
        marks = ", ".join("%s" for _ in unique)
        cursor.execute(
            f"SELECT term, doc FROM knowledge_fts_vocab WHERE term IN ({marks})",  # noqa: S608
            unique,
        )
        ndoc = dict(cursor.fetchall())
        shares: dict[str, float] = {}
        if any(n > FREQUENT_SHARE * FREQUENT_MIN_ARTICLES for n in ndoc.values()):
            cursor.execute("SELECT count(*) FROM knowledge_fts")
            articles = cursor.fetchone()[0]
            if articles >= FREQUENT_MIN_ARTICLES:
                shares = {s: n / articles for s, n in ndoc.items()}
        unknown = [s for s in unique if s not in ndoc and len(s) >= MIN_CORRECTABLE_LENGTH]
        if not unknown:
            return [], shares
        cursor.execute("SELECT term FROM knowledge_fts_vocab")
        vocabulary = [row[0] for row in cursor.fetchall()]
    corrections: list[str] = []
    for word_stem in unknown:
        candidates = [(term, similarity(term, word_stem)) for term in vocabulary]
        for term in _choose(candidates):
            if term not in corrections:
                corrections.append(term)
    return corrections, shares


def _sqlite_search(plan: _Plan, audiences: list[str], limit: int) -> list[tuple]:
    """bm25 over every word (the outer MATCH); the candidates are the articles
    that match the rare words, alternatives or corrections (inner MATCH)."""
    alternative_parts = [_fts_phrase(s) for s in map(stems, plan.alternatives) if s]
    corrected_parts = [_fts_phrase([t]) for t in plan.corrections]

    def any_of(query_words: list[str], *more: list[str]) -> str:
        parts = [_fts_phrase([stem(w)]) for w in query_words]
        return " OR ".join(
            dict.fromkeys([*parts, *alternative_parts, *(p for m in more for p in m)])
        )

    exact = any_of(plan.words)
    every = any_of(plan.words, corrected_parts)
    matching = any_of(plan.rare, corrected_parts)
    candidates = (
        ""
        if matching == every
        else "AND f.rowid IN (SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH %s)"
    )
    marks = ", ".join("%s" for _ in audiences)
    sql = f"""
        SELECT a.id, a.slug, a.title, a.summary, a.body, a.audience, {_SERVICE_SLUG_SQL},
               -{SQLITE_BM25} * CASE WHEN f.rowid IN (
                   SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH %s
               ) THEN 1.0 ELSE {FUZZY_WEIGHT} END AS score
        FROM knowledge_fts f
        JOIN knowledge_article a ON a.id = f.rowid
        WHERE knowledge_fts MATCH %s {candidates}
          AND a.status = %s AND a.audience IN ({marks})
        ORDER BY score DESC, a.title, a.id
        LIMIT %s
    """  # noqa: S608 - constants only; the query text is a parameter
    params = [exact, every, *([matching] if candidates else []), ArticleStatus.PUBLISHED]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *audiences, limit])
        return cursor.fetchall()


def _sqlite_index(article) -> None:
    texts = [" ".join(stems(text)) for text in _article_texts(article)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM knowledge_fts WHERE rowid = %s", [article.pk])
        cursor.execute(
            "INSERT INTO knowledge_fts (rowid, title, summary, body, services) "
            "VALUES (%s, %s, %s, %s, %s)",
            [article.pk, *texts],
        )


# --- Indexing ----------------------------------------------------------------------------------


def article_index(article) -> None:
    """(Re)index one article: title, summary, body and its services' names.
    Every status is indexed; search filters published articles."""
    if connection.vendor == "postgresql":
        _pg_index(article)
    else:
        _sqlite_index(article)


def article_unindex(article_id: int) -> None:
    """Remove an article from the index."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM knowledge_search WHERE article_id = %s", [article_id])
        else:
            cursor.execute("DELETE FROM knowledge_fts WHERE rowid = %s", [article_id])


def _articles():
    return Article.objects.prefetch_related("services").order_by("pk")


def reindex_all(*, progress=None) -> int:
    """Rebuild the whole index (and the vocabulary); returns the number of
    articles indexed. `progress(n)` is called after each article."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM knowledge_search")
            cursor.execute("DELETE FROM knowledge_search_term")
        else:
            cursor.execute("DELETE FROM knowledge_fts")
        count = 0
        for article in _articles().iterator(chunk_size=500):
            article_index(article)
            count += 1
            if progress is not None:
                progress(1)
    return count
