"""Every read of the guides: published guides, the questions a citizen sees,
their answers parsed, the personal checklist, and the steps staff must fix.

Answers are a dict question key → Python value (bool, str, `date`, int/float),
as `answers_parse` returns them; conditions (`show_if`) are evaluated by
`conditions.holds` over those answers, in question order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from indgang.core.phone import phone_display, phone_normalise

from .conditions import holds
from .errors import AnswersInvalid
from .models import Choice, Guide, Question, QuestionKind, Step, StepChannel

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORM_INT = re.compile(r"^[-+]?\d+$")
_FORM_DECIMAL = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


# --- Guides and questions --------------------------------------------------------------


def guides_published() -> QuerySet[Guide]:
    """Published guides in their order (position, title)."""
    return Guide.objects.filter(is_published=True).order_by("position", "title")


def _with_tree(guides: QuerySet[Guide]) -> QuerySet[Guide]:
    return guides.prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("position", "pk").prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position", "pk"))
            ),
        ),
        Prefetch(
            "steps",
            queryset=Step.objects.order_by("position", "pk").select_related(
                "service__authority", "service__department", "authority", "deadline_question"
            ),
        ),
    )


def guide_get(*, slug: str) -> Guide | None:
    """A published guide with its questions, choices and steps prefetched."""
    return _with_tree(guides_published().filter(slug=slug)).first()


def questions_visible(*, guide: Guide, answers: Mapping) -> list[Question]:
    """The guide's questions, in order, whose `show_if` holds for `answers`."""
    return [q for q in guide.questions.all() if holds(q.show_if, answers)]


# --- Answers ---------------------------------------------------------------------------


class _Bad(Exception):
    pass


def _missing(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _parse_date(raw: Any) -> date:
    if isinstance(raw, str) and _ISO_DATE.match(raw.strip()):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise _Bad(_("Skriv en dato som ÅÅÅÅ-MM-DD."))


def _parse_number(question: Question, raw: Any, *, source: str) -> int | float:
    if source == "form":
        text = str(raw).strip().replace(" ", "")
        if _FORM_INT.match(text):
            value: int | float = int(text)
        elif _FORM_DECIMAL.match(text):
            value = float(text.replace(",", "."))
        else:
            raise _Bad(_("Skriv et tal med cifre, fx 3."))
    else:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise _Bad(_("Svaret skal være et tal."))
        if isinstance(raw, float) and not math.isfinite(raw):
            raise _Bad(_("Svaret skal være et tal."))
        value = raw
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and not low <= value <= high:
        raise _Bad(_("Skriv et tal fra %(min)s til %(max)s.") % {"min": low, "max": high})
    if low is not None and value < low:
        raise _Bad(_("Skriv et tal på mindst %(min)s.") % {"min": low})
    if high is not None and value > high:
        raise _Bad(_("Skriv et tal på højst %(max)s.") % {"max": high})
    return value


def _parse_choice(question: Question, raw: Any, *, source: str) -> str:
    choices = list(question.choices.all())
    if isinstance(raw, str) and raw.strip() in {c.value for c in choices}:
        return raw.strip()
    if source == "form":
        options = ", ".join(c.display_label for c in choices)
    else:
        options = ", ".join(c.value for c in choices)
    raise _Bad(_("Vælg en af mulighederne: %(options)s.") % {"options": options})


def _parse_yes_no(raw: Any, *, source: str) -> bool:
    if source == "form":
        text = str(raw).strip().lower()
        if text in ("yes", "no"):
            return text == "yes"
        raise _Bad(_("Vælg ja eller nej."))
    if isinstance(raw, bool):
        return raw
    raise _Bad(_("Svaret skal være ja eller nej (true/false)."))


def _parse(question: Question, raw: Any, *, source: str) -> Any:
    if question.kind == QuestionKind.YES_NO:
        return _parse_yes_no(raw, source=source)
    if question.kind == QuestionKind.CHOICE:
        return _parse_choice(question, raw, source=source)
    if question.kind == QuestionKind.DATE:
        return _parse_date(raw)
    return _parse_number(question, raw, source=source)


def answers_parse(*, guide: Guide, data: Mapping, source: str = "json") -> dict:
    """Parse the answers to the guide's visible questions, in question order
    (a question is visible when its `show_if` holds for the answers parsed so
    far). `source="json"`: yes/no is a JSON bool, a date "YYYY-MM-DD", a number
    an int/float, a choice one of its values. `source="form"` (a QueryDict):
    "yes"/"no", "YYYY-MM-DD", digits, a choice value.

    Returns {key: value} for visible answered questions only; answers to hidden
    or unknown questions are ignored. Raises AnswersInvalid naming each key
    that is unanswered (and required) or not a value the question takes."""
    if source not in ("json", "form"):
        raise ValueError(f"unknown source {source!r}")
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in guide.questions.all():
        if not holds(question.show_if, answers):
            continue
        raw = data.get(question.key)
        if _missing(raw):
            if question.required:
                errors[question.key] = _("Besvar spørgsmålet.")
            continue
        try:
            answers[question.key] = _parse(question, raw, source=source)
        except _Bad as exc:
            errors[question.key] = str(exc)
    if errors:
        raise AnswersInvalid(errors)
    return answers


# --- The checklist ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistStep:
    title: str
    description: str
    authority: str
    service: str | None  # the catalogue service's slug
    channel: str  # StepChannel value
    url: str
    phone: str  # display text, e.g. "70 10 20 30", or ""
    deadline: date | None
    deadline_text: str  # e.g. "Senest 10. januar 2027", or ""


def _absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _booking_url(slug: str) -> str:
    try:
        path = reverse("booking:start")
    except NoReverseMatch:  # pragma: no cover - booking is always installed
        path = "/bestil-tid/"
    return _absolute(f"{path}?services={slug}")


def _service_url(slug: str) -> str:
    try:
        return _absolute(reverse("catalogue:service", kwargs={"slug": slug}))
    except NoReverseMatch:  # pragma: no cover
        return ""


def _phone(department) -> tuple[str, str]:
    """(tel: URL, display text) of a department's phone, or ("", "")."""
    if department is None or not department.phone:
        return "", ""
    try:
        e164 = phone_normalise(department.phone)
    except ValidationError:
        return "", ""
    return f"tel:{e164}", phone_display(e164)


def _bookable_service_ids() -> set[int]:
    from indgang.booking.selectors import bookable_services  # booking reads catalogue too

    return set(bookable_services().values_list("pk", flat=True))


def deadline_text(deadline: date | None) -> str:
    if deadline is None:
        return ""
    day = date_format(deadline, pgettext("guide deadline date", "j. F Y"))
    return _("Senest %(date)s") % {"date": day}


def _deadline(step: Step, answers: Mapping) -> date | None:
    question = step.deadline_question
    if question is None or step.deadline_offset_days is None:
        return None
    if question.guide_id != step.guide_id:
        return None
    answer = answers.get(question.key)
    if not isinstance(answer, date):
        return None
    try:
        return answer + timedelta(days=step.deadline_offset_days)
    except OverflowError:
        return None


def _checklist_step(step: Step, answers: Mapping, bookable: set[int] | None) -> ChecklistStep:
    service = step.service
    tel, phone_text = _phone(service.department if service else None)
    if service is None:
        channel, url = StepChannel.LINK, step.url
    elif service.self_service_url:
        channel, url = StepChannel.SELF_SERVICE, service.self_service_url
    elif bookable is not None and service.pk in bookable:
        channel, url = StepChannel.BOOKING, _booking_url(service.slug)
    elif tel:
        channel, url = StepChannel.PHONE, tel
    else:
        channel, url = StepChannel.LINK, step.url or _service_url(service.slug)
    if step.authority is not None:
        authority = step.authority.name
    elif service is not None:
        authority = service.authority.name
    else:
        authority = settings.MUNICIPALITY_NAME
    deadline = _deadline(step, answers)
    return ChecklistStep(
        title=step.display_title,
        description=step.display_description,
        authority=authority,
        service=service.slug if service else None,
        channel=str(channel),
        url=url,
        phone=phone_text,
        deadline=deadline,
        deadline_text=deadline_text(deadline),
    )


def checklist_build(*, guide: Guide, answers: Mapping) -> list[ChecklistStep]:
    """The steps whose `show_if` holds for `answers` (as `answers_parse` returns
    them), earliest deadline first, steps without a deadline last, then in the
    guide's order. Each step has its fastest channel: the service's self-service
    link, else booking (when some location books it), else the department's
    phone; a step without a service is a plain link."""
    steps = [step for step in guide.steps.all() if holds(step.show_if, answers)]
    needs_booking = any(s.service is not None and not s.service.self_service_url for s in steps)
    bookable = _bookable_service_ids() if needs_booking else None
    built = [(step, _checklist_step(step, answers, bookable)) for step in steps]
    built.sort(
        key=lambda pair: (
            pair[1].deadline is None,
            pair[1].deadline or date.max,
            pair[0].position,
            pair[0].pk,
        )
    )
    return [item for _step, item in built]


# --- Broken steps ----------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenStep:
    step: Step
    reasons: list[str] = field(default_factory=list)


def step_problems(step: Step) -> list[str]:
    """Why a step no longer works (Danish), [] when it does."""
    reasons: list[str] = []
    service = step.service
    if service is not None and service.is_archived:
        reasons.append(_("Ydelsen »%(service)s« er arkiveret.") % {"service": service.name})
    if step.expects_self_service and service is not None and not service.self_service_url:
        reasons.append(
            _("Ydelsen »%(service)s« har ikke længere et link til selvbetjening.")
            % {"service": service.name}
        )
    if service is None and not step.url:
        reasons.append(_("Trinnet har hverken en ydelse eller et link (ydelsen kan være slettet)."))
    question = step.deadline_question
    if step.guide.is_published and question is not None:
        if question.kind != QuestionKind.DATE:
            reasons.append(
                _("Fristen regnes fra »%(key)s«, som ikke er et datospørgsmål.")
                % {"key": question.key}
            )
        elif question.guide_id != step.guide_id:
            reasons.append(
                _("Fristen regnes fra »%(key)s«, som hører til en anden livssituation.")
                % {"key": question.key}
            )
    return reasons


def steps_broken() -> list[BrokenStep]:
    """Steps staff must fix, by guide and step order, each with its reasons."""
    suspects = (
        Q(service__is_archived=True)
        | Q(expects_self_service=True, service__self_service_url="")
        | Q(service__isnull=True, url="")
        | Q(deadline_question__isnull=False)
    )
    steps = (
        Step.objects.filter(suspects)
        .select_related("guide", "service", "deadline_question")
        .order_by("guide__position", "guide__title", "position", "pk")
    )
    broken = []
    for step in steps:
        reasons = step_problems(step)
        if reasons:
            broken.append(BrokenStep(step=step, reasons=reasons))
    return broken
