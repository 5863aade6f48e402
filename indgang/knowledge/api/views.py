"""The knowledge search endpoint. Thin: the query serializer validates, the one
search function answers, the output serializer shapes."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import ErrorSerializer
from indgang.core.permissions import IsStaffMember

from .. import search
from ..models import Audience
from .serializers import SearchQuerySerializer, SearchResponseSerializer

TAGS = ["knowledge"]


def article_url(hit: search.Hit) -> str:
    """The public help page for public articles, the staff page for internal ones."""
    name, fallback = (
        ("knowledge:article", f"/hjaelp/{hit.slug}/")
        if hit.audience == Audience.PUBLIC
        else ("knowledge_staff:article", f"/personale/viden/{hit.slug}/")
    )
    try:
        return reverse(name, args=[hit.slug])
    except NoReverseMatch:
        return fallback


class KnowledgeSearchView(APIView):
    # Public articles for anyone; internal ones for staff members only.
    # (A comment, not a docstring: drf-spectacular would show it as the description.)

    throttle_classes = [AnonRateThrottle]

    def get_permissions(self):
        if self.request.query_params.get("audience") == Audience.INTERNAL:
            return [IsStaffMember()]
        return [AllowAny()]

    @extend_schema(
        tags=TAGS,
        summary="Søg i vidensbasen",
        description=(
            "Dansk fritekstsøgning i udgivne artikler, bedste resultat først: bøjningsformer "
            "(»passet« findes med »pas«), synonymgrupper (sygesikringskort = sundhedskort = "
            "det gule kort) og stavefejl (»sundhedskrot«). Titel vægter mest, så resumé, tekst "
            "og ydelsernes navne. `audience=public` kræver ikke login; `audience=internal` "
            "kræver en medarbejder."
        ),
        parameters=[SearchQuerySerializer],
        responses={
            200: SearchResponseSerializer,
            400: OpenApiResponse(
                description="Ugyldig forespørgsel.",
                examples=[
                    OpenApiExample(
                        "Ingen søgetekst",
                        value={"q": ["Skriv, hvad du søger efter (parameteren q)."]},
                    )
                ],
            ),
            401: OpenApiResponse(ErrorSerializer, description="Interne artikler kræver login."),
            403: OpenApiResponse(
                ErrorSerializer, description="Interne artikler kun for medarbejdere."
            ),
        },
        examples=[
            OpenApiExample(
                "Sundhedskort",
                response_only=True,
                value={
                    "results": [
                        {
                            "id": 12,
                            "title": "Bestil nyt sundhedskort",
                            "service": "sundhedskort",
                            "url": "/hjaelp/bestil-nyt-sundhedskort/",
                            "snippet": "Har du mistet dit <mark>sundhedskort</mark> …",
                        }
                    ]
                },
            )
        ],
    )
    def get(self, request):
        data = {key: value for key, value in request.query_params.items() if value != ""}
        data.setdefault("q", "")
        query = SearchQuerySerializer(data=data)
        query.is_valid(raise_exception=True)
        hits = search.search(
            q=query.validated_data["q"],
            audience=query.validated_data["audience"],
            limit=query.validated_data["limit"],
        )
        results = [
            {
                "id": hit.article_id,
                "title": hit.title,
                "service": hit.service_slug,
                "url": article_url(hit),
                "snippet": hit.snippet,
            }
            for hit in hits
        ]
        return Response(SearchResponseSerializer({"results": results}).data)
