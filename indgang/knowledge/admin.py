"""Danish admin for the knowledge base. Articles are written on the staff pages
(/personale/viden/), which keep the version history; here versions are read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .forms import SynonymGroupForm
from .models import Article, ArticleVersion, ReviewTask, SynonymGroup


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    extra = 0
    can_delete = False
    fields = ("version", "title", "status", "audience", "author", "created_at")
    readonly_fields = fields
    ordering = ("-version",)
    show_change_link = False

    def has_view_permission(self, request, obj=None) -> bool:
        # Whoever may see the article may see its history.
        return request.user.has_perm("knowledge.view_article")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "status", "owner", "review_by", "version", "updated_at")
    list_filter = ("status", "audience", "owner")
    search_fields = ("title", "summary", "slug")
    readonly_fields = ("version", "created_at", "updated_at", "updated_by")
    filter_horizontal = ("services",)
    inlines = [ArticleVersionInline]
    list_select_related = ("owner",)

    def has_add_permission(self, request) -> bool:
        # New articles get their first version through the staff pages.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Changes must write a version: only on the staff pages.
        return False


@admin.register(SynonymGroup)
class SynonymGroupAdmin(admin.ModelAdmin):
    form = SynonymGroupForm
    list_display = ("__str__", "updated_at")
    search_fields = ("terms",)
    readonly_fields = ("updated_at",)

    def save_model(self, request, obj, form, change):
        from . import services

        saved = services.synonym_group_save(
            by=request.user, terms=form.cleaned_data["terms"], group=obj if change else None
        )
        obj.pk, obj.terms, obj.updated_at = saved.pk, saved.terms, saved.updated_at

    def delete_model(self, request, obj):
        from . import services

        services.synonym_group_delete(by=request.user, group=obj)


@admin.register(ReviewTask)
class ReviewTaskAdmin(admin.ModelAdmin):
    list_display = ("article", "department", "due_on", "status", "done_at", "done_by")
    list_filter = ("status", "department")
    readonly_fields = ("article", "department", "due_on", "created_at", "done_at", "done_by")
    list_select_related = ("article", "department", "done_by")
    actions = ["mark_done"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Markér som gennemset (næste gennemsyn om et år)"))
    def mark_done(self, request, queryset):
        from indgang.core.errors import DomainError

        from . import services

        done = 0
        for task in queryset.filter(status="open"):
            try:
                services.review_task_done(task=task, by=request.user)
            except DomainError:
                continue
            done += 1
        self.message_user(request, _("%(n)s opgaver er markeret som gennemset.") % {"n": done})
