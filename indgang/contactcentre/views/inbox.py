"""The directory (telefonbog), the back-office inbox and the callback page,
under /personale/.

Every form posts and redirects back (works without JavaScript); the directory
refreshes its list with htmx every 30 seconds.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from .. import inbox_sections, selectors, services
from ..forms_inbox import CallbackNoteForm, DirectorySearchForm, PhoneHoursForm, PresenceForm
from ..models import CallbackStatus, Presence

DIRECTORY_ROLES = (Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.MANAGER)
INBOX_ROLES = (Role.BACK_OFFICE, Role.MANAGER)
CALLBACK_ROLES = (Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.MANAGER)
# K2's page for knowledge review tasks.
REVIEW_PAGE = "/personale/viden/gennemsyn/"


def _error_links(form) -> list[tuple[str, str]]:
    return [
        (error, f"#{form[name].auto_id}" if name in form.fields else "#")
        for name, errors in form.errors.items()
        for error in errors
    ]


@require_http_methods(["GET"])
@role_required(*DIRECTORY_ROLES)
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    context = {
        "form": form,
        "q": q,
        "entries": selectors.directory(q=q),
        "now": clock.localnow(),
    }
    if request.htmx:
        return render(request, "contactcentre/directory_results.html", context)
    return render(request, "contactcentre/directory.html", context)


def _inbox_context(request, **forms) -> dict:
    user = request.user
    department = user.department
    presence = selectors.presence_of(user)
    return {
        "presence": presence,
        "presence_label": Presence(presence).label,
        "presence_form": forms.get("presence_form")
        or PresenceForm(
            initial={
                "status": presence,
                "note": getattr(getattr(user, "presence", None), "note", ""),
            }
        ),
        "hours_form": forms.get("hours_form") or PhoneHoursForm(),
        "my_hours": selectors.my_phone_hours(user=user),
        "department": department,
        "queue": selectors.callback_queue(department=department) if department else [],
        "assigned": selectors.callbacks_assigned(user=user),
        "review_tasks": selectors.review_tasks_open(department=department),
        "review_page": REVIEW_PAGE,
        "extra_sections": inbox_sections.sections_for(user=user),
        "error_links": [
            link for f in forms.values() if f is not None and f.is_bound for link in _error_links(f)
        ],
    }


def _inbox_post(request):
    user = request.user
    action = request.POST.get("action", "")
    if action == "presence":
        form = PresenceForm(request.POST)
        if not form.is_valid():
            return None, {"presence_form": form}
        services.presence_set(
            user=user, by=user, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )
        messages.success(
            request,
            _("Din status er nu: %(status)s.")
            % {"status": Presence(form.cleaned_data["status"]).label},
        )
    elif action == "add_hours":
        form = PhoneHoursForm(request.POST)
        if not form.is_valid():
            return None, {"hours_form": form}
        try:
            services.staff_phone_hours_add(user=user, by=user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            return None, {"hours_form": form}
        messages.success(request, _("Telefontiden er tilføjet."))
    elif action == "remove_hours":
        pk = request.POST.get("hours", "")
        try:
            services.staff_phone_hours_remove(user=user, by=user, pk=int(pk) if pk.isdigit() else 0)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Telefontiden er fjernet."))
    return redirect(reverse("contactcentre:inbox")), {}


@require_http_methods(["GET", "POST"])
@role_required(*INBOX_ROLES)
def inbox(request):
    if request.method == "POST":
        response, forms = _inbox_post(request)
        if response is not None:
            return response
        return render(
            request, "contactcentre/inbox.html", _inbox_context(request, **forms), status=400
        )
    return render(request, "contactcentre/inbox.html", _inbox_context(request))


CALLBACK_ACTIONS = {
    "done": CallbackStatus.DONE,
    "not_reached": CallbackStatus.NOT_REACHED,
    "in_progress": CallbackStatus.IN_PROGRESS,
}


def _callback_context(request, task, note_form=None) -> dict:
    user = request.user
    return {
        "task": task,
        "overdue": selectors.callback_is_overdue(task),
        "can_act": selectors.callback_can_act(task=task, user=user),
        "see_citizen": selectors.callback_can_see_citizen(task=task, user=user),
        "note_form": note_form or CallbackNoteForm(),
        "error_links": _error_links(note_form) if note_form is not None else [],
    }


@require_http_methods(["GET", "POST"])
@role_required(*CALLBACK_ROLES)
def callback(request, pk: int):
    task = selectors.callback_get(pk=pk)
    if task is None:
        raise Http404
    if not selectors.callback_can_view(task=task, user=request.user):
        raise DjangoDenied(_("Din rolle giver ikke adgang til denne side."))
    if request.method == "POST":
        if not selectors.callback_can_act(task=task, user=request.user):
            raise DjangoDenied(_("Opgaven hører til en anden afdeling."))
        action = request.POST.get("action", "")
        try:
            if action == "take":
                services.callback_take(task=task, by=request.user)
                messages.success(request, _("Du har taget opgaven."))
            elif action in CALLBACK_ACTIONS:
                status = CALLBACK_ACTIONS[action]
                services.callback_update(task=task, by=request.user, status=status)
                messages.success(request, _("Status er nu: %(status)s.") % {"status": status.label})
            elif action == "note":
                form = CallbackNoteForm(request.POST)
                if not form.is_valid():
                    return render(
                        request,
                        "contactcentre/callback.html",
                        _callback_context(request, task, form),
                        status=400,
                    )
                services.callback_update(
                    task=task, by=request.user, notes=form.cleaned_data["notes"]
                )
                messages.success(request, _("Noten er tilføjet."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect(reverse("contactcentre:callback", kwargs={"pk": task.pk}))
    return render(request, "contactcentre/callback.html", _callback_context(request, task))


urlpatterns = [
    path("kontaktcenter/telefonbog/", directory, name="directory"),
    path("indbakke/", inbox, name="inbox"),
    path("tilbagekald/<int:pk>/", callback, name="callback"),
]
