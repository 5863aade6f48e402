"""The digital mail inbox under /personale/post/ (contact centre and
managers): the list by deadline with filters, and a mail's page with the
suggestion (changeable), answer, forward and turn into a callback.

Every form posts and redirects (works without JavaScript); a refused action
shows the page again with an error summary (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from indgang.contacts.models import MailKind
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from . import selectors, services
from .forms import AnswerForm, CallbackForm, ForwardForm, InboxFilterForm, TriageForm
from .models import MailStatus

INBOX_ROLES = (Role.CONTACT_CENTRE, Role.MANAGER)
PAGE_SIZE = 50


@require_http_methods(["GET"])
@role_required(*INBOX_ROLES)
def inbox(request):
    form = InboxFilterForm(request.GET or None)
    status, department = form.values()
    paginator = Paginator(selectors.mail_inbox(status=status, department=department), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = {k: v for k, v in (("status", status), ("department", department)) if v}
    return render(
        request,
        "digitalmail/inbox.html",
        {
            "form": form,
            "page": page,
            "mails": selectors.mails_mark_overdue(page.object_list),
            "query": urlencode(query),
            "status": status,
            "open_count": selectors.open_count(),
            "now": clock.localnow(),
        },
    )


def _error_links(form) -> list[tuple[str, str]]:
    first = next(iter(form.fields), None)
    links = []
    for name, errors in form.errors.items():
        target = name if name in form.fields else first
        anchor = f"#{form[target].auto_id}" if target else "#"
        links.extend((error, anchor) for error in errors)
    return links


def _forms(mail, *, data=None, action: str = "") -> dict:
    def bound(name):
        return data if action == name else None

    return {
        "triage_form": TriageForm(
            bound("triage"),
            prefix="triage",
            initial={
                "subject_area": mail.subject_area_id,
                "department": mail.department_id,
                "service": mail.service_id,
            },
        ),
        "answer_form": AnswerForm(
            bound("answer"), prefix="answer", secure=mail.kind == MailKind.SECURE
        ),
        "forward_form": ForwardForm(
            bound("forward"), prefix="forward", initial={"department": mail.department_id}
        ),
        "callback_form": CallbackForm(
            bound("callback"), prefix="callback", initial={"department": mail.department_id}
        ),
    }


def _page(request, mail, *, forms: dict | None = None, status: int = 200):
    forms = forms or _forms(mail)
    error_links = [link for f in forms.values() if f.is_bound for link in _error_links(f)]
    return render(
        request,
        "digitalmail/mail.html",
        {
            "mail": mail,
            "secure": mail.kind == MailKind.SECURE,
            "is_open": mail.status == MailStatus.NEW and mail.anonymised_at is None,
            "overdue": selectors.mail_is_overdue(mail),
            "error_links": error_links,
            **forms,
        },
        status=status,
    )


def _act(request, mail, action: str, form) -> str:
    """Call the service for `action`; returns the confirmation."""
    data = form.cleaned_data
    if action == "triage":
        services.mail_triage_set(mail=mail, by=request.user, **data)
        return _("Fagområde, afdeling og ydelse er gemt.")
    if action == "answer":
        services.mail_answer(mail=mail, by=request.user, text=data["text"])
        if mail.kind == MailKind.SECURE:
            return _("Mailen er markeret som besvaret.")
        return _("Svaret er sendt til %(address)s.") % {"address": mail.sender_address}
    if action == "forward":
        services.mail_forward(
            mail=mail, by=request.user, department=data["department"], note=data["note"]
        )
        return _("Mailen er videresendt til %(department)s.") % {
            "department": data["department"].name
        }
    task = services.mail_to_callback(
        mail=mail,
        by=request.user,
        phone=data["phone"],
        note=data["note"],
        department=data["department"],
    )
    return _("Der er oprettet et tilbagekald til %(department)s.") % {
        "department": task.department.name
    }


@require_http_methods(["GET", "POST"])
@role_required(*INBOX_ROLES)
def mail_detail(request, pk: int):
    mail = selectors.mail_get(pk=pk)
    if mail is None:
        raise Http404
    if request.method == "GET":
        return _page(request, mail)
    action = request.POST.get("action", "")
    if action not in ("triage", "answer", "forward", "callback"):
        return redirect(reverse("digitalmail:mail", kwargs={"pk": mail.pk}))
    forms = _forms(mail, data=request.POST, action=action)
    form = forms[f"{action}_form"]
    if not form.is_valid():
        return _page(request, mail, forms=forms, status=400)
    try:
        confirmation = _act(request, mail, action, form)
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _page(request, mail, forms=forms, status=400)
    messages.success(request, confirmation)
    if action == "triage":
        return redirect(reverse("digitalmail:mail", kwargs={"pk": mail.pk}))
    return redirect(reverse("digitalmail:inbox"))
