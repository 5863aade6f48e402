"""Serializers of the push API, for the OpenAPI description only.

The items are validated by `indgang.contacts.records` (the same parser as the
file import), so every reason matches the import's; these serializers describe
the fields, the answers and the errors to the reader of /api/docs/.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from indgang.catalogue.models import Channel, Outcome

from ..models import CallResult, Line, Point

EMPTY = _('Tom: null, "" eller udeladt.')


def _optional_slug(help_text: str) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=80, help_text=help_text
    )


# --- Items: the field names of the file formats ------------------------------------


class CallItemSerializer(serializers.Serializer):
    call_id = serializers.CharField(
        max_length=100, help_text=_("Opkaldets id hos telefonien; samme id igen gemmes ikke.")
    )
    line = serializers.ChoiceField(
        choices=Line.choices,
        help_text=_("main: hovednummeret (omstilling/kontaktcenter); department: en afdelings."),
    )
    arrived_at = serializers.DateTimeField(help_text=_("ISO 8601 med tidszone."))
    answered_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text=_("Tom ⇔ lagt på i kø (result skal så være abandoned)."),
    )
    ended_at = serializers.DateTimeField(help_text=_("ISO 8601 med tidszone."))
    result = serializers.ChoiceField(choices=CallResult.choices)
    subject_area = _optional_slug(_("Fagområdets slug, eller tom."))
    transferred_to = _optional_slug(
        _("Slug på afdelingen, opkaldet blev stillet om til, eller tom.")
    )


class ContactItemSerializer(serializers.Serializer):
    contact_id = serializers.CharField(
        max_length=100, help_text=_("Henvendelsens id hos afsenderen; samme id igen gemmes ikke.")
    )
    occurred_at = serializers.DateTimeField(help_text=_("ISO 8601 med tidszone."))
    channel = serializers.ChoiceField(choices=Channel.choices)
    point = serializers.ChoiceField(
        choices=Point.choices, required=False, allow_null=True, allow_blank=True, help_text=EMPTY
    )
    location = _optional_slug(_("Lokationens slug, eller tom."))
    subject_area = _optional_slug(
        _("Fagområdets slug, eller tom (så ydelsens fagområde, når ydelsen er angivet).")
    )
    service = _optional_slug(_("Ydelsens slug, eller tom."))
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, required=False, allow_null=True, allow_blank=True, help_text=EMPTY
    )
    wait_seconds = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text=_("Ventetid i hele sekunder.")
    )
    handle_seconds = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text=_("Betjeningstid i hele sekunder.")
    )


class SelfServiceItemSerializer(serializers.Serializer):
    service = serializers.CharField(max_length=80, help_text=_("Ydelsens slug."))
    period_start = serializers.DateField(help_text=_("Første dag i perioden (ÅÅÅÅ-MM-DD)."))
    period_end = serializers.DateField(help_text=_("Sidste dag i perioden, medregnet."))
    digital = serializers.IntegerField(min_value=0, help_text=_("Ansøgninger modtaget digitalt."))
    manual = serializers.IntegerField(
        min_value=0, help_text=_("Ansøgninger modtaget manuelt (papir, ved skranken).")
    )


def _one_or_many(name: str, item) -> PolymorphicProxySerializer:
    """The request body: one item, or a list of items."""
    return PolymorphicProxySerializer(
        component_name=name,
        serializers=[item, item(many=True)],
        resource_type_field_name=None,
        many=False,
    )


CALLS_REQUEST = _one_or_many("CallPush", CallItemSerializer)
CONTACTS_REQUEST = _one_or_many("ContactPush", ContactItemSerializer)
SELF_SERVICE_REQUEST = _one_or_many("SelfServicePush", SelfServiceItemSerializer)


# --- Answers ----------------------------------------------------------------------


class PushResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("Nye poster gemt."))
    existing = serializers.IntegerField(
        help_text=_("Poster, hvis id allerede var gemt (springes over, ændres ikke).")
    )


class SelfServicePushResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text=_("Nye tal gemt."))
    existing = serializers.IntegerField(help_text=_("Tal, der var gemt med samme værdier."))
    updated = serializers.IntegerField(
        help_text=_("Tal for en gemt ydelse og periode med andre værdier: rettet.")
    )


class ItemErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text=_("Postens plads i listen, fra 0."))
    id = serializers.CharField(
        allow_null=True, help_text=_("Postens call_id/contact_id, når den har et.")
    )
    fields = serializers.DictField(
        child=serializers.CharField(), help_text=_("Pr. felt: hvorfor det blev afvist.")
    )


class PushErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Hvad der gik galt, på dansk."))
    errors = ItemErrorSerializer(
        many=True, required=False, help_text=_("Hver ugyldig post; intet er gemt.")
    )
