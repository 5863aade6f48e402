"""The citizen's chat (no login).

- `/chat/widget.js` — the loader a municipality puts on its website with one
  script tag. It adds a "Chat med kommunen" button that opens the chat page
  in an iframe; the iframe's origin is Indgang, so the page's API calls and
  WebSocket are same-origin.
- `/chat/` (English `/en/chat/`) — the chat page, on its own or in the
  widget's iframe (`?embed=1`: no site header and footer). The citizen writes
  the question, sees matching public articles while typing, starts the chat
  and follows the queue place live (static/chat/chat.js). Outside chat hours
  it says so with the next opening, shows the best-matching articles, links to
  booking and offers a callback request. Without JavaScript the question form
  shows the matching articles and the callback form still works.
- `/chat/ring-mig-op/` — the callback request (contactcentre.services.callback_request).

The pages may be framed by any site (CSP `frame-ancestors`), or only by
settings.CHAT_WIDGET_ORIGINS when that is set. Questions, names and phone
numbers are never logged.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from indgang.contactcentre import services as contactcentre_services
from indgang.contactcentre.services import when_text
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.phone import phone_display
from indgang.knowledge import selectors as knowledge_selectors

from . import selectors
from .forms import CallbackForm, QuestionForm

SUGGESTIONS = 5
LOADER_STATIC = "chat/widget.js"
CALLBACK_RATE_DEFAULT = "20/hour"
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


# --- Framing ----------------------------------------------------------------------------


def _frameable(response: HttpResponse) -> HttpResponse:
    """Let the municipality's website show the page in the widget's iframe."""
    origins = getattr(settings, "CHAT_WIDGET_ORIGINS", None) or ["*"]
    response["Content-Security-Policy"] = "frame-ancestors 'self' " + " ".join(origins)
    response.xframe_options_exempt = True
    return response


def _embedded(request) -> bool:
    return (request.GET.get("embed") or request.POST.get("embed")) == "1"


# --- The loader script ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _loader_source() -> str:
    path = finders.find(LOADER_STATIC)
    with open(path, encoding="utf-8") as f:
        return f.read()


def _loader_config() -> dict:
    labels, paths = {}, {}
    for code in ("da", "en"):
        with translation.override(code):
            paths[code] = reverse("chat:page")
            labels[code] = {
                "open": _("Chat med kommunen"),
                "close": _("Luk chatten"),
                "title": _("Chat med kommunen"),
                "panel": _("Chat med kommunen"),
                "unread": _("ny besked"),
            }
    return {
        "base": settings.PUBLIC_BASE_URL.rstrip("/"),
        "paths": paths,
        "labels": labels,
    }


@require_safe
def widget_js(request):
    """The loader: `<script src="https://<indgang>/chat/widget.js" defer></script>`."""
    config = json.dumps(_loader_config(), ensure_ascii=False)
    body = f"{_loader_source()}\nwindow.IndgangChatWidget.start({config});\n"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- The chat page ----------------------------------------------------------------------


def _client_strings() -> dict:
    """Texts chat.js shows, translated here (`%(name)s` placeholders)."""
    return {
        "queue": _("Du er nummer %(position)s i køen."),
        "wait": _("Forventet ventetid: %(wait)s."),
        "wait_minutes": _("ca. %(minutes)s minutter"),
        "wait_minute": _("ca. 1 minut"),
        "wait_soon": _("under et minut"),
        "wait_unknown": _("Vi kan ikke sige præcist, hvor længe du skal vente."),
        "closed_waiting": _(
            "Chatten er lukket nu. Dit spørgsmål venter i køen, "
            "og vi svarer, når vi åbner igen %(when)s."
        ),
        "closed_waiting_no_time": _(
            "Chatten er lukket nu. Dit spørgsmål venter i køen, og vi svarer, når vi åbner igen."
        ),
        "active": _("Du chatter med %(agent)s fra kommunen."),
        "active_anonymous": _("En medarbejder fra kommunen har taget din chat."),
        "ended": _("Chatten er afsluttet. Tak for din henvendelse."),
        "you": _("Du"),
        "agent": _("Kommunen"),
        "agent_named": _("%(agent)s, kommunen"),
        "wrote_at": _("%(author)s kl. %(time)s"),
        "sending": _("Sendes …"),
        "send_failed": _("Beskeden blev ikke sendt: %(error)s"),
        "live_lost": _("Forbindelsen er afbrudt. Vi prøver igen, og du mister ingen beskeder."),
        "live_back": _("Forbindelsen er genoprettet."),
        "suggestions": _("Svar, der måske kan hjælpe dig"),
        "suggestions_waiting": _("Mens du venter: svar, der måske kan hjælpe dig"),
        "new_window": _("(åbner i et nyt vindue)"),
        "question_required": _("Skriv dit spørgsmål, før du starter chatten."),
        "text_required": _("Skriv en besked."),
        "start_failed": _("Chatten kunne ikke startes. Prøv igen om lidt."),
        "too_many": _("Du har startet mange chats på kort tid. Prøv igen senere."),
        "gone": _("Din tidligere chat findes ikke længere. Du kan starte en ny."),
    }


def _next_opening_text(next_opening, *, at) -> str:
    return when_text(next_opening, at=at) if next_opening else ""


def _page_context(request, *, q: str, form: QuestionForm, callback_form: CallbackForm) -> dict:
    at = clock.now()
    is_open = selectors.chat_is_open(at=at)
    next_opening = None if is_open else selectors.chat_next_opening(at=at)
    hits = knowledge_selectors.public_search(q=q, limit=SUGGESTIONS) if q else []
    language = translation.get_language() or settings.LANGUAGE_CODE
    config = {
        "language": language,
        "open": is_open,
        "embed": _embedded(request),
        "conversations": "/api/v1/chat/conversations/",
        "search": reverse("knowledge-api:search"),
        "ws": "/ws/chat/",
        "strings": _client_strings(),
    }
    return {
        "form": form,
        "q": q,
        "hits": hits,
        "searched": bool(q),
        "is_open": is_open,
        "next_opening": next_opening,
        "next_opening_text": _next_opening_text(next_opening, at=at),
        "booking_url": reverse("booking:start"),
        "callback_form": callback_form,
        "embed": _embedded(request),
        "chat_config": config,
    }


@require_safe
def chat_page(request):
    form = QuestionForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    callback_form = CallbackForm(initial={"question": q} if q else None)
    context = _page_context(request, q=q, form=form, callback_form=callback_form)
    return _frameable(render(request, "chat/chat.html", context))


# --- The callback request ---------------------------------------------------------------


def _rate() -> tuple[int, int]:
    """CHAT_START_RATE (e.g. "20/hour") as (requests, seconds)."""
    rates = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    text = rates.get("chat") or CALLBACK_RATE_DEFAULT
    number, period = text.split("/")
    return int(number), _PERIODS[period[0]]


def _callback_allowed(request) -> bool:
    """At most CHAT_START_RATE callback requests per client address."""
    number, seconds = _rate()
    key = f"chat:callback:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= number


def _error_links(form) -> list[tuple[str, str]]:
    links = [(message, "#callback-form") for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name != "__all__":
            links += [(message, f"#{form[name].auto_id}") for message in errors]
    return links


# Embedded in the municipality's website, the page is a cross-site iframe:
# browsers send it no cookies, so there is no CSRF cookie to check. The form
# changes nothing of a logged-in user's and is rate-limited per address.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def callback(request):
    status = 200
    if request.method == "POST":
        form = CallbackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if not _callback_allowed(request):
                form.add_error(
                    None, _("Du har sendt mange ønsker om opkald på kort tid. Prøv igen senere.")
                )
            else:
                try:
                    task = contactcentre_services.callback_request(
                        question=data["question"],
                        citizen_name=data["name"],
                        citizen_phone=data["phone"],
                    )
                except DomainError as exc:
                    form.add_error(None, str(exc.message))
                else:
                    context = {
                        "embed": _embedded(request),
                        "phone": phone_display(task.citizen_phone),
                        "deadline_text": when_text(task.deadline, at=clock.now()),
                    }
                    return _frameable(render(request, "chat/callback_done.html", context))
        status = 400
    else:
        q = (request.GET.get("q") or "").strip()
        form = CallbackForm(initial={"question": q} if q else None)
    context = {
        "callback_form": form,
        "error_links": _error_links(form),
        "embed": _embedded(request),
    }
    return _frameable(render(request, "chat/callback.html", context, status=status))
