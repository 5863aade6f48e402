"""Triage: rules first (lowest position, whole words, `*` for a prefix), then
the knowledge search's first hit with a service, else no suggestion."""

import pytest

from indgang.core.permissions import Role
from indgang.digitalmail.triage import suggest
from indgang.knowledge import services as knowledge
from indgang.knowledge.models import ArticleStatus, Audience
from tests.catalogue.factories import DepartmentFactory, ServiceFactory, SubjectAreaFactory
from tests.digitalmail.factories import MailRuleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def passport():
    area = SubjectAreaFactory(name="Pas")
    department = DepartmentFactory(name="Borgerservice")
    service = ServiceFactory(name="Pas til voksne", subject_area=area, department=department)
    return area, department, service


def test_a_rule_word_gives_its_subject_area_department_and_service(passport):
    area, department, service = passport
    MailRuleFactory(words="rejsepas, pas", subject_area=area, service=service)
    suggestion = suggest("Mit PAS er udløbet", "Hvad gør jeg?")
    assert suggestion.subject_area == area
    assert suggestion.department == department  # the service's, the rule names none
    assert suggestion.service == service
    assert suggestion.reason == "Sorteringsregel: ordet »pas«"


def test_a_rule_word_matches_whole_words_only(passport):
    area, _department, _service = passport
    MailRuleFactory(words="pas", subject_area=area)
    assert suggest("Det passer fint", "Kompasset er væk").subject_area is None


def test_a_star_matches_words_that_begin_so_and_phrases_allow_any_spacing(passport):
    area, _department, _service = passport
    moving = SubjectAreaFactory(name="Folkeregister")
    MailRuleFactory(words="flyt*", subject_area=moving)
    MailRuleFactory(words="ny adresse", subject_area=area)
    assert suggest("Flytning", "").subject_area == moving
    assert suggest("", "Vi er flyttet").subject_area == moving
    assert suggest("Min ny\n  adresse", "").subject_area == area


def test_the_lowest_position_wins_and_inactive_rules_are_skipped(passport):
    area, _department, _service = passport
    other = SubjectAreaFactory(name="Børn og familie")
    childcare = DepartmentFactory(name="Pladsanvisningen")
    MailRuleFactory(words="pas", subject_area=area, position=50)
    MailRuleFactory(words="pasning, pas", subject_area=other, department=childcare, position=10)
    MailRuleFactory(words="pas", subject_area=area, position=1, active=False)
    suggestion = suggest("Pas af min søn", "")
    assert (suggestion.subject_area, suggestion.department) == (other, childcare)


def test_without_a_rule_the_knowledge_search_suggests_the_articles_service(passport, make_staff):
    area, department, service = passport
    knowledge.article_create(
        by=make_staff(Role.MANAGER),
        title="Forny dit pas",
        summary="Bestil et nyt pas, når dit gamle udløber.",
        body="Du skal møde op i Borgerservice.",
        audience=Audience.INTERNAL,
        status=ArticleStatus.PUBLISHED,
        services=[service],
    )
    suggestion = suggest("Udløbet pas", "Hvordan fornyer jeg mit pas?")
    assert (suggestion.subject_area, suggestion.department, suggestion.service) == (
        area,
        department,
        service,
    )
    assert suggestion.reason == "Vidensbasen: artiklen »Forny dit pas«"


def test_nothing_matches_no_suggestion_with_a_reason(passport):
    suggestion = suggest("Tak for hjælpen", "Det var rart.")
    assert suggestion.subject_area is None and suggestion.department is None
    assert suggestion.reason.startswith("Intet forslag")
    assert suggest("", "  ").reason == "Intet forslag: mailen er tom."
