"""The knowledge base: articles for the contact centre (internal) and for
citizens (public), their version history, synonym groups for search, and
review tasks when an article's review date passes.

Search lives in `search.py` (PostgreSQL full-text + pg_trgm, SQLite FTS5 with
a Danish Snowball stemmer) and is kept in step by `services.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department, Service


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internt (medarbejdere)")
    PUBLIC = "public", _("Offentligt (borgere)")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Kladde")
    PUBLISHED = "published", _("Udgivet")
    ARCHIVED = "archived", _("Arkiveret")


class Article(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("resumé"), max_length=600, blank=True)
    body = models.TextField(_("tekst (Markdown)"), blank=True)
    services = models.ManyToManyField(
        Service, blank=True, related_name="articles", verbose_name=_("ydelser")
    )
    audience = models.CharField(
        _("målgruppe"), max_length=10, choices=Audience.choices, default=Audience.INTERNAL
    )
    owner = models.ForeignKey(
        Department,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("ansvarlig afdeling"),
    )
    review_by = models.DateField(_("gennemses senest"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("oprettet"))
    updated_at = models.DateTimeField(_("opdateret"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opdateret af"),
    )

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikler")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["audience", "status"], name="article_audience_status_idx"),
            models.Index(fields=["review_by"], name="article_review_by_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """A saved state of an article: who wrote it and when."""

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="versions", verbose_name=_("artikel")
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("resumé"), blank=True)
    body = models.TextField(_("tekst"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ArticleStatus.choices)
    audience = models.CharField(_("målgruppe"), max_length=10, choices=Audience.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forfatter"),
    )
    created_at = models.DateTimeField(_("gemt"))

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        ordering = ["article", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="article_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version}"


class SynonymGroup(models.Model):
    """Words that mean the same to a citizen, e.g. sygesikringskort,
    sundhedskort, det gule kort. A search for one finds the others."""

    terms = models.TextField(
        _("ord"), help_text=_("Et ord eller udtryk pr. linje eller adskilt med komma.")
    )
    updated_at = models.DateTimeField(_("opdateret"))

    class Meta:
        verbose_name = _("synonymgruppe")
        verbose_name_plural = _("synonymgrupper")
        ordering = ["pk"]

    def __str__(self) -> str:
        return ", ".join(self.term_list()[:4])

    def term_list(self) -> list[str]:
        raw = self.terms.replace("\n", ",")
        return [t.strip().lower() for t in raw.split(",") if t.strip()]


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Gennemset")


class ReviewTask(models.Model):
    """An article whose review date has passed: its owner department must
    check it. One open task per article (`review_tasks_create`)."""

    article = models.ForeignKey(
        Article, models.CASCADE, related_name="review_tasks", verbose_name=_("artikel")
    )
    department = models.ForeignKey(
        Department,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afdeling"),
    )
    due_on = models.DateField(_("gennemses senest"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    created_at = models.DateTimeField(_("oprettet"))
    done_at = models.DateTimeField(_("gennemset"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gennemset af"),
    )

    class Meta:
        verbose_name = _("gennemsynsopgave")
        verbose_name_plural = _("gennemsynsopgaver")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(status="open"),
                name="review_task_one_open_per_article",
            )
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.due_on})"
