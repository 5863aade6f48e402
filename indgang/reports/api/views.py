"""Views of the reports API: thin; a serializer checks the query, the selector
builds the report."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import FIELD_ERRORS_SCHEMA, ErrorSerializer
from indgang.core.permissions import HasRole, Role

from ..selectors import YEAR_MAX, YEAR_MIN, citizen_service_report
from .examples import REPORT

_QUARTER_MESSAGE = _("Kvartalet skal være 1, 2, 3 eller 4.")


class ReportQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "required": _("Angiv året, fx ?year=2019."),
            "invalid": _("Skriv året som et tal, fx 2019."),
            "min_value": _("Året skal være {min_value} eller senere."),
            "max_value": _("Året skal være {max_value} eller tidligere."),
            "max_string_length": _("Skriv året som et tal, fx 2019."),
        },
    )
    quarter = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=4,
        error_messages={
            "invalid": _QUARTER_MESSAGE,
            "min_value": _QUARTER_MESSAGE,
            "max_value": _QUARTER_MESSAGE,
            "max_string_length": _QUARTER_MESSAGE,
        },
    )


class CitizenServiceReportView(APIView):
    # Managers only (token or session). A comment, not a docstring: drf-spectacular
    # would show a docstring as the operation's description.
    permission_classes = [HasRole(Role.MANAGER)]

    @extend_schema(
        operation_id="reports_citizen_service",
        tags=["reports"],
        summary="Borgerserviceberetningen for et år eller kvartal",
        description=(
            "Henvendelser pr. kanal og fagområde, omstillingen og kontaktcentret "
            "(servicemål, lagt på efter 20 sek., straksafklaring), selvbetjening, digital "
            "post, tidsbestilling og KPI'er mod kommunens mål. Perioder og kvartaler følger "
            "dansk tid (Europe/Copenhagen). Procenter er tal med én decimal; `null` når der "
            "intet er at dele med. Med `quarter` gælder alle totaler kvartalet, mens "
            "`by_quarter`-listerne altid dækker hele året. Definitionerne står i "
            "docs/reports.md. Kun for borgerservicechefer (token eller session)."
        ),
        parameters=[
            OpenApiParameter(
                "year",
                int,
                OpenApiParameter.QUERY,
                required=True,
                description=f"Året ({YEAR_MIN}–{YEAR_MAX}).",
            ),
            OpenApiParameter(
                "quarter",
                int,
                OpenApiParameter.QUERY,
                required=False,
                enum=[1, 2, 3, 4],
                description="Kun dette kvartal; udelades for hele året.",
            ),
        ],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Beretningen (se docs/reports.md for alle nøgler).",
                examples=[OpenApiExample("Et år", value=REPORT)],
            ),
            400: OpenApiResponse(
                FIELD_ERRORS_SCHEMA,
                description="Ugyldigt år eller kvartal: en besked pr. parameter.",
                examples=[
                    OpenApiExample(
                        "Ugyldigt år", value={"year": ["Skriv året som et tal, fx 2019."]}
                    )
                ],
            ),
            403: OpenApiResponse(
                ErrorSerializer,
                description="Ikke logget ind, eller rollen er ikke borgerservicechef.",
                examples=[
                    OpenApiExample(
                        "Ikke chef", value={"detail": "Din rolle giver ikke adgang til dette."}
                    )
                ],
            ),
        },
    )
    def get(self, request):
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(
            citizen_service_report(
                year=query.validated_data["year"], quarter=query.validated_data.get("quarter")
            )
        )
