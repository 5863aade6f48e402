"""Views of the planning API: thin; a serializer checks the query's types,
`erlang.staffing()` checks the ranges and computes."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import FIELD_ERRORS_SCHEMA, ErrorSerializer
from indgang.core.permissions import IsStaffMember

from .serializers import StaffingQuerySerializer, StaffingSerializer

# Real output for calls_per_hour=200, aht_seconds=150, answer_within_seconds=20.
EXAMPLE = {
    "model": "erlang_c",
    "traffic_erlangs": 8.333333333333334,
    "stable": True,
    "agents": 12,
    "p_wait": 0.17597311657967402,
    "service_level": 0.8920743733495451,
    "asa_seconds": 7.198900223713939,
    "occupancy": 0.6944444444444445,
    "p_abandon": None,
    "abandoned_after_t": None,
    "required_agents": 12,
    "required_agents_with_shrinkage": 12,
}


class StaffingView(APIView):
    # Staff only (token or session). A comment, not a docstring: drf-spectacular
    # would show a docstring as the operation's description.
    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="planning_staffing",
        tags=["planning"],
        summary="Bemanding efter Erlang C eller Erlang A",
        description=(
            "Serviceniveau, ventetid, belægning og nødvendige medarbejdere for en "
            "opkaldsmængde. Erlang C når `patience_seconds` udelades, ellers Erlang A "
            "(borgere der lægger på). Tallene gælder `agents` når det er givet, ellers "
            "`required_agents`. Tal er ikke afrundede; `null` hvor et tal ikke findes. "
            "Samme JSON som `python manage.py staffing --format json`; definitionerne står i "
            "docs/planning.md. Kun for kommunens medarbejdere (token eller session)."
        ),
        parameters=[StaffingQuerySerializer],
        responses={
            200: OpenApiResponse(
                StaffingSerializer,
                description="Bemandingen.",
                examples=[OpenApiExample("200 opkald i timen, 150 sek., 20 sek.", value=EXAMPLE)],
            ),
            400: OpenApiResponse(
                FIELD_ERRORS_SCHEMA,
                description="Manglende eller ugyldige tal: en besked pr. parameter.",
                examples=[
                    OpenApiExample(
                        "Manglende opkald",
                        value={"calls_per_hour": ["Angiv en værdi."]},
                    )
                ],
            ),
            403: OpenApiResponse(
                ErrorSerializer,
                description="Ikke logget ind som kommunens medarbejder.",
                examples=[
                    OpenApiExample(
                        "Ikke medarbejder",
                        value={"detail": "Kun kommunens medarbejdere har adgang."},
                    )
                ],
            ),
        },
    )
    def get(self, request):
        from indgang.planning.erlang import StaffingInputError, staffing

        query = StaffingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            result = staffing(**query.validated_data)
        except StaffingInputError as error:
            raise serializers.ValidationError(
                {field: [str(message)] for field, message in error.errors.items()}
            ) from error
        return Response(result)
