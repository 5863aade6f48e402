"""Triage: which subject area, department and service a mail is about.

1. Rules (`MailRule`, active, lowest position first): a rule matches when the
   subject or text holds one of its comma-separated words or phrases as a
   whole word, case-insensitively ("pas" matches "Pas" but not "passer" nor
   "kompas"); a word ending in `*` matches every word that begins so ("flyt*"
   matches "flytter" and "flytning"). The rule gives its subject area, its
   department (or its service's) and its service.
2. Otherwise the knowledge search (`knowledge.search.search`, public and
   internal articles) over subject and text: the top hit's first service
   gives the service, its subject area and its department. A top hit without
   a service suggests nothing (a weaker hit is more often wrong than right).
3. Otherwise nothing: staff choose on the mail page.

The reason is Danish and shown on the mail page ("Forslag ud fra …"); it never
quotes the mail's text beyond the matched rule word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from indgang.catalogue.models import Department, Service, SubjectArea
from indgang.knowledge.search import search

from .models import MailRule

REASON_MAX_LENGTH = 300


@dataclass(frozen=True)
class Suggestion:
    subject_area: SubjectArea | None
    department: Department | None
    service: Service | None
    reason: str


def rule_words(rule: MailRule) -> list[str]:
    """The rule's words and phrases, lower case, without blanks."""
    return [w.strip().lower() for w in rule.words.split(",") if w.strip()]


@lru_cache(maxsize=2048)
def _word_pattern(word: str) -> re.Pattern:
    """Whole word (no letter or digit either side); "flyt*": any word beginning so."""
    prefix = word.endswith("*")
    stem = r"\s+".join(re.escape(part) for part in word.rstrip("*").split())
    end = "" if prefix else r"(?![^\W_])"
    return re.compile(r"(?<![^\W_])" + stem + end, re.IGNORECASE)


def rule_match(rule: MailRule, text: str) -> str | None:
    """The first of the rule's words found in `text`, or None."""
    for word in rule_words(rule):
        if word.rstrip("*").strip() and _word_pattern(word).search(text):
            return word
    return None


def _by_rules(text: str) -> Suggestion | None:
    rules = MailRule.objects.filter(active=True).select_related(
        "subject_area", "department", "service__department", "service__subject_area"
    )
    for rule in rules.order_by("position", "pk"):
        word = rule_match(rule, text)
        if word is None:
            continue
        service = rule.service
        department = rule.department or (service.department if service else None)
        return Suggestion(
            subject_area=rule.subject_area,
            department=department,
            service=service,
            reason=(_("Sorteringsregel: ordet »%(word)s«") % {"word": word})[:REASON_MAX_LENGTH],
        )
    return None


def _by_knowledge(text: str) -> Suggestion | None:
    hits = search(q=text, audience=None, limit=1)
    if not hits or not hits[0].service_slug:
        return None
    hit = hits[0]
    service = (
        Service.objects.select_related("subject_area", "department")
        .filter(slug=hit.service_slug)
        .first()
    )
    if service is None:
        return None
    return Suggestion(
        subject_area=service.subject_area,
        department=service.department,
        service=service,
        reason=(_("Vidensbasen: artiklen »%(title)s«") % {"title": hit.title})[:REASON_MAX_LENGTH],
    )
    return None


def suggest(subject: str, body: str) -> Suggestion:
    """The suggested subject area, department and service of a mail, and why."""
    text = f"{subject or ''}\n{body or ''}"
    if not text.strip():
        return Suggestion(None, None, None, _("Intet forslag: mailen er tom."))
    return (
        _by_rules(text)
        or _by_knowledge(text)
        or Suggestion(None, None, None, _("Intet forslag: ingen regel eller artikel passede."))
    )
