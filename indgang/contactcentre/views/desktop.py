"""The agent desktop (/personale/kontaktcenter/): one screen for a call or a
chat in progress. Search the knowledge base (results as you type with htmx,
or a plain GET form), read the article, and end the call with one of the
outcome buttons; each records a contact (`desktop.py`).

State lives in the URL (`?q=…&article=…&service=…`) and the channel (phone or
chat) in the session. Outcome forms POST; without JavaScript the answer is a
redirect to a cleared desktop showing the confirmation, with htmx the main
region is swapped (cleared) and the confirmation goes into the aria-live
status region out of band.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indgang.catalogue.models import Channel, Department, Service
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from .. import desktop, selectors
from ..forms_desktop import CallbackForm, SelfServiceForm, ServiceChoiceForm, TransferDepartmentForm

ROLES = (Role.CONTACT_CENTRE, Role.MANAGER)
CHANNEL_KEY = "contactcentre_desktop_channel"
NOTICE_KEY = "contactcentre_desktop_notice"
SEARCH_LIMIT = 8


def _channel(request) -> str:
    channel = request.session.get(CHANNEL_KEY)
    return channel if channel in desktop.DESKTOP_CHANNELS else Channel.PHONE


def _search(q: str) -> list:
    q = (q or "").strip()
    if not q:
        return []
    from indgang.knowledge.search import search

    return search(q=q, audience=None, limit=SEARCH_LIMIT)


def _article(pk) -> object | None:
    from indgang.knowledge.models import Article, ArticleStatus

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        Article.objects.filter(pk=pk, status=ArticleStatus.PUBLISHED)
        .prefetch_related("services__department")
        .first()
    )


def _service(pk) -> Service | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return Service.objects.select_related("department", "subject_area").filter(pk=pk).first()


def _state(data) -> dict:
    """The call's state from GET or POST: search text, article and service."""
    article = _article(data.get("article"))
    services = list(article.services.all()) if article else []
    service = _service(data.get("service"))
    if service is None and services:
        service = services[0]
    return {
        "q": (data.get("q") or "").strip(),
        "article": article,
        "services": services,
        "service": service,
    }


def _department_entry(department: Department | None, at):
    if department is None:
        return None
    for entry in selectors.directory(at=at):
        if entry.department.pk == department.pk:
            return entry
    state = selectors.department_phone_state(department=department, at=at)
    return selectors.DepartmentEntry(
        department=department,
        open_now=state.open_now,
        phone_hours_today=state.hours_today,
        next_open=state.next_open,
        staff=[],
    )


def _context(request, state: dict, **extra) -> dict:
    at = clock.now()
    service = state["service"]
    department = service.department if service else None
    entry = _department_entry(department, at)
    closed_message = (
        desktop.department_closed_message(department=department, at=at) if department else None
    )
    article_html = None
    if state["article"] is not None:
        from indgang.knowledge.render import article_html as render_article

        article_html = render_article(state["article"])
    context = {
        "channel": _channel(request),
        "channels": [(c.value, c.label) for c in desktop.DESKTOP_CHANNELS],
        "q": state["q"],
        "hits": _search(state["q"]),
        "article": state["article"],
        "article_html": article_html,
        "services": state["services"],
        "service": service,
        "service_form": ServiceChoiceForm(initial={"service": service}),
        "department": department,
        "entry": entry,
        "transferable": [s for s in entry.staff if s.transferable] if entry else [],
        "closed_message": closed_message,
        "callback_form": CallbackForm(initial={"department": department}),
        "self_service_form": SelfServiceForm(),
        "transfer_form": TransferDepartmentForm(),
        "proposal": None,
        "futile_contact": None,
        "error": None,
        "open": "",
    }
    context.update(extra)
    return context


@require_GET
@role_required(*ROLES)
def desktop_page(request):
    context = _context(request, _state(request.GET))
    context["notice"] = request.session.pop(NOTICE_KEY, None)
    return render(request, "contactcentre/desktop.html", context)


@require_GET
@role_required(*ROLES)
def desktop_search(request):
    """The result list only (htmx, as the agent types)."""
    q = (request.GET.get("q") or "").strip()
    return render(
        request,
        "contactcentre/desktop_results.html",
        {"q": q, "hits": _search(q), "service": _service(request.GET.get("service"))},
    )


@require_POST
@role_required(*ROLES)
def desktop_channel(request):
    channel = request.POST.get("channel")
    if channel in desktop.DESKTOP_CHANNELS:
        request.session[CHANNEL_KEY] = channel
    return redirect(reverse("contactcentre:desktop"))


def _done(request, text: str):
    """Success: a cleared desktop with the confirmation."""
    notice = {"level": "success", "text": text}
    if request.htmx:
        context = _context(request, _state({}), notice=notice, oob_notice=True)
        return render(request, "contactcentre/desktop_main.html", context)
    request.session[NOTICE_KEY] = notice
    return redirect(reverse("contactcentre:desktop"))


def _again(request, state: dict, **extra):
    """Show the same call again: an error, or a proposal to act on."""
    notice = extra.pop("notice", None)  # errors are shown in the outcome panel's alert
    context = _context(request, state, notice=notice, oob_notice=bool(request.htmx), **extra)
    template = "contactcentre/desktop_main.html" if request.htmx else "contactcentre/desktop.html"
    return render(request, template, context)


def _what(service, subject_area=None) -> str:
    if service is not None:
        return f" ({service.name})"
    if subject_area is not None:
        return f" ({subject_area.display_name})"
    return ""


@require_POST
@role_required(*ROLES)
def desktop_outcome(request):
    state = _state(request.POST)
    channel = _channel(request)
    service = state["service"]
    user = request.user
    outcome = request.POST.get("outcome", "")
    channel_label = Channel(channel).label
    try:
        if outcome == "resolved":
            desktop.resolve(by=user, channel=channel, service=service)
            return _done(
                request,
                _("Registreret: afklaret%(what)s, %(channel)s. Klar til næste henvendelse.")
                % {"what": _what(service), "channel": channel_label},
            )
        if outcome == "transfer_user":
            from django.contrib.auth import get_user_model

            to_user = (
                get_user_model()
                .objects.select_related("department", "presence")
                .filter(pk=request.POST.get("to_user") or 0)
                .first()
            )
            if to_user is None:
                raise DomainError(_("Vælg den medarbejder, opkaldet skal viderestilles til."))
            desktop.transfer(by=user, channel=channel, to_user=to_user, service=service)
            return _done(
                request,
                _("Registreret: viderestillet til %(name)s%(what)s.")
                % {"name": to_user.get_full_name() or to_user.username, "what": _what(service)},
            )
        if outcome == "transfer_department":
            form = TransferDepartmentForm(request.POST)
            if not form.is_valid():
                return _again(
                    request,
                    state,
                    transfer_form=form,
                    error=form.errors["department"][0],
                    open="transfer",
                )
            department = form.cleaned_data["department"]
            closed = desktop.department_closed_message(department=department, at=clock.now())
            if closed:
                return _again(
                    request,
                    state,
                    transfer_form=form,
                    error=closed,
                    closed_department=department,
                    open="transfer",
                )
            desktop.transfer(by=user, channel=channel, department=department, service=service)
            return _done(
                request,
                _("Registreret: viderestillet til %(department)s%(what)s.")
                % {"department": department.name, "what": _what(service)},
            )
        if outcome in ("futile", "futile_callback"):
            department = None
            if request.POST.get("department"):
                department = Department.objects.filter(pk=request.POST["department"]).first()
            result = desktop.futile(
                by=user, channel=channel, department=department, service=service
            )
            if outcome == "futile_callback" or result.proposal is not None:
                proposal_department = (
                    result.proposal.department if result.proposal else department
                ) or (service.department if service else None)
                text = _("Registreret: forgæves kald%(what)s.") % {"what": _what(service)}
                if result.proposal:
                    text = f"{text} {result.proposal.message} " + _(
                        "Opret et tilbagekald herunder."
                    )
                return _again(
                    request,
                    state,
                    notice={"level": "info", "text": text},
                    proposal=result.proposal,
                    futile_contact=result.contact,
                    callback_form=CallbackForm(initial={"department": proposal_department}),
                    open="callback",
                )
            return _done(
                request,
                _("Registreret: forgæves kald%(what)s. Klar til næste henvendelse.")
                % {"what": _what(service)},
            )
        if outcome == "callback":
            form = CallbackForm(request.POST)
            futile_contact = request.POST.get("futile_contact") or ""
            if not form.is_valid():
                return _again(
                    request,
                    state,
                    callback_form=form,
                    error=" ".join(e for errors in form.errors.values() for e in errors),
                    futile_contact={"pk": futile_contact} if futile_contact else None,
                    open="callback",
                )
            data = form.cleaned_data
            try:
                result = desktop.callback(
                    by=user,
                    channel=channel,
                    department=data["department"],
                    question=data["question"],
                    citizen_name=data["citizen_name"],
                    citizen_phone=data["citizen_phone"],
                    service=service,
                    record_contact=not futile_contact,
                )
            except DomainError as exc:
                return _again(
                    request,
                    state,
                    callback_form=form,
                    error=str(exc.message),
                    futile_contact={"pk": futile_contact} if futile_contact else None,
                    open="callback",
                )
            from django.utils import timezone
            from django.utils.formats import date_format

            return _done(
                request,
                _("Registreret: tilbagekald til %(department)s med frist %(deadline)s.")
                % {
                    "department": result.task.department.name,
                    "deadline": date_format(
                        timezone.localtime(result.task.deadline), "j. F \\k\\l. H.i"
                    ),
                },
            )
        if outcome == "self_service":
            form = SelfServiceForm(request.POST)
            if not form.is_valid():
                return _again(
                    request,
                    state,
                    self_service_form=form,
                    error=" ".join(e for errors in form.errors.values() for e in errors),
                    open="self_service",
                )
            try:
                result = desktop.refer_self_service(
                    by=user,
                    channel=channel,
                    service=service,
                    phone=form.cleaned_data["phone"],
                    email=form.cleaned_data["email"],
                )
            except DomainError as exc:
                return _again(
                    request,
                    state,
                    self_service_form=form,
                    error=str(exc.message),
                    open="self_service",
                )
            text = _("Registreret: henvist til selvbetjening%(what)s.") % {"what": _what(service)}
            if result.messages:
                text = f"{text} " + _("Linket er sendt.")
            return _done(request, text)
        raise DomainError(_("Vælg hvordan henvendelsen endte."))
    except DomainError as exc:
        return _again(request, state, error=str(exc.message))


urlpatterns = [
    path("kontaktcenter/", desktop_page, name="desktop"),
    path("kontaktcenter/soeg/", desktop_search, name="desktop_search"),
    path("kontaktcenter/kanal/", desktop_channel, name="desktop_channel"),
    path("kontaktcenter/udfald/", desktop_outcome, name="desktop_outcome"),
]
