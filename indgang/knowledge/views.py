"""Knowledge pages.

Staff (/personale/viden/): the article list with search, an article, new and
edit (back office and managers), version history, review tasks and synonym
groups (managers). Front desk and contact centre read published articles of
both audiences.

Public help (/hjaelp/): search public articles and read one, ending with the
service's channels. No login; works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from indgang.core.errors import DomainError
from indgang.core.errors import PermissionDenied as DomainDenied
from indgang.core.permissions import Role, has_role, role_required

from . import selectors, services
from .forms import ArticleForm, ReviewDoneForm, SearchForm, StaffFilterForm, SynonymGroupForm
from .models import ArticleStatus, Audience, ReviewTask, SynonymGroup
from .render import article_html

READERS = (Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.MANAGER)
AUTHORS = (Role.BACK_OFFICE, Role.MANAGER)
PAGE_SIZE = 50


def _error_links(*forms) -> list[tuple[str, str]]:
    links = []
    for form in forms:
        for message in form.non_field_errors():
            links.append((message, "#main-content"))
        for name, errors in form.errors.items():
            if name == "__all__":
                continue
            field = form[name]
            widget_id = field.auto_id
            if getattr(field.field.widget, "input_type", "") in ("radio", "checkbox"):
                widget_id = f"{widget_id}_0"
            links += [(message, f"#{widget_id}") for message in errors]
    return links


def _require_perm(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise DjangoDenied(_("Din rolle giver ikke adgang til denne side."))


# --- Staff: list, article, history --------------------------------------------------


@require_safe
@role_required(*READERS)
def staff_list(request):
    form = StaffFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    q = (data.get("q") or "").strip()
    hits, page = [], None
    if q:
        hits = selectors.staff_search(q=q)
    else:
        owner = data.get("owner")
        articles = selectors.staff_article_list(
            user=request.user,
            status=data.get("status") or "",
            audience=data.get("audience") or "",
            owner=owner.pk if owner else None,
        )
        page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "knowledge/staff_list.html",
        {
            "form": form,
            "q": q,
            "hits": hits,
            "page": page,
            "query": query.urlencode(),
            "may_edit": selectors.user_may_edit(request.user),
            "may_review": request.user.has_perm("knowledge.change_reviewtask"),
            "may_synonyms": request.user.has_perm("knowledge.change_synonymgroup"),
        },
    )


def _staff_article_or_404(request, slug: str):
    article = selectors.staff_article_get(user=request.user, slug=slug)
    if article is None:
        raise Http404
    return article


@require_safe
@role_required(*READERS)
def staff_article(request, slug: str):
    article = _staff_article_or_404(request, slug)
    return render(
        request,
        "knowledge/staff_article.html",
        {
            "article": article,
            "body": article_html(article),
            "may_edit": selectors.user_may_edit(request.user),
        },
    )


@require_safe
@role_required(*READERS)
def staff_history(request, slug: str):
    article = _staff_article_or_404(request, slug)
    return render(
        request,
        "knowledge/staff_history.html",
        {"article": article, "versions": selectors.article_versions(article=article)},
    )


@require_safe
@role_required(*READERS)
def staff_version(request, slug: str, version: int):
    article = _staff_article_or_404(request, slug)
    old = selectors.article_version_get(article=article, version=version)
    if old is None:
        raise Http404
    return render(
        request,
        "knowledge/staff_version.html",
        {"article": article, "old": old, "body": article_html(old)},
    )


# --- Staff: write ---------------------------------------------------------------------


def _article_form_page(request, form, *, article=None, status=200):
    return render(
        request,
        "knowledge/staff_form.html",
        {"form": form, "article": article, "error_links": _error_links(form)},
        status=status,
    )


def _article_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "summary": data.get("summary") or "",
        "body": data.get("body") or "",
        "audience": data["audience"],
        "status": data["status"],
        "owner": data.get("owner"),
        "review_by": data.get("review_by"),
        "services": list(data.get("services") or []),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*AUTHORS)
def staff_new(request):
    _require_perm(request, "knowledge.add_article")
    if request.method == "POST":
        form = ArticleForm(request.POST)
        if form.is_valid():
            try:
                article = services.article_create(
                    by=request.user, **_article_fields(form.cleaned_data)
                )
            except DomainDenied as exc:
                raise DjangoDenied(str(exc.message)) from exc
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Artiklen er oprettet."))
                return redirect("knowledge_staff:article", slug=article.slug)
        return _article_form_page(request, form, status=400)
    initial = {
        "audience": Audience.INTERNAL,
        "status": ArticleStatus.DRAFT,
        "owner": getattr(request.user, "department_id", None),
    }
    return _article_form_page(request, ArticleForm(initial=initial))


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*AUTHORS)
def staff_edit(request, slug: str):
    _require_perm(request, "knowledge.change_article")
    article = _staff_article_or_404(request, slug)
    if request.method == "POST":
        form = ArticleForm(request.POST)
        if form.is_valid():
            try:
                services.article_update(
                    article=article, by=request.user, **_article_fields(form.cleaned_data)
                )
            except DomainDenied as exc:
                raise DjangoDenied(str(exc.message)) from exc
            except DomainError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("Artiklen er gemt som en ny version."))
                return redirect("knowledge_staff:article", slug=article.slug)
        return _article_form_page(request, form, article=article, status=400)
    initial = {
        "title": article.title,
        "summary": article.summary,
        "body": article.body,
        "services": list(article.services.all()),
        "audience": article.audience,
        "owner": article.owner_id,
        "review_by": article.review_by,
        "status": article.status,
    }
    return _article_form_page(request, ArticleForm(initial=initial), article=article)


# --- Staff: review tasks -----------------------------------------------------------------


@require_safe
@role_required(*AUTHORS)
def review_list(request):
    _require_perm(request, "knowledge.view_reviewtask")
    tasks = list(selectors.review_tasks_for(user=request.user))
    return render(
        request,
        "knowledge/review_list.html",
        {
            "tasks": [(task, ReviewDoneForm(prefix=f"t{task.pk}")) for task in tasks],
            "no_department": not has_role(request.user, Role.MANAGER)
            and request.user.department_id is None,
        },
    )


@require_POST
@role_required(*AUTHORS)
def review_done(request, pk: int):
    _require_perm(request, "knowledge.change_reviewtask")
    task = get_object_or_404(ReviewTask.objects.select_related("article"), pk=pk)
    if not services.review_task_may_close(task=task, user=request.user):
        raise DjangoDenied(_("Opgaven hører til en anden afdeling."))
    form = ReviewDoneForm(request.POST, prefix=f"t{task.pk}")
    if form.is_valid():
        try:
            services.review_task_done(
                task=task, by=request.user, review_by=form.cleaned_data.get("review_by")
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("%(title)s er markeret som gennemset.") % {"title": task.article.title},
            )
    else:
        messages.error(request, " ".join(form.errors.get("review_by", [])))
    return redirect("knowledge_staff:reviews")


# --- Staff: synonym groups (managers) ------------------------------------------------------


def _synonyms_page(request, form, *, group=None, status=200):
    return render(
        request,
        "knowledge/synonyms.html",
        {
            "groups": selectors.synonym_groups(),
            "form": form,
            "editing": group,
            "error_links": _error_links(form),
        },
        status=status,
    )


def _synonym_save(request, group):
    form = SynonymGroupForm(request.POST, instance=group)
    if form.is_valid():
        try:
            services.synonym_group_save(
                by=request.user, terms=form.cleaned_data["terms"], group=group
            )
        except DomainError as exc:
            form.add_error("terms", str(exc.message))
        else:
            messages.success(request, _("Synonymgruppen er gemt."))
            return redirect("knowledge_staff:synonyms")
    return _synonyms_page(request, form, group=group, status=400)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MANAGER)
def synonyms(request):
    _require_perm(request, "knowledge.add_synonymgroup")
    if request.method == "POST":
        return _synonym_save(request, None)
    return _synonyms_page(request, SynonymGroupForm())


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(Role.MANAGER)
def synonym_edit(request, pk: int):
    _require_perm(request, "knowledge.change_synonymgroup")
    group = get_object_or_404(SynonymGroup, pk=pk)
    if request.method == "POST":
        # A fresh copy: a failed save must not show unsaved terms as the group's.
        return _synonym_save(request, SynonymGroup.objects.get(pk=pk))
    return _synonyms_page(request, SynonymGroupForm(instance=group), group=group)


@require_POST
@role_required(Role.MANAGER)
def synonym_delete(request, pk: int):
    _require_perm(request, "knowledge.delete_synonymgroup")
    group = get_object_or_404(SynonymGroup, pk=pk)
    services.synonym_group_delete(by=request.user, group=group)
    messages.success(request, _("Synonymgruppen er slettet."))
    return redirect("knowledge_staff:synonyms")


# --- Public help ------------------------------------------------------------------------------


@require_safe
def help_search(request):
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    hits = selectors.public_search(q=q) if q else []
    return render(
        request,
        "knowledge/help.html",
        {"form": form, "q": q, "hits": hits, "searched": bool(q)},
    )


@require_safe
def help_article(request, slug: str):
    article = selectors.public_article_get(slug=slug)
    if article is None:
        raise Http404
    return render(
        request,
        "knowledge/help_article.html",
        {
            "article": article,
            "body": article_html(article),
            "channels": selectors.article_service_channels(article=article),
            "form": SearchForm(),
        },
    )
