"""Serializers of the knowledge search API: the query string (Danish
messages) and the answer."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Audience

QUERY_MAX_LENGTH = 200
LIMIT_DEFAULT = 10
LIMIT_MAX = 50


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=QUERY_MAX_LENGTH,
        help_text="Søgetekst, fx »forny pas« eller »det gule kort«.",
        error_messages={
            "required": _("Skriv, hvad du søger efter (parameteren q)."),
            "blank": _("Skriv, hvad du søger efter (parameteren q)."),
            "max_length": _("Søgeteksten må højst være {max_length} tegn."),
        },
    )
    audience = serializers.ChoiceField(
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text="public: borgerrettede artikler (uden login). "
        "internal: medarbejderartikler (kræver en medarbejder).",
        error_messages={
            "invalid_choice": _("Ukendt målgruppe »{input}«. Mulige: public, internal."),
        },
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=LIMIT_MAX,
        default=LIMIT_DEFAULT,
        help_text=f"Højst så mange resultater (1–{LIMIT_MAX}, standard {LIMIT_DEFAULT}).",
        error_messages={
            "invalid": _("Antal resultater skal være et helt tal."),
            "min_value": _("Antal resultater skal være mindst 1."),
            "max_value": _("Antal resultater må højst være {max_value}."),
        },
    )


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Artiklens id.")
    title = serializers.CharField(help_text="Artiklens titel.")
    service = serializers.CharField(
        allow_null=True, help_text="Slug for artiklens (første) ydelse, eller null."
    )
    url = serializers.CharField(
        help_text="Artiklens side: /hjaelp/<slug>/ for offentlige artikler, "
        "/personale/viden/<slug>/ for interne."
    )
    snippet = serializers.CharField(
        help_text="Uddrag som HTML: de fundne ord i <mark>, alt andet escaped."
    )


class SearchResponseSerializer(serializers.Serializer):
    results = SearchResultSerializer(many=True)
