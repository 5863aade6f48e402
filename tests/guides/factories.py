"""Factories that build valid guide objects by default.

guide = GuideFactory(slug="flytning")
q = QuestionFactory(guide=guide, key="moving_date", kind=QuestionKind.DATE)
ChoiceFactory(question=QuestionFactory(guide=guide, key="from", kind="choice"), value="abroad")
StepFactory(guide=guide, service=ServiceFactory(), deadline_question=q, deadline_offset_days=5)
"""

import factory

from indgang.guides.models import Choice, Guide, Question, QuestionKind, Step


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    slug = factory.Sequence(lambda n: f"guide-{n}")
    title = factory.Sequence(lambda n: f"Livssituation {n}")
    title_en = factory.Sequence(lambda n: f"Life situation {n}")
    summary = "Det skal du huske."
    summary_en = "What to remember."
    is_published = True


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    guide = factory.SubFactory(GuideFactory)
    key = factory.Sequence(lambda n: f"question_{n}")
    text = factory.Sequence(lambda n: f"Spørgsmål {n}?")
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    kind = QuestionKind.YES_NO
    required = True
    show_if = None
    position = factory.Sequence(lambda n: n + 1)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.CHOICE)
    value = factory.Sequence(lambda n: f"choice_{n}")
    label = factory.Sequence(lambda n: f"Mulighed {n}")
    label_en = factory.Sequence(lambda n: f"Option {n}")
    position = factory.Sequence(lambda n: n + 1)


class StepFactory(factory.django.DjangoModelFactory):
    """A plain link step by default; pass `service=` for a catalogue step."""

    class Meta:
        model = Step

    guide = factory.SubFactory(GuideFactory)
    title = factory.Sequence(lambda n: f"Trin {n}")
    title_en = factory.Sequence(lambda n: f"Step {n}")
    description = "Gør dette."
    description_en = "Do this."
    service = None
    authority = None
    url = "https://www.borger.dk/"
    show_if = None
    position = factory.Sequence(lambda n: n + 1)


def guide_build(**kwargs) -> Guide:
    """A small published guide with one question of each kind:

    moving_date (date), from (choice: same_municipality, other_municipality,
    abroad), children (yes/no), children_count (number 1–10, shown only when
    children is true), pensioner (yes/no, optional). No steps."""
    guide = GuideFactory(**kwargs)
    QuestionFactory(guide=guide, key="moving_date", kind=QuestionKind.DATE, position=1)
    origin = QuestionFactory(guide=guide, key="from", kind=QuestionKind.CHOICE, position=2)
    for n, value in enumerate(["same_municipality", "other_municipality", "abroad"]):
        ChoiceFactory(question=origin, value=value, position=n)
    QuestionFactory(guide=guide, key="children", kind=QuestionKind.YES_NO, position=3)
    QuestionFactory(
        guide=guide,
        key="children_count",
        kind=QuestionKind.NUMBER,
        min_value=1,
        max_value=10,
        show_if={"key": "children", "equals": True},
        position=4,
    )
    QuestionFactory(
        guide=guide, key="pensioner", kind=QuestionKind.YES_NO, required=False, position=5
    )
    return guide
