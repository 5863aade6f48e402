"""Serializers of the chat API: input validation and the shape of the answers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indgang.catalogue.models import Service, SubjectArea

from ..models import CHAT_OUTCOMES, Author, ConversationStatus
from ..services import CLIENT_ID_MAX, MESSAGE_MAX, QUESTION_MAX

# The four outcomes a chat closes with. Named ChatOutcomeEnum in the schema by
# SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] (the registry's Outcome has more).
CHAT_OUTCOME_CHOICES = [(o.value, o.label) for o in CHAT_OUTCOMES]


class ChatOutcomeField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=CHAT_OUTCOME_CHOICES, **kwargs)


class ConversationStatusField(serializers.ChoiceField):
    """waiting, active or closed (schema enum: ConversationStatusEnum)."""

    def __init__(self, **kwargs):
        super().__init__(choices=ConversationStatus.choices, **kwargs)


class ConversationCreateSerializer(serializers.Serializer):
    question = serializers.CharField(
        max_length=QUESTION_MAX,
        help_text=_("Borgerens spørgsmål (højst 2000 tegn)."),
        error_messages={"blank": _("Skriv dit spørgsmål."), "required": _("Skriv dit spørgsmål.")},
    )
    language = serializers.ChoiceField(
        choices=[("da", "dansk"), ("en", "English")],
        required=False,
        default="da",
        help_text=_("Widgetens sprog."),
    )


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()


class ConversationCreatedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    token = serializers.CharField(
        help_text=_(
            "Borgerens nøgle til samtalen: send den i headeren X-Chat-Token. Vises kun her."
        )
    )
    open = serializers.BooleanField(help_text=_("Er chatten åben nu?"))
    queue_position = serializers.IntegerField(help_text=_("Pladsen i køen; 1 er den næste."))
    expected_wait_seconds = serializers.IntegerField(
        allow_null=True,
        help_text=_("Forventet ventetid; null når chatten er lukket eller ingen er på vagt."),
    )
    suggestions = SuggestionSerializer(
        many=True, help_text=_("Offentlige artikler, der passer til spørgsmålet.")
    )


class ConversationStateSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = ConversationStatusField()
    open = serializers.BooleanField()
    queue_position = serializers.IntegerField(allow_null=True)
    expected_wait_seconds = serializers.IntegerField(allow_null=True)
    agent = serializers.CharField(
        allow_null=True, help_text=_("Medarbejderens fornavn, når samtalen er taget.")
    )
    next_opening = serializers.DateTimeField(
        allow_null=True, help_text=_("Næste åbning, når chatten er lukket.")
    )


class MessageCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MESSAGE_MAX,
        error_messages={"blank": _("Skriv en besked."), "required": _("Skriv en besked.")},
    )
    client_id = serializers.CharField(
        max_length=CLIENT_ID_MAX,
        help_text=_("Afsenderens id for beskeden; samme id igen gemmer den ikke to gange."),
    )


class SeqSerializer(serializers.Serializer):
    seq = serializers.IntegerField(help_text=_("Beskedens nummer i samtalen (1, 2, 3 …)."))


class MessageSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    author = serializers.ChoiceField(choices=Author.choices)
    text = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")


class MessageListSerializer(serializers.Serializer):
    messages = MessageSerializer(many=True)


class AfterSerializer(serializers.Serializer):
    after = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        help_text=_("Kun beskeder med et højere nummer (det sidste, klienten har)."),
    )


class TakenSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    question = serializers.CharField()


class CloseSerializer(serializers.Serializer):
    outcome = ChatOutcomeField()
    subject_area = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=SubjectArea.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Fagområdets slug (valgfrit)."),
    )
    service = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Service.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Ydelsens slug (valgfrit)."),
    )


class ClosedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = ConversationStatusField()
    outcome = ChatOutcomeField()
