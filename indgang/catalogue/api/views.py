"""Views of the catalogue's read API. Thin: a query serializer validates the
query string, a selector reads, an output serializer shapes the answer."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from indgang.core import clock

from .. import selectors
from .serializers import (
    FIELD_ERRORS_SCHEMA,
    HOURS_DEFAULT_DAYS,
    HOURS_MAX_DAYS,
    AuthoritySerializer,
    DayHoursSerializer,
    ErrorSerializer,
    HoursQuerySerializer,
    LocationQuerySerializer,
    LocationSerializer,
    ServiceQuerySerializer,
    ServiceSerializer,
    SubjectAreaSerializer,
)


def _bad_query(example: str, errors: dict[str, list[str]]) -> OpenApiResponse:
    return OpenApiResponse(
        FIELD_ERRORS_SCHEMA,
        description="Ugyldig forespørgsel.",
        examples=[OpenApiExample(example, value=errors)],
    )


BAD_DATE = "Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-24."


def _not_found(what: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=f"{what} findes ikke.")


class ReadOnlyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # GET list and GET by slug; 404 with a Danish `detail`. (A comment, not a
    # docstring: drf-spectacular would show it as every operation's description.)

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    throttle_classes = [AnonRateThrottle]
    not_found_message = _("Findes ikke.")

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound(self.not_found_message) from None

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": clock.today()}

    def query(self, serializer_class: type[serializers.Serializer]) -> dict:
        """The validated query string (empty parameters count as absent)."""
        data = {key: value for key, value in self.request.query_params.items() if value != ""}
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def paginated(self, rows) -> Response:
        page = self.paginate_queryset(rows)
        if page is None:
            return Response(self.get_serializer(rows, many=True).data)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Fagområder",
        description="Alle fagområder med antallet af ydelser, der ikke er arkiveret.",
    ),
    retrieve=extend_schema(
        summary="Ét fagområde",
        description="Fagområdet med denne slug.",
        responses={200: SubjectAreaSerializer, 404: _not_found("Fagområdet")},
    ),
)
class SubjectAreaViewSet(ReadOnlyViewSet):
    serializer_class = SubjectAreaSerializer
    not_found_message = _("Fagområdet findes ikke.")

    def get_queryset(self):
        return selectors.subject_area_list_counted()


@extend_schema_view(
    list=extend_schema(
        summary="Ydelser",
        description="Arkiverede ydelser er udeladt. Filtrene kan kombineres (og).",
        parameters=[ServiceQuerySerializer],
        responses={
            200: ServiceSerializer(many=True),
            400: _bad_query(
                "Ukendt kanal",
                {"channel": ["Ukendt kanal »fax«. Mulige kanaler: personal, phone, …"]},
            ),
        },
    ),
    retrieve=extend_schema(
        summary="Én ydelse",
        description="Ydelsen med denne slug og dens kanalpolitik; arkiverede ydelser findes ikke.",
        responses={200: ServiceSerializer, 404: _not_found("Ydelsen")},
    ),
)
class ServiceViewSet(ReadOnlyViewSet):
    serializer_class = ServiceSerializer
    not_found_message = _("Ydelsen findes ikke.")

    def get_queryset(self):
        return selectors.service_list()

    def list(self, request, *args, **kwargs):
        return self.paginated(selectors.service_list(**self.query(ServiceQuerySerializer)))


@extend_schema_view(
    list=extend_schema(
        summary="Myndigheder",
        description=(
            "De ansvarlige myndigheder, kommunen først; slug bruges i `authority`-filteret."
        ),
    ),
    retrieve=extend_schema(
        summary="Én myndighed",
        description="Myndigheden med denne slug.",
        responses={200: AuthoritySerializer, 404: _not_found("Myndigheden")},
    ),
)
class AuthorityViewSet(ReadOnlyViewSet):
    serializer_class = AuthoritySerializer
    not_found_message = _("Myndigheden findes ikke.")

    def get_queryset(self):
        return selectors.authority_list()


@extend_schema_view(
    list=extend_schema(
        summary="Lokationer med åbningstider",
        description=(
            "Aktive lokationer med ugens åbningstider og kommende lukninger og ekstra "
            "åbninger. Med `open_on` kun de lokationer, der har åbent den dag, hver med "
            "`hours_on` (helligdage, lukninger og ekstra åbninger er regnet med)."
        ),
        parameters=[LocationQuerySerializer],
        responses={
            200: LocationSerializer(many=True),
            400: _bad_query("Ugyldig dato", {"open_on": [BAD_DATE]}),
        },
    ),
    retrieve=extend_schema(
        summary="Én lokation",
        description=(
            "En aktiv lokation med ugens åbningstider, kommende lukninger og ekstra åbninger."
        ),
        responses={200: LocationSerializer, 404: _not_found("Lokationen")},
    ),
)
class LocationViewSet(ReadOnlyViewSet):
    serializer_class = LocationSerializer
    not_found_message = _("Lokationen findes ikke.")

    def get_queryset(self):
        return selectors.location_list()

    def list(self, request, *args, **kwargs):
        day = self.query(LocationQuerySerializer).get("open_on")
        if day is None:
            return self.paginated(selectors.location_list())
        return self.paginated(selectors.location_list_open_on(day=day))

    @extend_schema(
        summary="En lokations åbningstider dag for dag",
        description=(
            f"Fra `from` til og med `to`, højst {HOURS_MAX_DAYS} dage; "
            f"standard: de kommende {HOURS_DEFAULT_DAYS} dage fra i dag."
        ),
        parameters=[HoursQuerySerializer],
        responses={
            200: DayHoursSerializer(many=True),
            400: _bad_query(
                "For lang periode",
                {"to": [f"Perioden må højst være {HOURS_MAX_DAYS} dage; du bad om 93."]},
            ),
            404: _not_found("Lokationen"),
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def hours(self, request, *args, **kwargs):
        location = self.get_object()
        period = self.query(HoursQuerySerializer)
        days = selectors.location_days(
            location=location, start=period["start"], days=period["days"]
        )
        return Response(DayHoursSerializer(days, many=True).data)
