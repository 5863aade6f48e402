"""Reads of the knowledge base for the staff pages (/personale/viden/) and the
public help pages (/hjaelp/). Search itself is `search.search`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from indgang.catalogue import selectors as catalogue_selectors
from indgang.catalogue.models import Department, Service
from indgang.core import clock
from indgang.core.permissions import Role, has_role

from .models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    Audience,
    ReviewStatus,
    ReviewTask,
    SynonymGroup,
)

SEARCH_LIMIT_STAFF = 30
SEARCH_LIMIT_PUBLIC = 20


def _search(*, q: str, audience: str | None, limit: int) -> list:
    from . import search  # the one search function for staff, public pages and API

    return search.search(q=q, audience=audience, limit=limit)


def user_may_edit(user) -> bool:
    return bool(getattr(user, "is_active", False) and user.has_perm("knowledge.change_article"))


# --- Staff ----------------------------------------------------------------------


def staff_articles(*, user) -> QuerySet[Article]:
    """What a staff member may read: everything for authors (back office,
    managers); published articles of both audiences for the others."""
    qs = Article.objects.select_related("owner", "updated_by")
    if not user_may_edit(user):
        qs = qs.filter(status=ArticleStatus.PUBLISHED)
    return qs


def staff_article_list(
    *, user, status: str = "", audience: str = "", owner: int | None = None
) -> QuerySet[Article]:
    qs = staff_articles(user=user)
    if status in ArticleStatus.values:
        qs = qs.filter(status=status)
    if audience in Audience.values:
        qs = qs.filter(audience=audience)
    if owner:
        qs = qs.filter(owner_id=owner)
    return qs.order_by("title", "pk")


def staff_search(*, q: str, limit: int = SEARCH_LIMIT_STAFF) -> list:
    """Published articles of both audiences matching `q`, best first."""
    return _search(q=q, audience=None, limit=limit)


def staff_article_get(*, user, slug: str) -> Article | None:
    return (
        staff_articles(user=user)
        .prefetch_related(Prefetch("services", queryset=Service.objects.order_by("name")))
        .filter(slug=slug)
        .first()
    )


def article_versions(*, article: Article) -> QuerySet[ArticleVersion]:
    return article.versions.select_related("author").order_by("-version")


def article_version_get(*, article: Article, version: int) -> ArticleVersion | None:
    return article_versions(article=article).filter(version=version).first()


def owner_departments() -> QuerySet[Department]:
    return Department.objects.order_by("name")


def review_tasks_for(*, user) -> QuerySet[ReviewTask]:
    """Open review tasks: the user's department's (a manager: all)."""
    qs = ReviewTask.objects.filter(status=ReviewStatus.OPEN).select_related("article", "department")
    if has_role(user, Role.MANAGER):
        return qs.order_by("due_on", "pk")
    department_id = getattr(user, "department_id", None)
    if department_id is None:
        return qs.none()
    return qs.filter(department_id=department_id).order_by("due_on", "pk")


def synonym_groups() -> QuerySet[SynonymGroup]:
    return SynonymGroup.objects.order_by("pk")


# --- Public help ------------------------------------------------------------------


def public_search(*, q: str, limit: int = SEARCH_LIMIT_PUBLIC) -> list:
    """Published public articles matching `q`, best first."""
    q = (q or "").strip()
    if not q:
        return []
    return _search(q=q, audience=Audience.PUBLIC, limit=limit)


def public_article_get(*, slug: str) -> Article | None:
    """A published public article; None for drafts, archived and internal ones."""
    return (
        Article.objects.filter(slug=slug, status=ArticleStatus.PUBLISHED, audience=Audience.PUBLIC)
        .select_related("owner")
        .first()
    )


@dataclass(frozen=True)
class ServiceChannels:
    """A service's ways ahead at the end of a help article, fastest first:
    self-service link, book a time, call (with today's phone hours)."""

    service: Service
    self_service_url: str
    bookable: bool
    phone: str
    phone_today: object | None  # catalogue OpeningState for the department's phone line
    phone_authority: str  # when the service has no department: whom to call

    @property
    def any(self) -> bool:
        return bool(self.self_service_url or self.bookable or self.phone or self.phone_today)


def article_service_channels(
    *, article: Article, at: datetime | None = None
) -> list[ServiceChannels]:
    """For each active service of the article, its channels in the catalogue's
    order (self-service, personal attendance by booking, phone)."""
    at = at or clock.now()
    result: list[ServiceChannels] = []
    for service in article.services.filter(is_archived=False).order_by("name"):
        page = catalogue_selectors.service_page_get(slug=service.slug, at=at)
        if page is None:
            continue
        entry = page.entry
        channels = {o.channel: o for o in entry.options}
        self_service = channels.get("self_service")
        has_phone = "phone" in channels
        department = entry.service.department
        result.append(
            ServiceChannels(
                service=entry.service,
                self_service_url=self_service.url if self_service else "",
                bookable="personal" in channels,
                phone=(department.phone if (has_phone and department) else ""),
                phone_today=entry.phone if has_phone else None,
                phone_authority=(
                    entry.service.authority.name if (has_phone and department is None) else ""
                ),
            )
        )
    return result
