"""The demo guides seed: complete, idempotent, and versioned only on change."""

import pytest

from indgang.core import clock
from indgang.demo.guides import GUIDES, demo_guides_seed
from indgang.demo.services import demo_seed
from indgang.guides.conditions import condition_errors
from indgang.guides.models import Choice, Guide, GuideVersion, Question, QuestionKind, Step
from indgang.guides.selectors import steps_broken
from tests.conftest import local


@pytest.fixture
def catalogue(db):
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        demo_seed(password="korrekt-hest-batteri-haefteklamme")


def dump() -> dict:
    return {
        m._meta.label: list(m.objects.order_by("pk").values())
        for m in (Guide, Question, Choice, Step, GuideVersion)
    }


def test_seeding_twice_changes_nothing(catalogue):
    first = demo_guides_seed()
    assert first.guides == 6 and first.versions == 6 and first.created > 0
    before = dump()
    again = demo_guides_seed()
    assert not again.changed
    assert (again.guides, again.questions, again.steps) == (
        first.guides,
        first.questions,
        first.steps,
    )
    assert again.created == again.updated == again.deleted == again.versions == 0
    assert dump() == before
    assert set(Guide.objects.values_list("version", flat=True)) == {1}


def test_a_changed_guide_is_updated_in_place_with_a_new_version(catalogue):
    demo_guides_seed()
    moving = Guide.objects.get(slug="flytning")
    report = moving.steps.get(position=10)
    report.title = "Noget andet"
    report.save()
    Question.objects.filter(guide=moving, key="pensioner").delete()
    step_ids = set(Step.objects.values_list("pk", flat=True))

    result = demo_guides_seed()

    assert result.versions == 1
    moving.refresh_from_db()
    assert moving.version == 2
    assert moving.steps.get(position=10).title == "Meld flytning"
    assert moving.questions.filter(key="pensioner").exists()
    # Steps are corrected, not recreated; other guides keep their version.
    assert set(Step.objects.values_list("pk", flat=True)) == step_ids
    assert set(Guide.objects.exclude(slug="flytning").values_list("version", flat=True)) == {1}
    snapshot = moving.versions.get(number=2).snapshot
    assert "Meld flytning" in str(snapshot)


def test_every_guide_has_questions_and_steps_with_a_service_or_url(catalogue):
    demo_guides_seed()
    guides = Guide.objects.order_by("position")
    assert [g.slug for g in guides] == [g.slug for g in GUIDES]
    for guide in guides:
        assert guide.is_published and guide.title and guide.title_en and guide.summary_en
        questions = list(guide.questions.all())
        assert 3 <= len(questions) <= 8, guide.slug
        keys = {q.key for q in questions}
        for question in questions:
            assert question.text_en, question.key
            if question.show_if:
                assert condition_errors(question.show_if, keys=keys) == [], question.key
            if question.kind == QuestionKind.CHOICE:
                assert question.choices.count() >= 2
                assert all(c.label_en for c in question.choices.all())
        steps = list(guide.steps.select_related("service", "deadline_question"))
        assert steps, guide.slug
        for step in steps:
            assert step.service is not None or step.url, step.title
            assert step.title_en and step.description and step.description_en, step.title
            if step.show_if:
                assert condition_errors(step.show_if, keys=keys) == [], step.title
            if step.deadline_question:
                assert step.deadline_question.kind == QuestionKind.DATE
                assert step.deadline_question.guide_id == guide.pk
            if step.service and step.service.self_service_url:
                assert step.expects_self_service
    assert steps_broken() == []


def test_seed_needs_the_catalogue(db):
    with pytest.raises(RuntimeError, match="demo_seed"):
        demo_guides_seed()
