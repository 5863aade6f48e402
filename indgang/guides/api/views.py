"""Views of the guides API (the contract of issue 10): anonymous and
read-only, plus the checklist POST, which computes and stores nothing.
Texts follow the request's language (Accept-Language: en gives the English
texts where staff wrote them)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import ErrorSerializer
from indgang.core.api import TooManyRequests
from indgang.core.http import client_ip_get

from .. import selectors
from ..errors import AnswersInvalid
from ..models import QuestionKind
from .serializers import (
    AnswersInvalidSerializer,
    ChecklistAnswersSerializer,
    ChecklistSerializer,
    GuideDetailSerializer,
    GuideListSerializer,
)

TAGS = ["guides"]


class ChecklistThrottle(ScopedRateThrottle):
    """Checklists per client address (PROXY_COUNT honoured), at the anonymous
    API rate (DEFAULT_THROTTLE_RATES["anon"], env API_ANON_RATE), counted apart
    from other endpoints."""

    scope_attr = "throttle_scope"

    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]

    def get_cache_key(self, request, view):
        ident = client_ip_get(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _not_found():
    return NotFound(_("Livssituationen findes ikke."))


NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Ukendt eller ikke offentliggjort livssituation.",
    examples=[OpenApiExample("Ukendt", value={"detail": "Livssituationen findes ikke."})],
)


class GuidesAPIView(APIView):
    # Anonymous: no session, so no CSRF for a logged-in browser either. The
    # language comes from Accept-Language (or the language cookie): the locale
    # middleware keeps unprefixed URLs such as /api/v1/ in Danish.
    authentication_classes = []
    permission_classes = [AllowAny]

    def dispatch(self, request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response


class GuideListView(GuidesAPIView):
    @extend_schema(
        operation_id="guides_list",
        tags=TAGS,
        summary="Livssituationer",
        description="De offentliggjorte livssituationer i kommunens rækkefølge. Anonym.",
        responses={
            200: OpenApiResponse(
                GuideListSerializer,
                examples=[
                    OpenApiExample(
                        "Livssituationer",
                        value={
                            "guides": [
                                {
                                    "slug": "flytning",
                                    "title": "Du skal flytte",
                                    "summary": "Det skal du huske, når du flytter.",
                                }
                            ]
                        },
                    )
                ],
            )
        },
    )
    def get(self, request):
        guides = [
            {"slug": g.slug, "title": g.display_title, "summary": g.display_summary}
            for g in selectors.guides_published()
        ]
        return Response({"guides": guides})


def _question(question) -> dict:
    choices = None
    if question.kind == QuestionKind.CHOICE:
        choices = [{"value": c.value, "label": c.display_label} for c in question.choices.all()]
    return {
        "key": question.key,
        "text": question.display_text,
        "kind": question.kind,
        "choices": choices,
        "show_if": question.show_if,
    }


class GuideDetailView(GuidesAPIView):
    @extend_schema(
        operation_id="guides_retrieve",
        tags=TAGS,
        summary="En livssituation med spørgsmål",
        description=(
            "Alle spørgsmål i rækkefølge. Et spørgsmål vises kun, når `show_if` holder for "
            "svarene på de tidligere spørgsmål (null: altid). `choices` kun ved `kind` "
            "choice. Anonym."
        ),
        responses={
            200: OpenApiResponse(
                GuideDetailSerializer,
                examples=[
                    OpenApiExample(
                        "Flytning",
                        value={
                            "slug": "flytning",
                            "title": "Du skal flytte",
                            "questions": [
                                {
                                    "key": "moving_date",
                                    "text": "Hvornår flytter du?",
                                    "kind": "date",
                                    "choices": None,
                                    "show_if": None,
                                },
                                {
                                    "key": "from",
                                    "text": "Hvor flytter du fra?",
                                    "kind": "choice",
                                    "choices": [
                                        {"value": "same_municipality", "label": "Fra kommunen"},
                                        {"value": "abroad", "label": "Fra udlandet"},
                                    ],
                                    "show_if": None,
                                },
                            ],
                        },
                    )
                ],
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, slug: str):
        guide = selectors.guide_get(slug=slug)
        if guide is None:
            raise _not_found()
        return Response(
            {
                "slug": guide.slug,
                "title": guide.display_title,
                "questions": [_question(q) for q in guide.questions.all()],
            }
        )


def _step(step: selectors.ChecklistStep) -> dict:
    return {
        "title": step.title,
        "authority": step.authority,
        "service": step.service,
        "channel": step.channel,
        "url": step.url,
        "deadline": step.deadline.isoformat() if step.deadline else None,
    }


class ChecklistView(GuidesAPIView):
    parser_classes = [JSONParser]
    throttle_classes = [ChecklistThrottle]
    throttle_scope = "guides_checklist"

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    @extend_schema(
        operation_id="guides_checklist_create",
        tags=TAGS,
        summary="Personlig tjekliste",
        description=(
            "Trinene for svarene, tidligste frist først og trin uden frist til sidst, hver "
            "med den hurtigste kanal (selvbetjening, bestil tid, telefon, link). Intet "
            "gemmes. Et manglende svar på et synligt, obligatorisk spørgsmål eller en "
            "ugyldig værdi giver 400 med nøglen. Anonym; begrænset pr. klientadresse "
            "(API_ANON_RATE)."
        ),
        request=ChecklistAnswersSerializer,
        responses={
            200: OpenApiResponse(
                ChecklistSerializer,
                examples=[
                    OpenApiExample(
                        "Tjekliste",
                        value={
                            "steps": [
                                {
                                    "title": "Meld flytning",
                                    "authority": "Demo Kommune",
                                    "service": "flytning",
                                    "channel": "self_service",
                                    "url": "https://www.borger.dk/flytning",
                                    "deadline": "2027-01-20",
                                },
                                {
                                    "title": "Vælg læge",
                                    "authority": "Demo Kommune",
                                    "service": None,
                                    "channel": "link",
                                    "url": "https://www.borger.dk/laege",
                                    "deadline": None,
                                },
                            ]
                        },
                    )
                ],
            ),
            400: OpenApiResponse(
                AnswersInvalidSerializer,
                description="Manglende eller ugyldige svar, pr. spørgsmålsnøgle.",
                examples=[
                    OpenApiExample(
                        "Ugyldig dato",
                        value={
                            "detail": "Tjek svaret på spørgsmålet »moving_date«.",
                            "answers": {"moving_date": ["Skriv en dato som ÅÅÅÅ-MM-DD."]},
                        },
                    )
                ],
            ),
            404: NOT_FOUND,
            429: OpenApiResponse(
                ErrorSerializer,
                description="For mange forespørgsler fra samme adresse.",
            ),
        },
    )
    def post(self, request, slug: str):
        guide = selectors.guide_get(slug=slug)
        if guide is None:
            raise _not_found()
        data = request.data
        answers = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(answers, dict):
            return Response(
                {"detail": _("Send svarene som et objekt i feltet »answers«.")}, status=400
            )
        try:
            parsed = selectors.answers_parse(guide=guide, data=answers, source="json")
        except AnswersInvalid as exc:
            return Response(
                {
                    "detail": str(exc.message),
                    "answers": {key: [message] for key, message in exc.errors.items()},
                },
                status=400,
            )
        steps = selectors.checklist_build(guide=guide, answers=parsed)
        return Response({"steps": [_step(step) for step in steps]})
