"""The agent console (/personale/chat/): the agent's presence and capacity, the
number of citizens waiting, "Tag næste", the agent's open chats, and the
selected chat with its messages, a send form, canned answers, the knowledge
base beside it ("Indsæt link" for public articles), transfer and close.

Every page works without JavaScript: forms POST and redirect back (PRG),
"Indsæt link" and canned answers are links that reload the chat with the text
in the message box, and the page shows what is new on reload. With JavaScript
(static/chat/console.js) the send form posts with htmx, new messages arrive
over the chat's WebSocket (/ws/chat/<id>/, polling the messages fragment while
it is down) and the waiting count is polled every few seconds.

Reads go through chat.selectors, writes through chat.services; the message
text is never logged.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indgang.contactcentre import selectors as cc_selectors
from indgang.contactcentre import services as cc_services
from indgang.contactcentre.models import Presence
from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from . import selectors, services
from .errors import AtCapacity
from .models import CHAT_OUTCOMES, Author
from .staff_forms import CloseForm, MessageForm, PresenceForm, TransferForm

ROLES = (Role.CONTACT_CENTRE, Role.MANAGER)
NOTICE_KEY = "chat_console_notice"
SEARCH_LIMIT = 6
POLL_SECONDS = 5  # waiting count and (without a socket) new messages


# --- Helpers ---------------------------------------------------------------------------


def _notice(request, text: str, level: str = "success") -> None:
    request.session[NOTICE_KEY] = {"level": level, "text": str(text)}


def _console_url(conversation=None) -> str:
    if conversation is None:
        return reverse("chat_staff:console")
    return reverse("chat_staff:conversation", kwargs={"pk": conversation.pk})


def _back(request, conversation=None):
    """Redirect (PRG); with htmx a full navigation (HX-Redirect)."""
    url = _console_url(conversation)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _mine(request, pk):
    """The open chat `pk` held by the requesting agent, or None."""
    return selectors.agent_conversations(request.user).filter(pk=pk).first()


def _not_mine(request):
    _notice(request, _("Chatten er ikke længere åben hos dig."), "info")
    return _back(request)


def _name(user) -> str:
    return user.get_full_name() or user.username


def _article_url(request, slug: str) -> str:
    """The public help page of an article at the site's public address
    (PUBLIC_BASE_URL, as in SMS and e-mail): …/hjaelp/<slug>/."""
    with translation.override("da"):
        path_ = reverse("knowledge:article", kwargs={"slug": slug})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path_


def _public_article(slug: str):
    from indgang.knowledge.models import Article, ArticleStatus, Audience

    if not slug:
        return None
    return Article.objects.filter(
        slug=slug, status=ArticleStatus.PUBLISHED, audience=Audience.PUBLIC
    ).first()


def _hits(request, q: str) -> list[dict]:
    """Knowledge hits for staff (internal and public); public ones carry the
    URL "Indsæt link" puts into the message box."""
    q = (q or "").strip()
    if not q:
        return []
    from indgang.knowledge.models import Audience
    from indgang.knowledge.search import search

    return [
        {
            "hit": hit,
            "public": hit.audience == Audience.PUBLIC,
            "url": _article_url(request, hit.slug) if hit.audience == Audience.PUBLIC else "",
        }
        for hit in search(q=q, audience=None, limit=SEARCH_LIMIT)
    ]


def _message_rows(conversation, messages, user) -> list[dict]:
    from django.contrib.auth import get_user_model

    others = {m.sender_id for m in messages if m.sender_id and m.sender_id != user.pk}
    names = dict(get_user_model().objects.filter(pk__in=others).values_list("pk", "first_name"))
    rows = []
    for message in messages:
        if message.author == Author.CITIZEN:
            who = _("Borger")
        elif message.sender_id and message.sender_id == user.pk:
            who = _("Dig")
        else:
            who = names.get(message.sender_id) or _("Medarbejder")
        rows.append({"message": message, "who": who, "mine": message.author == Author.AGENT})
    return rows


def _messages(conversation, user, *, after: int = 0) -> list[dict]:
    return _message_rows(conversation, selectors.messages_after(conversation, after=after), user)


def _status(user) -> dict:
    mine = list(selectors.agent_conversations(user))
    capacity = selectors.agent_capacity(user)
    presence = cc_selectors.presence_of(user)
    return {
        "mine": mine,
        "open_count": len(mine),
        "capacity": capacity,
        "at_capacity": len(mine) >= capacity,
        "waiting": selectors.waiting_count(),
        "presence": presence,
        "presence_label": Presence(presence).label,
        "poll_seconds": POLL_SECONDS,
    }


def _draft(request, conversation) -> str:
    """Text put into the message box without JavaScript: ?insert=<article
    slug> (a public article's link) or ?canned=<id> (a canned answer)."""
    article = _public_article(request.GET.get("insert", ""))
    if article is not None:
        return _article_url(request, article.slug)
    canned = request.GET.get("canned", "")
    if canned.isdigit():
        answer = selectors.canned_answers().filter(pk=int(canned)).first()
        if answer is not None:
            return answer.text
    return ""


def _page(request, conversation=None, **extra):
    user = request.user
    status = _status(user)
    if conversation is None and status["mine"]:
        conversation = status["mine"][0]
    context = {
        **status,
        "conversation": conversation,
        "notice": request.session.pop(NOTICE_KEY, None),
        "presence_form": PresenceForm(initial={"status": status["presence"]}),
        "outcomes": CHAT_OUTCOMES,
    }
    if conversation is not None:
        q = (request.GET.get("q") or "").strip()
        candidates = selectors.transfer_candidates(by=user)
        context.update(
            {
                "rows": _messages(conversation, user),
                "q": q,
                "suggested": not q,
                "hits": _hits(request, q or conversation.question),
                "canned": list(selectors.canned_answers()),
                "candidates": candidates,
                "message_form": MessageForm(initial={"text": _draft(request, conversation)}),
                "transfer_form": TransferForm(candidates=candidates),
                "close_form": CloseForm(),
            }
        )
    context.update(extra)
    return render(request, "chat/staff/console.html", context)


# --- Pages -----------------------------------------------------------------------------


@require_GET
@role_required(*ROLES)
def console(request):
    return _page(request)


@require_GET
@role_required(*ROLES)
def conversation_page(request, pk):
    conversation = _mine(request, pk)
    if conversation is None:
        return _not_mine(request)
    return _page(request, conversation)


@require_GET
@role_required(*ROLES)
def status_fragment(request):
    """Waiting count, capacity and the agent's chats (polled by console.js)."""
    context = _status(request.user)
    selected = request.GET.get("c", "")
    context["conversation"] = next((c for c in context["mine"] if str(c.pk) == selected), None)
    return render(request, "chat/staff/_status.html", context)


@require_GET
@role_required(*ROLES)
def messages_fragment(request, pk):
    """The messages after ?after=<seq>, as list items (console.js appends them)."""
    conversation = _mine(request, pk)
    if conversation is None:
        raise Http404
    try:
        after = max(0, int(request.GET.get("after", 0)))
    except ValueError:
        after = 0
    return render(
        request,
        "chat/staff/_messages.html",
        {"rows": _messages(conversation, request.user, after=after)},
    )


@require_GET
@role_required(*ROLES)
def search_fragment(request, pk):
    """Knowledge hits as the agent types (htmx)."""
    conversation = _mine(request, pk)
    if conversation is None:
        raise Http404
    q = (request.GET.get("q") or "").strip()
    return render(
        request,
        "chat/staff/_knowledge.html",
        {
            "conversation": conversation,
            "q": q,
            "suggested": not q,
            "hits": _hits(request, q or conversation.question),
        },
    )


# --- Actions ---------------------------------------------------------------------------


@require_POST
@role_required(*ROLES)
def presence(request):
    form = PresenceForm(request.POST)
    if form.is_valid():
        # The console's role check stands in for the contact centre's own
        # permission: an agent keeps their own presence here.
        cc_services.presence_set(user=request.user, status=form.cleaned_data["status"])
        _notice(
            request,
            _("Din status er nu: %(status)s.")
            % {"status": Presence(form.cleaned_data["status"]).label},
        )
    else:
        _notice(request, _("Vælg din status."), "error")
    back = request.POST.get("c", "")
    conversation = _mine(request, back) if back else None
    return _back(request, conversation)


@require_POST
@role_required(*ROLES)
def take_next(request):
    user = request.user
    try:
        conversation = services.conversation_take_next(agent=user)
    except AtCapacity:
        capacity = selectors.agent_capacity(user)
        _notice(
            request,
            _(
                "Du har allerede %(open)s af %(capacity)s chats. "
                "Afslut eller viderestil en chat, før du tager den næste."
            )
            % {"open": selectors.agent_conversations(user).count(), "capacity": capacity},
            "error",
        )
        return _back(request)
    except DomainError as exc:
        _notice(request, str(exc.message), "error")
        return _back(request)
    if conversation is None:
        _notice(request, _("Ingen borgere venter lige nu."), "info")
        return _back(request)
    _notice(request, _("Du har taget en chat. Borgeren venter på dit svar."))
    return _back(request, conversation)


@require_POST
@role_required(*ROLES)
def send(request, pk):
    conversation = _mine(request, pk)
    if conversation is None:
        return _not_mine(request)
    form = MessageForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.message_post(
                conversation=conversation,
                text=form.cleaned_data["text"],
                client_id=form.cleaned_data["client_id"],
                author=Author.AGENT,
                sender=request.user,
            )
        except DomainError as exc:
            error = str(exc.message)
        else:
            if request.htmx:
                response = render(
                    request,
                    "chat/staff/_compose.html",
                    {"conversation": conversation, "message_form": MessageForm(), "sent": True},
                )
                response["HX-Trigger"] = "chat-sent"
                return response
            return redirect(_console_url(conversation) + "#chat-messages")
    if error:
        form.add_error(None, error)
    if request.htmx:
        return render(
            request,
            "chat/staff/_compose.html",
            {"conversation": conversation, "message_form": form},
        )
    return _page(request, conversation, message_form=form)


@require_POST
@role_required(*ROLES)
def transfer(request, pk):
    conversation = _mine(request, pk)
    if conversation is None:
        return _not_mine(request)
    candidates = selectors.transfer_candidates(by=request.user)
    form = TransferForm(request.POST, candidates=candidates)
    if not form.is_valid():
        return _page(request, conversation, transfer_form=form, open="transfer")
    to_user = next(u for u in candidates if u.pk == form.cleaned_data["to_user"])
    try:
        services.conversation_transfer(conversation=conversation, by=request.user, to_user=to_user)
    except DomainError as exc:
        form.add_error("to_user", str(exc.message))
        return _page(request, conversation, transfer_form=form, open="transfer")
    _notice(request, _("Chatten er viderestillet til %(name)s.") % {"name": _name(to_user)})
    return _back(request)


@require_POST
@role_required(*ROLES)
def close(request, pk):
    conversation = _mine(request, pk)
    if conversation is None:
        return _not_mine(request)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _page(request, conversation, close_form=form, open="close")
    try:
        conversation = services.conversation_close(
            conversation=conversation,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            subject_area=form.cleaned_data["subject_area"],
        )
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _page(request, conversation, close_form=form, open="close")
    label = dict(form.fields["outcome"].choices)[form.cleaned_data["outcome"]]
    _notice(
        request,
        _("Chatten er afsluttet og registreret som henvendelse: %(outcome)s.") % {"outcome": label},
    )
    return _back(request)
