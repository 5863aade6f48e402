"""Views of the chat API (the contract of issue 9). Thin: an input serializer
validates, one service or selector does the work, an output serializer shapes
the answer.

The citizen's calls carry the token in the header `X-Chat-Token` and are
anonymous (no session, so no CSRF): a request with that header is never
authenticated as a user. Staff call with their session (and CSRF token) or an
API token. A wrong token, an unknown conversation and an anonymous call
without a token are all 404, so nobody learns which conversations exist.
Domain errors become `{"detail": "..."}` (core.api), or `{"<field>": ["..."]}`.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import FIELD_ERRORS_SCHEMA, ErrorSerializer
from indgang.core.api import TooManyRequests
from indgang.core.http import client_ip_get
from indgang.core.permissions import IsStaffMember, is_staff_member
from indgang.knowledge.search import search

from .. import selectors, services
from ..models import Author
from .serializers import (
    AfterSerializer,
    ClosedSerializer,
    CloseSerializer,
    ConversationCreatedSerializer,
    ConversationCreateSerializer,
    ConversationStateSerializer,
    MessageCreateSerializer,
    MessageListSerializer,
    MessageSerializer,
    SeqSerializer,
    TakenSerializer,
)

TAGS = ["chat"]
TOKEN_HEADER = "X-Chat-Token"  # noqa: S105 (a header name)
SUGGESTIONS = 3

UUID_EXAMPLE = "6f1c2b9e-3d4a-4c1e-9a57-0b8f2f5d7e21"
STATE_EXAMPLE = {
    "id": UUID_EXAMPLE,
    "status": "waiting",
    "open": True,
    "queue_position": 2,
    "expected_wait_seconds": 140,
    "agent": None,
    "next_opening": None,
}

TOKEN_PARAMETER = OpenApiParameter(
    name=TOKEN_HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Borgerens nøgle fra oprettelsen. Uden den kræves medarbejderlogin (session eller token)."
    ),
)


class ChatStartThrottle(ScopedRateThrottle):
    """New chats per client address (PROXY_COUNT honoured), at the rate of the
    scope "chat" in DEFAULT_THROTTLE_RATES (env CHAT_START_RATE, default 20/hour)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        ident = client_ip_get(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _error(description: str, example: str) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorSerializer,
        description=description,
        examples=[OpenApiExample(description, value={"detail": example})],
    )


def _field_errors(name: str, value: dict) -> OpenApiResponse:
    return OpenApiResponse(
        FIELD_ERRORS_SCHEMA,
        description="Ugyldigt input: en besked pr. felt.",
        examples=[OpenApiExample(name, value=value)],
    )


NOT_FOUND = _error("Ukendt samtale eller forkert nøgle", "Samtalen findes ikke.")
NOT_STAFF = _error("Ikke logget ind som medarbejder", "Kun kommunens medarbejdere har adgang.")
NOT_HOLDER = _error("Samtalen er ikke medarbejderens", "Samtalen er ikke din.")
CLOSED = _error("Samtalen er afsluttet", "Samtalen er afsluttet.")


class ChatAPIView(APIView):
    # Citizen (X-Chat-Token) or staff; each view checks. A comment, not a
    # docstring: drf-spectacular would show it as every operation's description.
    permission_classes = [AllowAny]

    def get_authenticators(self):
        request = getattr(self, "request", None)  # None while the schema is generated
        if request is not None and request.headers.get(TOKEN_HEADER) is not None:
            return []  # the citizen: anonymous, whatever cookies the browser sends
        return super().get_authenticators()

    def valid(self, serializer_class, data=None) -> dict:
        serializer = serializer_class(data=self.request.data if data is None else data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def is_citizen(self) -> bool:
        return self.request.headers.get(TOKEN_HEADER) is not None

    def conversation(self, pk):
        """The conversation for the citizen's token, or one staff may read; else 404."""
        token = self.request.headers.get(TOKEN_HEADER)
        if token is not None:
            conversation = selectors.conversation_for_token(pk=pk, token=token)
        elif is_staff_member(self.request.user):
            conversation = selectors.conversation_get(pk=pk)
            if conversation is not None and not selectors.staff_may_view(
                user=self.request.user, conversation=conversation
            ):
                conversation = None
        else:
            conversation = None
        if conversation is None:
            raise NotFound(_("Samtalen findes ikke."))
        return conversation


class ConversationCreateView(ChatAPIView):
    authentication_classes = []  # anonymous: the citizen has no user
    throttle_classes = [ChatStartThrottle]
    throttle_scope = "chat"

    def get_authenticators(self):
        return []

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    @extend_schema(
        operation_id="chat_conversations_create",
        tags=TAGS,
        summary="Start en chat",
        description=(
            "Borgeren stiller sit spørgsmål og kommer i kø: også uden for chattens "
            "åbningstid, så venter samtalen til næste åbning (`open` er da false, og "
            "`expected_wait_seconds` null). `token` vises kun her og sendes siden i headeren "
            "`X-Chat-Token`. `suggestions` er offentlige artikler, der passer til spørgsmålet. "
            "Anonym; begrænset pr. klientadresse (CHAT_START_RATE, standard 20/time)."
        ),
        request=ConversationCreateSerializer,
        responses={
            201: OpenApiResponse(
                ConversationCreatedSerializer,
                description="Samtalen er oprettet og står i kø.",
                examples=[
                    OpenApiExample(
                        "I kø",
                        value={
                            "id": UUID_EXAMPLE,
                            "token": "q9J0p1e2Xw…",
                            "open": True,
                            "queue_position": 3,
                            "expected_wait_seconds": 280,
                            "suggestions": [
                                {
                                    "title": "Nyt pas",
                                    "url": "https://indgang.example.dk/hjaelp/nyt-pas/",
                                }
                            ],
                        },
                    )
                ],
            ),
            400: _field_errors("Tomt spørgsmål", {"question": ["Skriv dit spørgsmål."]}),
            429: _error(
                "For mange nye chats fra samme adresse",
                "For mange forespørgsler fra din adresse. Prøv igen om 60 sekunder.",
            ),
        },
    )
    def post(self, request):
        data = self.valid(ConversationCreateSerializer)
        conversation, token = services.conversation_start(
            question=data["question"], language=data["language"]
        )
        state = selectors.conversation_state(conversation)
        with translation.override(data["language"]):
            suggestions = [
                {
                    "title": hit.title,
                    "url": request.build_absolute_uri(
                        reverse("knowledge:article", kwargs={"slug": hit.slug})
                    ),
                }
                for hit in search(q=data["question"], audience="public", limit=SUGGESTIONS)
            ]
        body = ConversationCreatedSerializer(
            {
                "id": conversation.pk,
                "token": token,
                "open": state["open"],
                "queue_position": state["queue_position"],
                "expected_wait_seconds": state["expected_wait_seconds"],
                "suggestions": suggestions,
            }
        ).data
        return Response(body, status=status.HTTP_201_CREATED)


class ConversationDetailView(ChatAPIView):
    @extend_schema(
        operation_id="chat_conversations_retrieve",
        tags=TAGS,
        summary="Samtalens tilstand",
        description=(
            "Status, åben/lukket, pladsen i køen, forventet ventetid, medarbejderens fornavn "
            "og næste åbning (når chatten er lukket): det samme som WebSocket-beskeden "
            '`{"type": "state", …}`. Borgeren med `X-Chat-Token`, eller en medarbejder.'
        ),
        parameters=[TOKEN_PARAMETER],
        responses={
            200: OpenApiResponse(
                ConversationStateSerializer,
                description="Tilstanden.",
                examples=[OpenApiExample("Venter", value=STATE_EXAMPLE)],
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk):
        conversation = self.conversation(pk)
        state = selectors.conversation_state(conversation)
        return Response(ConversationStateSerializer(state).data)


class MessagesView(ChatAPIView):
    @extend_schema(
        operation_id="chat_messages_list",
        tags=TAGS,
        summary="Samtalens beskeder efter et nummer",
        description=(
            "Beskederne med `seq` større end `after`, i rækkefølge. Klienten henter med sit "
            "sidste nummer efter en genopkobling og viser intet to gange. Borgeren med "
            "`X-Chat-Token`; medarbejdere, der har samtalen eller må se chats. "
            "Forkert nøgle giver 404."
        ),
        parameters=[
            TOKEN_PARAMETER,
            OpenApiParameter(
                "after",
                OpenApiTypes.INT,
                required=False,
                description="Det sidste nummer, klienten har (standard 0: alle).",
            ),
        ],
        responses={
            200: OpenApiResponse(
                MessageListSerializer,
                description="Beskederne i rækkefølge.",
                examples=[
                    OpenApiExample(
                        "To beskeder",
                        value={
                            "messages": [
                                {
                                    "seq": 4,
                                    "author": "agent",
                                    "text": "Du kan bestille tid her: …",
                                    "at": "2026-11-23T10:07:00+01:00",
                                },
                                {
                                    "seq": 5,
                                    "author": "citizen",
                                    "text": "Tak!",
                                    "at": "2026-11-23T10:07:30+01:00",
                                },
                            ]
                        },
                    )
                ],
            ),
            400: _field_errors("Ugyldigt nummer", {"after": ["Et gyldigt heltal er påkrævet."]}),
            404: NOT_FOUND,
        },
    )
    def get(self, request, pk):
        conversation = self.conversation(pk)
        after = self.valid(AfterSerializer, data=request.query_params)["after"]
        messages = selectors.messages_after(conversation, after=after)
        return Response({"messages": MessageSerializer(messages, many=True).data})

    @extend_schema(
        operation_id="chat_messages_create",
        tags=TAGS,
        summary="Send en besked",
        description=(
            "Borgeren med `X-Chat-Token`, eller medarbejderen, der har samtalen. 201 med "
            "beskedens nummer; samme `client_id` igen gemmer ikke beskeden igen, men giver 200 "
            "med samme nummer. En afsluttet samtale tager ikke imod nye beskeder (409)."
        ),
        parameters=[TOKEN_PARAMETER],
        request=MessageCreateSerializer,
        responses={
            201: OpenApiResponse(
                SeqSerializer,
                description="Gemt.",
                examples=[OpenApiExample("Ny", value={"seq": 6})],
            ),
            200: OpenApiResponse(
                SeqSerializer,
                description="Samme client_id igen: allerede gemt.",
                examples=[OpenApiExample("Gentaget", value={"seq": 6})],
            ),
            400: _field_errors("Tom besked", {"text": ["Skriv en besked."]}),
            403: NOT_HOLDER,
            404: NOT_FOUND,
            409: CLOSED,
        },
    )
    def post(self, request, pk):
        conversation = self.conversation(pk)
        data = self.valid(MessageCreateSerializer)
        citizen = self.is_citizen()
        message, created = services.message_post(
            conversation=conversation,
            text=data["text"],
            client_id=data["client_id"],
            author=Author.CITIZEN if citizen else Author.AGENT,
            sender=None if citizen else request.user,
        )
        return Response(
            SeqSerializer({"seq": message.seq}).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class TakeNextView(ChatAPIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="chat_take_next",
        tags=TAGS,
        summary="Tag den næste chat",
        description=(
            "Giver medarbejderen den samtale, der har ventet længst. To medarbejdere får aldrig "
            "samme samtale, og ingen får flere end sin kapacitet (standard 3 samtidige chats): "
            "så svares 409. 204 når ingen venter."
        ),
        request=None,
        responses={
            200: OpenApiResponse(
                TakenSerializer,
                description="Samtalen er nu medarbejderens.",
                examples=[
                    OpenApiExample(
                        "Taget", value={"id": UUID_EXAMPLE, "question": "Hvordan får jeg nyt pas?"}
                    )
                ],
            ),
            204: OpenApiResponse(description="Ingen venter."),
            403: NOT_STAFF,
            409: _error(
                "Medarbejderen har allerede sin kapacitet",
                "Du har allerede så mange chats, som du kan tage. "
                "Afslut en, før du tager den næste.",
            ),
        },
    )
    def post(self, request):
        conversation = services.conversation_take_next(agent=request.user)
        if conversation is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(
            TakenSerializer({"id": conversation.pk, "question": conversation.question}).data
        )


class CloseView(ChatAPIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        operation_id="chat_conversations_close",
        tags=TAGS,
        summary="Afslut en chat med et udfald",
        description=(
            "Medarbejderen, der har samtalen, afslutter den. Samtalen registreres én gang som "
            "en henvendelse (kanal chat, sted hjemmesiden) med ventetid og betjeningstid, så "
            "den tæller i rapporten. Fagområde og ydelse (slugs) er valgfrie."
        ),
        request=CloseSerializer,
        responses={
            200: OpenApiResponse(
                ClosedSerializer,
                description="Afsluttet.",
                examples=[
                    OpenApiExample(
                        "Afsluttet",
                        value={"id": UUID_EXAMPLE, "status": "closed", "outcome": "resolved"},
                    )
                ],
            ),
            400: _field_errors("Ukendt udfald", {"outcome": ['"solved" er ikke et gyldigt valg.']}),
            403: NOT_HOLDER,
            404: NOT_FOUND,
            409: CLOSED,
        },
    )
    def post(self, request, pk):
        conversation = selectors.conversation_get(pk=pk)
        if conversation is None:
            raise NotFound(_("Samtalen findes ikke."))
        data = self.valid(CloseSerializer)
        conversation = services.conversation_close(
            conversation=conversation,
            by=request.user,
            outcome=data["outcome"],
            subject_area=data.get("subject_area"),
            service=data.get("service"),
        )
        return Response(
            ClosedSerializer(
                {
                    "id": conversation.pk,
                    "status": conversation.status,
                    "outcome": conversation.outcome,
                }
            ).data
        )
