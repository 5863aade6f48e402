"""Knowledge services: every save is a new version with author and time and is
indexed for search; only authors write; review tasks come once per article
whose review date has passed; synonym groups are the manager's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from indgang.audit.models import AuditEvent
from indgang.core import clock
from indgang.core.errors import DomainError, PermissionDenied
from indgang.core.permissions import Role
from indgang.knowledge import services
from indgang.knowledge.models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    Audience,
    ReviewStatus,
    ReviewTask,
    SynonymGroup,
)
from tests.catalogue.factories import DepartmentFactory, ServiceFactory
from tests.conftest import local

NOW = local(2026, 11, 24, 10, 30)
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def indexed(monkeypatch):
    """Records the articles sent to search.article_index and synonym changes."""
    from indgang.knowledge import search

    calls = {"articles": [], "synonyms": 0}
    real_index = search.article_index
    real_changed = search.synonyms_changed

    def index(article):
        calls["articles"].append((article.pk, article.version))
        real_index(article)

    def changed():
        calls["synonyms"] += 1
        real_changed()

    monkeypatch.setattr(search, "article_index", index)
    monkeypatch.setattr(search, "synonyms_changed", changed)
    return calls


@pytest.fixture
def author(make_staff):
    return make_staff(Role.BACK_OFFICE, department=DepartmentFactory(name="Pension"))


def make_article(by, **kwargs) -> Article:
    fields = {"title": "Nyt sundhedskort", "summary": "Bestil et nyt.", "body": "Tekst."}
    fields.update(kwargs)
    return services.article_create(by=by, **fields)


# --- Articles ------------------------------------------------------------------------


def test_create_writes_version_one_with_author_and_time_and_indexes(author, indexed):
    service = ServiceFactory(name="Sundhedskort")
    article = make_article(
        author, audience=Audience.PUBLIC, owner=author.department, services=[service]
    )
    assert article.version == 1
    assert article.slug == "nyt-sundhedskort"
    assert list(article.services.all()) == [service]
    (version,) = article.versions.all()
    assert (version.version, version.title, version.author, version.created_at) == (
        1,
        "Nyt sundhedskort",
        author,
        NOW,
    )
    assert indexed["articles"] == [(article.pk, 1)]
    assert AuditEvent.objects.filter(action="knowledge.article.create", actor=author).exists()


def test_slugs_are_danish_unique_and_never_a_staff_page_path(author, indexed):
    first = make_article(author, title="Kørekort og pas")
    second = make_article(author, title="Kørekort og pas")
    reserved = make_article(author, title="Ny")
    assert first.slug == "koerekort-og-pas"
    assert second.slug == "koerekort-og-pas-2"
    assert reserved.slug == "ny-2"


def test_update_bumps_version_keeps_history_and_reindexes(author, make_staff, indexed):
    article = make_article(author)
    editor = make_staff(Role.MANAGER)
    service = ServiceFactory()
    later = NOW + timedelta(hours=2)
    with clock.frozen(at=later):
        article = services.article_update(
            article=article, by=editor, body="Ny tekst.", services=[service]
        )
    assert article.version == 2
    assert article.updated_by == editor
    assert list(article.services.all()) == [service]
    versions = list(ArticleVersion.objects.filter(article=article).order_by("version"))
    assert [(v.version, v.body, v.author, v.created_at) for v in versions] == [
        (1, "Tekst.", author, NOW),
        (2, "Ny tekst.", editor, later),
    ]
    assert indexed["articles"][-1] == (article.pk, 2)


def test_update_rejects_fields_that_are_not_editable(author, indexed):
    article = make_article(author)
    with pytest.raises(TypeError):
        services.article_update(article=article, by=author, slug="noget-andet")


def test_an_article_needs_a_title(author, indexed):
    with pytest.raises(DomainError):
        make_article(author, title="   ")
    assert not Article.objects.exists()


def test_publishing_sets_a_review_date_a_year_ahead_and_archive_is_a_new_version(author, indexed):
    article = make_article(author)
    assert article.review_by is None
    article = services.article_publish(article=article, by=author)
    assert article.status == ArticleStatus.PUBLISHED
    assert article.review_by == TODAY + timedelta(days=365)
    article = services.article_archive(article=article, by=author)
    assert article.status == ArticleStatus.ARCHIVED
    assert article.version == 3
    assert AuditEvent.objects.filter(
        action="knowledge.article.update", extra__status="archived"
    ).exists()


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.ADMINISTRATOR])
def test_only_back_office_and_managers_write_articles(role, author, make_staff, indexed):
    article = make_article(author)
    reader = make_staff(role)
    with pytest.raises(PermissionDenied):
        make_article(reader)
    with pytest.raises(PermissionDenied):
        services.article_update(article=article, by=reader, title="Ændret")
    article.refresh_from_db()
    assert (article.title, article.version) == ("Nyt sundhedskort", 1)


# --- Review tasks -----------------------------------------------------------------------


def test_review_tasks_for_published_articles_past_their_date_once(author, indexed):
    owner = author.department
    due = make_article(
        author,
        title="Forfalden",
        status=ArticleStatus.PUBLISHED,
        owner=owner,
        review_by=TODAY - timedelta(days=1),
    )
    make_article(author, title="I dag", status=ArticleStatus.PUBLISHED, review_by=TODAY)
    make_article(
        author, title="Kladde", status=ArticleStatus.DRAFT, review_by=TODAY - timedelta(days=9)
    )
    make_article(
        author,
        title="Arkiveret",
        status=ArticleStatus.ARCHIVED,
        review_by=TODAY - timedelta(days=9),
    )

    assert services.review_tasks_create() == 1
    (task,) = ReviewTask.objects.all()
    assert (task.article, task.department, task.due_on, task.status) == (
        due,
        owner,
        TODAY - timedelta(days=1),
        ReviewStatus.OPEN,
    )
    # Daily runs make no duplicates.
    assert services.review_tasks_create() == 0
    assert services.review_tasks_create(today=TODAY + timedelta(days=3)) == 1  # "I dag" now due
    assert ReviewTask.objects.filter(article=due).count() == 1


def test_the_daily_command_creates_the_tasks(author, indexed, capsys):
    make_article(author, status=ArticleStatus.PUBLISHED, review_by=TODAY - timedelta(days=30))
    call_command("create_review_tasks")
    call_command("create_review_tasks")
    assert ReviewTask.objects.count() == 1
    assert "1 gennemsynsopgave" in capsys.readouterr().out


def _task(author, **kwargs):
    make_article(
        author,
        status=ArticleStatus.PUBLISHED,
        owner=author.department,
        review_by=TODAY - timedelta(days=5),
        **kwargs,
    )
    services.review_tasks_create()
    return ReviewTask.objects.get()


def test_review_done_closes_the_task_and_sets_the_next_review_a_year_ahead(author, indexed):
    task = _task(author)
    services.review_task_done(task=task, by=author)
    task.refresh_from_db()
    assert (task.status, task.done_by, task.done_at) == (ReviewStatus.DONE, author, NOW)
    assert task.article.review_by == TODAY + timedelta(days=365)
    # Not due any more: the next daily run leaves it alone.
    assert services.review_tasks_create() == 0
    with pytest.raises(DomainError):
        services.review_task_done(task=task, by=author)


def test_review_done_takes_the_reviewers_date_but_not_one_in_the_past(author, indexed):
    task = _task(author)
    with pytest.raises(DomainError):
        services.review_task_done(task=task, by=author, review_by=TODAY)
    services.review_task_done(task=task, by=author, review_by=date(2027, 3, 1))
    task.article.refresh_from_db()
    assert task.article.review_by == date(2027, 3, 1)


def test_review_tasks_belong_to_the_owner_department(author, make_staff, indexed):
    task = _task(author)
    other = make_staff(Role.BACK_OFFICE, department=DepartmentFactory(name="Byggeri"))
    with pytest.raises(PermissionDenied):
        services.review_task_done(task=task, by=other)
    with pytest.raises(PermissionDenied):
        services.review_task_done(task=task, by=make_staff(Role.CONTACT_CENTRE))
    services.review_task_done(task=task, by=make_staff(Role.MANAGER))
    task.refresh_from_db()
    assert task.status == ReviewStatus.DONE


# --- Synonyms ---------------------------------------------------------------------------


def test_synonym_group_save_normalises_terms_and_tells_search(make_staff, indexed):
    manager = make_staff(Role.MANAGER)
    group = services.synonym_group_save(
        by=manager, terms="Sygesikringskort, sundhedskort\nDet  gule kort\nsundhedskort"
    )
    assert group.term_list() == ["sygesikringskort", "sundhedskort", "det gule kort"]
    assert indexed["synonyms"] >= 1
    before = indexed["synonyms"]
    services.synonym_group_save(by=manager, terms="pas, rejsepas", group=group)
    group.refresh_from_db()
    assert group.term_list() == ["pas", "rejsepas"]
    assert indexed["synonyms"] > before
    services.synonym_group_delete(by=manager, group=group)
    assert not SynonymGroup.objects.exists()
    assert AuditEvent.objects.filter(action="knowledge.synonyms.delete").exists()


def test_a_synonym_group_needs_two_different_terms(make_staff, indexed):
    with pytest.raises(DomainError):
        services.synonym_group_save(by=make_staff(Role.MANAGER), terms="pas, PAS")
    assert not SynonymGroup.objects.exists()


@pytest.mark.parametrize("role", [Role.BACK_OFFICE, Role.CONTACT_CENTRE, Role.FRONT_DESK])
def test_only_managers_edit_synonyms(role, make_staff, indexed):
    with pytest.raises(PermissionDenied):
        services.synonym_group_save(by=make_staff(role), terms="pas, rejsepas")
