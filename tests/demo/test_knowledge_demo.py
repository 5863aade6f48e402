"""The demo knowledge base: a public article for every demo service, internal
articles for the contact centre, synonym groups, review tasks, and a seed
that can run again without adding anything."""

from datetime import date

import pytest

from indgang.catalogue.models import Service
from indgang.core import clock
from indgang.demo import data
from indgang.demo.knowledge import ARTICLES, SYNONYM_GROUPS, demo_knowledge_seed
from indgang.demo.services import demo_seed
from indgang.knowledge.models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    Audience,
    ReviewTask,
    SynonymGroup,
)
from indgang.knowledge.search import search
from tests.conftest import local


@pytest.fixture
def seeded(db):
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        demo_seed(password="korrekt-hest-batteri-haefteklamme")
        return demo_knowledge_seed()


def test_every_demo_service_has_a_published_public_article(seeded):
    public = Article.objects.filter(audience=Audience.PUBLIC, status=ArticleStatus.PUBLISHED)
    covered = set(Service.objects.filter(articles__in=public).values_list("slug", flat=True))
    assert covered == {s.slug for s in data.SERVICES}
    for article in public:
        assert article.summary and article.body.strip()
        assert article.owner is not None
        assert article.review_by is not None


def test_public_articles_carry_the_catalogue_fee_and_link(seeded):
    passport = Article.objects.get(slug="pas-voksne")
    assert "891 kr." in passport.body
    assert "https://www.borger.dk/transport-trafik-rejser/pas-og-id/pas/ansoeg-om-pas" in (
        passport.body
    )
    assert "Politiet" in passport.body
    assert "Det er gratis." in Article.objects.get(slug="flytning").body


def test_internal_articles_cover_the_contact_centre_areas(seeded):
    internal = Article.objects.filter(audience=Audience.INTERNAL, status=ArticleStatus.PUBLISHED)
    assert internal.count() >= 10
    areas = set(internal.values_list("services__subject_area__slug", flat=True))
    for area in (
        "pas",
        "koerekort",
        "sygesikring",
        "folkeregister",
        "ejendomsskat",
        "opkraevning",
        "boliganvisning",
        "digital-post",
        "mitid",
        "vielser",
        "valg",
    ):
        assert area in areas


def test_articles_have_a_first_version_and_some_are_past_review(seeded):
    assert Article.objects.count() == len(ARTICLES)
    assert ArticleVersion.objects.filter(version=1).count() == len(ARTICLES)
    past = Article.objects.filter(review_by__lt=date(2026, 11, 23))
    assert past.count() >= 5
    assert ReviewTask.objects.filter(status="open").count() == past.count()


def test_synonym_groups(seeded):
    assert SynonymGroup.objects.count() == len(SYNONYM_GROUPS) >= 10
    terms = [set(g.term_list()) for g in SynonymGroup.objects.all()]
    assert any({"sygesikringskort", "sundhedskort", "det gule kort"} <= t for t in terms)
    assert any({"boligstøtte", "boligsikring", "huslejetilskud"} <= t for t in terms)


def test_seeding_twice_adds_nothing(seeded):
    counts = (
        Article.objects.count(),
        ArticleVersion.objects.count(),
        SynonymGroup.objects.count(),
        ReviewTask.objects.count(),
    )
    with clock.frozen(at=local(2026, 11, 24, 9, 0)):
        again = demo_knowledge_seed()
    assert not again.changed
    assert again.skipped == len(ARTICLES)
    assert counts == (
        Article.objects.count(),
        ArticleVersion.objects.count(),
        SynonymGroup.objects.count(),
        ReviewTask.objects.count(),
    )


def test_an_edited_article_is_left_alone(seeded):
    Article.objects.filter(slug="flytning").update(title="Flytning – redigeret")
    demo_knowledge_seed()
    assert Article.objects.get(slug="flytning").title == "Flytning – redigeret"


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        ("det gule kort er væk", "sundhedskort-og-laegeskift"),
        ("sygesikringskort", "sundhedskort-og-laegeskift"),
        ("boligsikring", "boligstoette"),
        ("bryllup på rådhuset", "vielse"),
    ],
)
def test_a_synonym_search_finds_the_right_article(seeded, question, slug):
    hits = search(q=question, audience="public", limit=3)
    assert slug in [hit.slug for hit in hits]


def test_the_command_seeds_the_knowledge_base(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        call_command("seed_demo", "--no-activity", stdout=out)
        assert Article.objects.filter(audience=Audience.PUBLIC).count() >= len(data.SERVICES)
        call_command("seed_demo", "--no-activity", stdout=out)
    assert "Ingen nye artikler" in out.getvalue()
