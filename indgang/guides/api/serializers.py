"""Serializers of the guides API: plain output shapes (the contract of issue
10) and the checklist request."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import QuestionKind, StepChannel

CONDITION_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": (
        "Vis kun, når betingelsen holder for de tidligere svar, fx "
        '{"key": "from", "in": ["other_municipality", "abroad"]}, '
        '{"key": "age", "gte": 65}, {"all": […]}, {"any": […]}, {"not": {…}}. '
        "null: altid."
    ),
    "additionalProperties": True,
}

ANSWERS_SCHEMA = {
    "type": "object",
    "description": (
        "Svar pr. spørgsmålsnøgle: ja/nej som JSON-boolean, dato som ÅÅÅÅ-MM-DD, "
        "tal som tal, valg som valgmulighedens værdi. Svar på skjulte eller ukendte "
        "spørgsmål ignoreres."
    ),
    "additionalProperties": True,
    "example": {
        "moving_date": "2027-01-15",
        "from": "other_municipality",
        "children_under_6": True,
        "children_school_age": False,
        "housing": "rent",
        "pensioner": False,
    },
}

ANSWER_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Pr. spørgsmålsnøgle: hvorfor svaret blev afvist.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class GuideSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    summary = serializers.CharField()


class GuideListSerializer(serializers.Serializer):
    guides = GuideSummarySerializer(many=True)


class ChoiceSerializer(serializers.Serializer):
    value = serializers.SlugField()
    label = serializers.CharField()


@extend_schema_field(CONDITION_SCHEMA)
class ConditionField(serializers.JSONField):
    pass


class QuestionSerializer(serializers.Serializer):
    key = serializers.SlugField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=QuestionKind.values)
    choices = ChoiceSerializer(many=True, allow_null=True, help_text="Kun ved kind=choice.")
    show_if = ConditionField(allow_null=True)


class GuideDetailSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    questions = QuestionSerializer(many=True)


@extend_schema_field(ANSWERS_SCHEMA)
class AnswersField(serializers.JSONField):
    pass


class ChecklistAnswersSerializer(serializers.Serializer):
    answers = AnswersField()


class ChecklistStepSerializer(serializers.Serializer):
    title = serializers.CharField()
    authority = serializers.CharField(help_text="Den myndighed, der tager sig af trinnet.")
    service = serializers.SlugField(allow_null=True, help_text="Ydelsen i kataloget, eller null.")
    channel = serializers.ChoiceField(
        choices=StepChannel.values,
        help_text="Den hurtigste kanal: selvbetjening, bestil tid, telefon eller et link.",
    )
    url = serializers.CharField(help_text="Selvbetjening, bestilling, tel:-link eller link.")
    deadline = serializers.DateField(allow_null=True, help_text="Fristen, eller null.")


class ChecklistSerializer(serializers.Serializer):
    steps = ChecklistStepSerializer(many=True)


@extend_schema_field(ANSWER_ERRORS_SCHEMA)
class AnswerErrorsField(serializers.JSONField):
    pass


class AnswersInvalidSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Hvad der gik galt, på dansk, med nøglerne.")
    answers = AnswerErrorsField(
        required=False, help_text="Mangler, når selve feltet »answers« ikke er et objekt."
    )
