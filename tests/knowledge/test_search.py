"""Danish search of the knowledge base: stemming, field weights, synonyms,
misspellings, audience and status, snippets. Runs on SQLite (FTS5 + Snowball)
and on PostgreSQL (danish full-text + pg_trgm) alike."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from indgang.core import clock
from indgang.knowledge import search
from indgang.knowledge.models import Article, SynonymGroup
from tests.catalogue.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    search.synonyms_changed()
    yield
    search.synonyms_changed()


def make_article(title, *, summary="", body="", audience="public", status="published", services=()):
    now = clock.now()
    article = Article.objects.create(
        title=title,
        slug=f"a-{Article.objects.count() + 1}-{abs(hash(title)) % 10_000}",
        summary=summary,
        body=body,
        audience=audience,
        status=status,
        created_at=now,
        updated_at=now,
    )
    if services:
        article.services.set(services)
    search.article_index(article)
    return article


def titles(q, **kwargs):
    return [hit.title for hit in search.search(q=q, **kwargs)]


@pytest.fixture
def library():
    """A small public help library in the municipality's words."""
    return {
        "pas": make_article(
            "Forny dit pas",
            summary="Bestil et nyt pas, når dit gamle udløber.",
            body="Passet gælder i 10 år for voksne. Du skal møde op i Borgerservice.",
        ),
        "flyt": make_article(
            "Når du flytter",
            summary="Meld flytning senest 5 dage efter, at du er flyttet.",
            body="Du melder flytning digitalt på borger.dk.",
        ),
        "kort": make_article(
            "Bestil nyt sundhedskort",
            summary="Har du mistet dit kort, kan du bestille et nyt.",
            body="Kortet viser, hvilken læge du har.",
        ),
        "parkering": make_article(
            "Parkeringstilladelse til handicappede",
            summary="Søg om handicapparkering.",
            body="Tilladelsen gælder i hele landet.",
        ),
    }


def test_a_word_finds_its_inflected_forms(library):
    # "pas" is in the title; "passet" in the body is the same word.
    assert titles("pas")[0] == "Forny dit pas"
    only_body = make_article("Rejsedokumenter", body="Passet skal være gyldigt under hele rejsen.")
    assert only_body.title in titles("passene")
    assert titles("flytte")[0] == "Når du flytter"
    assert titles("flytning")[0] == "Når du flytter"


def test_an_everyday_question_finds_the_answer(library):
    assert titles("hvordan fornyer jeg mit pas?")[0] == "Forny dit pas"
    assert titles("Jeg skal flytte til en ny adresse")[0] == "Når du flytter"


def test_a_title_hit_ranks_above_a_body_hit():
    body_hit = make_article(
        "Kørekort til bil", body="Husk også at tjekke dit pas, før du rejser med bilen."
    )
    title_hit = make_article("Pas til børn", body="Børn under 18 år får et pas, der gælder 5 år.")
    summary_hit = make_article("Rejser", summary="Et gyldigt pas til rejsen.")

    assert titles("pas") == [title_hit.title, summary_hit.title, body_hit.title]


def test_service_names_are_searchable():
    service = ServiceFactory(name="Sygesikring")
    make_article("Skift læge", body="Du kan skifte læge én gang om måneden.", services=[service])

    hits = search.search(q="sygesikring")
    assert [h.title for h in hits] == ["Skift læge"]
    assert hits[0].service_slug == service.slug


def test_the_first_service_gives_the_slug(library):
    first, second = ServiceFactory(name="Pas"), ServiceFactory(name="Rejser")
    article = make_article("Pas til ferien", services=[first, second])
    [hit] = [h for h in search.search(q="ferien") if h.article_id == article.pk]
    assert hit.service_slug == first.slug
    assert [h.service_slug for h in search.search(q="flytter")] == [None]


def test_synonyms_find_each_other(library):
    SynonymGroup.objects.create(
        terms="sygesikringskort, sundhedskort\ndet gule kort", updated_at=clock.now()
    )
    search.synonyms_changed()

    assert titles("sygesikringskort")[0] == "Bestil nyt sundhedskort"
    assert titles("jeg har mistet det gule kort")[0] == "Bestil nyt sundhedskort"

    gule = make_article("Det gule kort i udlandet", body="Det gule kort gælder i Norden.")
    assert gule.title in titles("sundhedskort")
    assert titles("sygesikringskort")[:2] == sorted(
        ["Bestil nyt sundhedskort", "Det gule kort i udlandet"],
        key=titles("sygesikringskort").index,
    )


def test_a_changed_synonym_group_takes_effect(library):
    assert titles("sygesikringskort") == []
    group = SynonymGroup.objects.create(
        terms="sygesikringskort, sundhedskort", updated_at=clock.now()
    )
    assert titles("sygesikringskort") == ["Bestil nyt sundhedskort"]
    group.delete()
    assert titles("sygesikringskort") == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("sundhedskrot", "Bestil nyt sundhedskort"),
        ("pasport", "Forny dit pas"),
        ("parkeringstiladelse", "Parkeringstilladelse til handicappede"),
        ("forni mit pas", "Forny dit pas"),
    ],
)
def test_misspellings_find_the_right_article(library, q, expected):
    assert titles(q)[0] == expected


def test_stop_words_neither_match_nor_rank(library):
    make_article("Om os", summary="Det er os, og vi er her for jer.")
    assert titles("hvad er det, jeg skal gøre med mit pas") == ["Forny dit pas"]
    assert titles("det er os") == []


def _analyze():
    # PostgreSQL takes word frequencies from its column statistics (ANALYZE);
    # SQLite counts them in the FTS5 vocabulary.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE knowledge_search")


def test_frequent_words_do_not_widen_the_match(monkeypatch):
    for i in range(6):
        make_article(f"Vejledning {i}", summary="Her kan du få svar på det meste.")
    make_article("Forny dit pas", summary="Du kan få et nyt pas i Borgerservice.")
    _analyze()
    # A small knowledge base: every word counts.
    assert titles("kan jeg få et pas")[0] == "Forny dit pas"
    assert len(titles("kan jeg få et pas")) == 7

    # A large one (here: from 5 articles on, frequent = in more than half):
    # such a word only ranks; the articles that merely say "kan" and "få" are
    # no longer found.
    monkeypatch.setattr(search, "FREQUENT_MIN_ARTICLES", 5)
    monkeypatch.setattr(search, "FREQUENT_SHARE", 0.5)
    assert titles("kan jeg få et pas") == ["Forny dit pas"]
    # A query of frequent words only: the least frequent of them matches.
    assert sorted(titles("kan jeg få svar")) == [f"Vejledning {i}" for i in range(6)]
    assert titles("kan jeg få") == titles("kan få") != []


def test_exact_hits_rank_above_corrected_ones():
    make_article("Pasfoto", summary="Sådan skal dit pasfoto se ud.")
    make_article("Pasport", summary="Om ordet pasport.")
    assert titles("pasport")[0] == "Pasport"


def test_audience_filters(library):
    internal = make_article(
        "Pas: intern vejledning", body="Tjek altid det gamle pas.", audience="internal"
    )
    public_titles = titles("pas", audience="public")
    internal_titles = titles("pas", audience="internal")
    both = titles("pas", audience=None)

    assert internal.title not in public_titles
    assert internal_titles == [internal.title]
    assert set(both) == {*public_titles, internal.title}


def test_drafts_and_archived_articles_are_never_found(library):
    make_article("Pas kladde", status="draft")
    archived = make_article("Pas arkiveret", status="archived")
    for audience in ("public", "internal", None):
        found = titles("pas", audience=audience)
        assert "Pas kladde" not in found
        assert "Pas arkiveret" not in found

    archived.status = "published"
    archived.save()
    assert "Pas arkiveret" in titles("pas")


def test_a_reindexed_article_is_found_by_its_new_words(library):
    article = library["parkering"]
    article.title = "Handicapkørsel"
    article.summary = "Kørsel til læge."
    article.save()
    search.article_index(article)

    assert titles("handicapkørsel") == ["Handicapkørsel"]
    assert "Handicapkørsel" not in titles("parkeringstilladelse")


def test_an_unindexed_article_is_not_found(library):
    search.article_unindex(library["pas"].pk)
    assert "Forny dit pas" not in titles("pas")


def test_a_deleted_article_is_not_found(library):
    library["pas"].delete()
    assert titles("pas") == []


def test_snippet_marks_the_matched_words(library):
    [hit] = search.search(q="udløber", limit=1)
    assert "<mark>udløber</mark>" in hit.snippet
    body_hit = search.search(q="læge")[0]
    assert body_hit.snippet.startswith("Kortet viser, hvilken <mark>læge</mark>")


def test_snippet_escapes_html():
    make_article(
        "Skadelig tekst",
        summary='Læs om <script>alert("x")</script> & <b>pas</b>.',
        body="<img src=x onerror=alert(1)> pas",
    )
    [hit] = search.search(q="pas")
    assert "<script>" not in hit.snippet
    assert "<b>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>pas</mark>" in hit.snippet
    assert hit.snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_snippet_shows_the_text_of_markdown_not_its_markup():
    make_article(
        "Priser",
        body=(
            "## Priser for pas\n\n"
            "| Ydelse | Pris |\n| --- | ---: |\n| **Pas** til _voksne_ | 742 kr. |\n\n"
            "---\n\n> Læs mere på [borger.dk](https://www.borger.dk/pas).\n"
        ),
    )
    [hit] = search.search(q="voksne")
    assert hit.snippet == (
        "Priser for pas Ydelse Pris Pas til <mark>voksne</mark> 742 kr. Læs mere på borger.dk."
    )


def test_snippet_of_a_long_body_shows_the_passage_with_the_match():
    filler = " ".join(f"ord{i}" for i in range(200))
    make_article("Lang artikel", body=f"{filler} Her står det om vielse. {filler}")
    [hit] = search.search(q="vielse")
    assert "<mark>vielse</mark>" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) < 400


@pytest.mark.parametrize("q", ["", "   ", "og i jeg", "!!!", "zzzzqqqq"])
def test_empty_or_unmatched_queries_find_nothing(library, q):
    assert search.search(q=q) == []


def test_query_syntax_is_plain_text(library):
    # Operators of the engines are words (or nothing) to us, never syntax.
    for q in ['pas" OR "x', "pas & !", "pas:*", "title:pas", "(pas", "pas -", "'pas'", "pas <->"]:
        assert titles(q)[0] == "Forny dit pas"


def test_limit(library):
    for i in range(5):
        make_article(f"Pas nummer {i}")
    assert len(search.search(q="pas", limit=3)) == 3


def test_reindex_all_rebuilds_the_index(library):
    with connection.cursor() as cursor:
        table = "knowledge_search" if connection.vendor == "postgresql" else "knowledge_fts"
        cursor.execute(f"DELETE FROM {table}")
    assert titles("pas") == []

    out = StringIO()
    call_command("reindex_knowledge", "--no-progress", stdout=out)

    assert "Indekserede 4 artikler" in out.getvalue()
    assert titles("pas")[0] == "Forny dit pas"
    assert titles("sundhedskrot")[0] == "Bestil nyt sundhedskort"


def test_search_takes_few_queries(library, django_assert_max_num_queries):
    # PostgreSQL: vocabulary look-up + search. SQLite also reads the vocabulary
    # when a word is unknown.
    SynonymGroup.objects.create(terms="pas, rejsepas", updated_at=clock.now())
    search.search(q="pas")  # warm the synonym cache
    with django_assert_max_num_queries(2 if connection.vendor == "postgresql" else 3):
        search.search(q="hvordan fornyer jeg mit pasport")


def test_pure_helpers():
    assert search.stems("Hvordan fornyer jeg passet?") == ["hvordan", "forny", "pas"]
    assert search.similarity("pas", "pas") == 1.0
    assert search.plain_text("# Titel\n\nSe [borger.dk](https://borger.dk) **nu**") == (
        "Titel Se borger.dk nu"
    )
    assert (
        search.plain_text(
            "Overskrift\n==========\n\n1. Første\n- [x] Anden\n\n```\nkode\n```\n"
            "***\n![Kort](kort.png) <https://kk.dk> ~~gammel~~ `x` a_b \\*stjerne\\*\n"
            "[kk]: https://kk.dk"
        )
        == "Overskrift Første Anden kode Kort https://kk.dk gammel x a_b *stjerne*"
    )
