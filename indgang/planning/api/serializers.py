"""Serializers of the planning API: the staffing query (types and presence;
the ranges are checked by `erlang.staffing()` itself) and the answer (for the
schema only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

_NUMBER = _("Skriv et tal, fx 20 eller 0.8.")
_WHOLE = _("Skriv et helt tal, fx 10.")


def _number(help_text, **kwargs) -> serializers.FloatField:
    return serializers.FloatField(
        help_text=help_text,
        error_messages={
            "required": _("Angiv en værdi."),
            "invalid": _NUMBER,
            "max_string_length": _NUMBER,
        },
        **kwargs,
    )


class StaffingQuerySerializer(serializers.Serializer):
    calls_per_hour = _number(_("Opkald pr. time, fx 200."))
    aht_seconds = _number(_("Gennemsnitlig behandlingstid (AHT) i sekunder, fx 150."))
    answer_within_seconds = _number(_("Svartiden for servicemålet i sekunder, fx 20."))
    agents = serializers.IntegerField(
        required=False,
        help_text=_("Regn på dette antal medarbejdere; udelades for det nødvendige antal."),
        error_messages={"invalid": _WHOLE, "max_string_length": _WHOLE},
    )
    patience_seconds = _number(
        _("Borgernes gennemsnitlige tålmodighed i sekunder; giver Erlang A."),
        required=False,
    )
    shrinkage = _number(
        _("Spildtid (shrinkage) som andel, 0 til under 1, fx 0.3. Standard 0."), required=False
    )
    target_service_level = _number(
        _("Servicemålet: andel besvaret inden svartiden. Standard 0.8."), required=False
    )
    max_abandoned_after = _number(
        _("Erlang A: højst denne andel må lægge på efter svartiden. Standard 0.08."),
        required=False,
    )


@extend_schema_field({"type": "string", "enum": ["erlang_c", "erlang_a"]})
class _ModelField(serializers.CharField):
    pass


# The staffing answer, for the schema only: the view returns staffing()'s dict.
# (A comment, not a docstring: drf-spectacular would publish a docstring.)
class StaffingSerializer(serializers.Serializer):
    model = _ModelField(
        help_text=_("erlang_a præcis når patience_seconds er givet, ellers erlang_c."),
    )
    traffic_erlangs = serializers.FloatField(
        help_text=_("Trafikken A = calls_per_hour × aht_seconds / 3600 (erlang).")
    )
    stable = serializers.BooleanField(
        help_text=_("Erlang C: falsk når A ≥ agents (køen falder aldrig til ro). Erlang A: sand.")
    )
    agents = serializers.IntegerField(
        allow_null=True,
        help_text=_("Antallet tallene gælder: agents når givet, ellers required_agents."),
    )
    p_wait = serializers.FloatField(
        allow_null=True, help_text=_("Andel af opkald der møder alle medarbejdere optaget.")
    )
    service_level = serializers.FloatField(
        allow_null=True,
        help_text=_("Andel af alle opkald besvaret inden svartiden (opgivne tæller ikke)."),
    )
    asa_seconds = serializers.FloatField(
        allow_null=True,
        help_text=_("Gns. ventetid i sekunder (Erlang C: alle opkald; Erlang A: besvarede)."),
    )
    occupancy = serializers.FloatField(
        allow_null=True, help_text=_("Belægning: andel af tiden medarbejderne taler.")
    )
    p_abandon = serializers.FloatField(
        allow_null=True, help_text=_("Erlang A: andel af alle opkald der lægger på; ellers null.")
    )
    abandoned_after_t = serializers.FloatField(
        allow_null=True,
        help_text=_("Erlang A: andel af alle opkald der lægger på efter svartiden; ellers null."),
    )
    required_agents = serializers.IntegerField(
        allow_null=True,
        help_text=_("Færreste medarbejdere der når servicemålet (og loftet for opgivne)."),
    )
    required_agents_with_shrinkage = serializers.IntegerField(
        allow_null=True,
        help_text=_("ceil(required_agents / (1 − shrinkage)), regnet eksakt i decimaltal."),
    )
