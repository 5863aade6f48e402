"""The citizen's pages of the life-situation guides: the list, one page of
questions, the personal checklist and "send it to me".

The answers travel in the query string (yes_no "yes"/"no", date "YYYY-MM-DD",
choice value, number), so nothing is stored unless the citizen asks for the
checklist by SMS or e-mail. The question page renders every question; those
the answers so far do not make relevant carry `hidden` (and disabled inputs).
With JavaScript, static/guides/guides.js shows and hides them live. Without
it, the form names the questions it showed (`_shown`); when the answers make
new questions relevant, the checklist URL renders the question page again with
them added ("Besvar også disse spørgsmål").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indgang.core import clock

from .conditions import holds
from .errors import AnswersInvalid
from .forms import SendForm
from .models import Guide, Question, QuestionKind
from .selectors import answers_parse, checklist_build, guide_get, guides_published
from .services import checklist_send

SHOWN = "_shown"  # the keys of the questions the page showed, comma-separated
SOON_DAYS = 7

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


# --- Answers in the query string ---------------------------------------------------


def _value_parse(question: Question, raw: str):
    """A form value as the engine's Python value, or None when it is not one
    (lenient: only to decide which questions to show)."""
    raw = raw.strip()
    if not raw:
        return None
    if question.kind == QuestionKind.YES_NO:
        return {"yes": True, "no": False}.get(raw.lower())
    if question.kind == QuestionKind.CHOICE:
        values = {choice.value for choice in question.choices.all()}
        return raw if raw in values else None
    if question.kind == QuestionKind.DATE:
        if not _ISO_DATE.match(raw):
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    if question.kind == QuestionKind.NUMBER:
        text = raw.replace(" ", "")
        if not _NUMBER.match(text):
            return None
        return float(text.replace(",", ".")) if ("," in text or "." in text) else int(text)
    return None


def _answers_so_far(guide: Guide, data: Mapping) -> dict:
    """The answers that parse, for the questions visible given the earlier ones."""
    answers: dict = {}
    for question in guide.questions.all():
        if not holds(question.show_if, answers):
            continue
        value = _value_parse(question, str(data.get(question.key, "")))
        if value is not None:
            answers[question.key] = value
    return answers


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _answers_encoded(guide: Guide, answers: Mapping) -> list[tuple[str, str]]:
    """Parsed answers as form pairs, in question order."""
    return [(q.key, _form_value(answers[q.key])) for q in guide.questions.all() if q.key in answers]


def _url_with(name: str, guide: Guide, pairs: list[tuple[str, str]]) -> str:
    url = reverse(name, kwargs={"slug": guide.slug})
    return f"{url}?{urlencode(pairs)}" if pairs else url


def _guide_or_404(slug: str) -> Guide:
    guide = guide_get(slug=slug)
    if guide is None:
        raise Http404(_("Livssituationen findes ikke."))
    return guide


# --- The question page ---------------------------------------------------------------


@dataclass
class Field:
    question: Question
    visible: bool
    value: str
    error: str
    new: bool
    condition: str  # show_if as JSON ("" when always shown)

    @property
    def anchor(self) -> str:
        """The id of the first input (what the error summary links to)."""
        return f"q-{self.question.key}"


def _questions_render(
    request,
    guide: Guide,
    data: Mapping,
    *,
    errors: Mapping[str, str] | None = None,
    new: set[str] | None = None,
    status: int = 200,
):
    errors = errors or {}
    new = new or set()
    answers = _answers_so_far(guide, data)
    fields = []
    for question in guide.questions.all():
        fields.append(
            Field(
                question=question,
                visible=holds(question.show_if, answers),
                value=str(data.get(question.key, "")).strip(),
                error=errors.get(question.key, ""),
                new=question.key in new,
                condition=json.dumps(question.show_if) if question.show_if is not None else "",
            )
        )
    error_links = [(f.error, f"#{f.anchor}") for f in fields if f.error and f.visible]
    new_fields = [f for f in fields if f.new and f.visible]
    context = {
        "guide": guide,
        "fields": fields,
        "shown": ",".join(f.question.key for f in fields if f.visible),
        "shown_name": SHOWN,
        "error_links": error_links,
        "new_fields": new_fields,
    }
    return render(request, "guides/guide.html", context, status=status)


@require_GET
def index(request):
    return render(request, "guides/index.html", {"guides": guides_published()})


@require_GET
def guide(request, slug: str):
    guide = _guide_or_404(slug)
    return _questions_render(request, guide, request.GET)


# --- The checklist -------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    step: object  # selectors.ChecklistStep
    overdue: bool
    soon: bool


def _checklist_render(request, guide: Guide, answers: dict, *, form=None, status: int = 200):
    today = clock.today()
    items = []
    for step in checklist_build(guide=guide, answers=answers):
        deadline = step.deadline
        overdue = deadline is not None and deadline < today
        soon = deadline is not None and not overdue and deadline <= today + timedelta(SOON_DAYS)
        items.append(Item(step=step, overdue=overdue, soon=soon))
    pairs = _answers_encoded(guide, answers)
    form = form if form is not None else SendForm()
    error_links = []
    if form.is_bound and form.errors:
        for message in form.non_field_errors():
            error_links.append((message, "#send-email"))
        for name in ("email", "phone"):
            error_links += [(message, f"#send-{name}") for message in form.errors.get(name, [])]
    context = {
        "guide": guide,
        "items": items,
        "pairs": pairs,
        "edit_url": _url_with("guides:guide", guide, pairs),
        "form": form,
        "error_links": error_links,
    }
    return render(request, "guides/checklist.html", context, status=status)


@require_GET
def checklist(request, slug: str):
    guide = _guide_or_404(slug)
    data = request.GET
    if SHOWN in data:
        # Without JavaScript: questions the answers made relevant since the
        # page was shown have not been seen yet; ask them first.
        shown = set(data[SHOWN].split(","))
        answers = _answers_so_far(guide, data)
        new = {
            q.key for q in guide.questions.all() if q.key not in shown and holds(q.show_if, answers)
        }
        if new:
            return _questions_render(request, guide, data, new=new)
    try:
        answers = answers_parse(guide=guide, data=data, source="form")
    except AnswersInvalid as exc:
        return _questions_render(request, guide, data, errors=exc.errors, status=400)
    return _checklist_render(request, guide, answers)


@require_POST
def send(request, slug: str):
    guide = _guide_or_404(slug)
    try:
        answers = answers_parse(guide=guide, data=request.POST, source="form")
    except AnswersInvalid as exc:
        return _questions_render(request, guide, request.POST, errors=exc.errors, status=400)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            checklist_send(
                guide=guide,
                answers=answers,
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                language=get_language(),
            )
        except ValidationError as exc:
            _errors_add(form, exc)
        else:
            messages.success(request, _("Tjeklisten er sendt."))
            return redirect(_url_with("guides:checklist", guide, _answers_encoded(guide, answers)))
    return _checklist_render(request, guide, answers, form=form, status=400)


def _errors_add(form: SendForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            field = name if name in form.fields else None
            for message in errors:
                form.add_error(field, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)
