"""Writes to the knowledge base: articles with their version history, review
tasks and synonym groups. Every write checks the permission, records an audit
event and keeps the search index in step (`search.article_index`,
`search.synonyms_changed`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from indgang.audit.services import audit_record
from indgang.core import clock
from indgang.core.errors import DomainError, PermissionDenied
from indgang.core.permissions import Role, has_role, require_perm
from indgang.core.text import slugify_da

from .models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    Audience,
    ReviewStatus,
    ReviewTask,
    SynonymGroup,
)

# How long an article stays valid after a review, unless the reviewer says otherwise.
REVIEW_INTERVAL = timedelta(days=365)

# Fields `article_update` may change (the slug stays: links to the article keep working).
EDITABLE_FIELDS = ("title", "summary", "body", "audience", "status", "owner", "review_by")


class ArticleInvalid(DomainError):
    message = _("Artiklen kunne ikke gemmes.")


class SynonymGroupInvalid(DomainError):
    message = _("En synonymgruppe skal have mindst to forskellige ord.")


class ReviewTaskClosed(DomainError):
    message = _("Opgaven er allerede gennemset.")


def _index(article: Article) -> None:
    from . import search  # written alongside; imported late so this module loads first

    search.article_index(article)


def _synonyms_changed() -> None:
    from . import search

    search.synonyms_changed()


# Paths of the staff pages beside /personale/viden/<slug>/: never an article's slug.
RESERVED_SLUGS = {"ny", "gennemsyn", "synonymer"}


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify_da(title) or "artikel")[:100].strip("-") or "artikel"
    slug, n = base, 2
    if slug in RESERVED_SLUGS:
        slug = f"{base}-{n}"
        n += 1
    taken = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check(article: Article) -> None:
    if not article.title.strip():
        raise ArticleInvalid(_("Artiklen skal have en titel."))
    if article.audience not in Audience.values:
        raise ArticleInvalid(_("Ukendt målgruppe."))
    if article.status not in ArticleStatus.values:
        raise ArticleInvalid(_("Ukendt status."))


def _version_write(article: Article, *, by, at) -> ArticleVersion:
    return ArticleVersion.objects.create(
        article=article,
        version=article.version,
        title=article.title,
        summary=article.summary,
        body=article.body,
        status=article.status,
        audience=article.audience,
        author=by if getattr(by, "is_authenticated", False) else None,
        created_at=at,
    )


@transaction.atomic
def article_create(
    *,
    by,
    title: str,
    summary: str = "",
    body: str = "",
    audience: str = Audience.INTERNAL,
    status: str = ArticleStatus.DRAFT,
    owner=None,
    review_by: date | None = None,
    services: Iterable = (),
    slug: str | None = None,
) -> Article:
    """A new article (version 1, with its first ArticleVersion), indexed for search.
    A published article without a review date gets one a year ahead."""
    require_perm(by, "knowledge.add_article")
    at = clock.now()
    if status == ArticleStatus.PUBLISHED and review_by is None:
        review_by = clock.today() + REVIEW_INTERVAL
    article = Article(
        title=title.strip(),
        slug=slug or _unique_slug(title),
        summary=summary.strip(),
        body=body,
        audience=audience,
        status=status,
        owner=owner,
        review_by=review_by,
        version=1,
        created_at=at,
        updated_at=at,
        updated_by=by,
    )
    _check(article)
    article.save()
    article.services.set(list(services))
    _version_write(article, by=by, at=at)
    audit_record(
        actor=by,
        action="knowledge.article.create",
        target=article,
        extra={"status": status, "audience": audience},
    )
    _index(article)
    return article


@transaction.atomic
def article_update(*, article: Article, by, **fields) -> Article:
    """Change an article: bumps `version`, writes an ArticleVersion with the
    author and time, and re-indexes it. `services=` replaces the services."""
    require_perm(by, "knowledge.change_article")
    services = fields.pop("services", None)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"article_update() got unexpected fields: {sorted(unknown)}")
    article = Article.objects.select_for_update().get(pk=article.pk)
    old_status = article.status
    for name, value in fields.items():
        setattr(article, name, value.strip() if name in ("title", "summary") else value)
    if article.status == ArticleStatus.PUBLISHED and article.review_by is None:
        article.review_by = clock.today() + REVIEW_INTERVAL
    _check(article)
    at = clock.now()
    article.version += 1
    article.updated_at = at
    article.updated_by = by
    article.save()
    if services is not None:
        article.services.set(list(services))
    _version_write(article, by=by, at=at)
    extra = {"version": article.version}
    if article.status != old_status:
        extra["status"] = article.status
    audit_record(actor=by, action="knowledge.article.update", target=article, extra=extra)
    _index(article)
    return article


def article_publish(*, article: Article, by) -> Article:
    return article_update(article=article, by=by, status=ArticleStatus.PUBLISHED)


def article_archive(*, article: Article, by) -> Article:
    return article_update(article=article, by=by, status=ArticleStatus.ARCHIVED)


# --- Review -------------------------------------------------------------------


@transaction.atomic
def review_tasks_create(*, today: date | None = None) -> int:
    """One open ReviewTask for each published article whose review date has
    passed (review_by before `today`), for its owner department. Running it
    again creates nothing new. Returns how many tasks were created."""
    today = today or clock.today()
    at = clock.now()
    due = (
        Article.objects.filter(status=ArticleStatus.PUBLISHED, review_by__lt=today)
        .exclude(review_tasks__status=ReviewStatus.OPEN)
        .only("pk", "owner_id", "review_by")
    )
    created = 0
    for article in due:
        try:
            with transaction.atomic():
                ReviewTask.objects.create(
                    article=article,
                    department_id=article.owner_id,
                    due_on=article.review_by,
                    status=ReviewStatus.OPEN,
                    created_at=at,
                )
        except IntegrityError:  # another run made it first
            continue
        created += 1
    return created


def review_task_may_close(*, task: ReviewTask, user) -> bool:
    """Managers close any task; back office only their own department's."""
    if not (getattr(user, "is_active", False) and user.has_perm("knowledge.change_reviewtask")):
        return False
    if has_role(user, Role.MANAGER):
        return True
    return task.department_id is None or task.department_id == getattr(user, "department_id", None)


@transaction.atomic
def review_task_done(*, task: ReviewTask, by, review_by: date | None = None) -> ReviewTask:
    """Mark the article reviewed: the task is done and the article gets a new
    review date (`review_by`, default a year from today)."""
    require_perm(by, "knowledge.change_reviewtask")
    task = ReviewTask.objects.select_for_update().select_related("article").get(pk=task.pk)
    if not review_task_may_close(task=task, user=by):
        raise PermissionDenied
    if task.status != ReviewStatus.OPEN:
        raise ReviewTaskClosed
    today = clock.today()
    new_date = review_by or today + REVIEW_INTERVAL
    if new_date <= today:
        raise DomainError(_("Den nye gennemsynsdato skal ligge efter i dag."))
    task.status = ReviewStatus.DONE
    task.done_at = clock.now()
    task.done_by = by
    task.save(update_fields=["status", "done_at", "done_by"])
    Article.objects.filter(pk=task.article_id).update(review_by=new_date)
    audit_record(
        actor=by,
        action="knowledge.article.review",
        target=task.article,
        extra={"review_by": new_date.isoformat()},
    )
    return task


# --- Synonyms -----------------------------------------------------------------


def _terms_normalised(terms: str) -> str:
    group = SynonymGroup(terms=terms)
    unique: list[str] = []
    for term in group.term_list():
        term = " ".join(term.split())
        if term not in unique:
            unique.append(term)
    if len(unique) < 2:
        raise SynonymGroupInvalid
    return "\n".join(unique)


@transaction.atomic
def synonym_group_save(*, by, terms: str, group: SynonymGroup | None = None) -> SynonymGroup:
    """Create (no `group`) or change a synonym group. Terms: one a line or
    separated by commas; at least two different ones."""
    require_perm(by, "knowledge.change_synonymgroup" if group else "knowledge.add_synonymgroup")
    normalised = _terms_normalised(terms)
    if group is None:
        group = SynonymGroup(terms=normalised, updated_at=clock.now())
    else:
        group.terms = normalised
        group.updated_at = clock.now()
    group.save()
    audit_record(actor=by, action="knowledge.synonyms.save", target=group)
    transaction.on_commit(_synonyms_changed)
    _synonyms_changed()
    return group


@transaction.atomic
def synonym_group_delete(*, by, group: SynonymGroup) -> None:
    require_perm(by, "knowledge.delete_synonymgroup")
    audit_record(actor=by, action="knowledge.synonyms.delete", target=group)
    group.delete()
    transaction.on_commit(_synonyms_changed)
    _synonyms_changed()
