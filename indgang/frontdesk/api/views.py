"""Views of the front-desk API. Thin: an input serializer validates, one
service or selector does the work, an output serializer shapes the answer.
Domain errors become `{"detail": "..."}` (400, or 409 for a conflict; see
indgang.core.api); those that name a field become `{"<field>": ["..."]}`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import FIELD_ERRORS_SCHEMA, ErrorSerializer
from indgang.core import clock
from indgang.core.api import TooManyRequests
from indgang.core.permissions import IsStaffMember

from .. import selectors, services
from ..errors import QueueEmpty
from .serializers import (
    CalledSerializer,
    CheckinCreateSerializer,
    CheckinSerializer,
    QueueSerializer,
    ServedSerializer,
    ServedTicketSerializer,
    TicketCreatedSerializer,
    TicketStateSerializer,
    TransferSerializer,
    WalkinCreateSerializer,
)
from .throttling import KioskRateThrottle

TAGS = ["frontdesk"]


class FrontdeskAPIView(APIView):
    # Staff only (token or session with a staff role). A comment, not a
    # docstring: drf-spectacular would show it as every operation's description.
    permission_classes = [IsStaffMember]

    def valid(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data, context={"request": self.request})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def ticket(self, pk: int):
        ticket = selectors.ticket_get(pk=pk)
        if ticket is None:
            raise NotFound(_("Kønummeret findes ikke."))
        return ticket


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


NOT_STAFF = _error("Ikke logget ind som medarbejder", "Kun kommunens medarbejdere har adgang.")
NO_TICKET = _error("Kønummeret findes ikke", "Kønummeret findes ikke.")
NOT_ACTIVE = _error(
    "Kønummeret er ikke kaldt eller allerede afsluttet",
    "Kønummeret er allerede afsluttet eller ikke kaldt.",
)
TICKET_STATE = {
    "id": 41,
    "ticket": "A012",
    "status": "called",
    "desk": 3,
    "transferred_to": None,
    "call_count": 1,
    "called_at": "2026-11-23T10:07:00+01:00",
    "finished_at": None,
}


class CheckinCreateView(FrontdeskAPIView):
    authentication_classes = []  # anonymous: the kiosk has no user
    permission_classes = [AllowAny]
    throttle_classes = [KioskRateThrottle]

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    @extend_schema(
        operation_id="frontdesk_checkins_create",
        tags=TAGS,
        summary="Tjek ind ved nummerstanderen",
        description=(
            "Borgeren tjekker ind med bookingkoden og får et kønummer og den forventede "
            "ventetid. Kan tjekke ind fra lokationens `early_minutes` før tiden til "
            "`late_minutes` efter. At tjekke ind igen giver samme kønummer. Anonym; "
            "begrænset pr. klientadresse (indstillingen FRONTDESK_KIOSK_RATE)."
        ),
        request=CheckinCreateSerializer,
        responses={
            201: OpenApiResponse(
                CheckinSerializer,
                description="Tjekket ind.",
                examples=[
                    OpenApiExample("Kønummer", value={"ticket": "A012", "expected_wait_minutes": 8})
                ],
            ),
            400: OpenApiResponse(
                ErrorSerializer,
                description=(
                    "Ukendt kode, tid på et andet sted, tid på en anden dag, for tidligt "
                    "eller for sent (`detail`); eller ukendt lokation (felt-fejl)."
                ),
                examples=[
                    OpenApiExample(
                        "Ukendt kode",
                        value={
                            "detail": "Vi kan ikke finde en booking med den kode. Tjek "
                            "koden, eller spørg i informationen."
                        },
                    ),
                    OpenApiExample(
                        "Andet sted",
                        value={"detail": "Din tid er bestilt på et andet borgerservicested."},
                    ),
                    OpenApiExample(
                        "Ikke i dag",
                        value={"detail": "Din tid er ikke i dag. Se datoen i din bekræftelse."},
                    ),
                ],
            ),
            429: _error(
                "For mange forespørgsler fra samme adresse",
                "For mange forespørgsler fra din adresse. Prøv igen om 60 sekunder.",
            ),
        },
    )
    def post(self, request):
        data = self.valid(CheckinCreateSerializer)
        ticket = services.checkin_create(location=data["location"], code=data["code"])
        wait = selectors.expected_wait_minutes(ticket=ticket)
        body = CheckinSerializer({"ticket": ticket.number, "expected_wait_minutes": wait}).data
        return Response(body, status=status.HTTP_201_CREATED)


class WalkinCreateView(FrontdeskAPIView):
    @extend_schema(
        operation_id="frontdesk_tickets_create",
        tags=TAGS,
        summary="Giv en borger uden tid et kønummer",
        description=(
            "Medarbejderen sætter en borger uden tid i kø til ydelserne. Med `urgent` "
            "passes borgeren ind i det første hul i dag ved en skranke, der kan alle "
            "ydelserne; ellers står borgeren i kø fra nu."
        ),
        request=WalkinCreateSerializer,
        responses={
            201: OpenApiResponse(
                TicketCreatedSerializer,
                description="Kønummeret.",
                examples=[OpenApiExample("Kønummer", value={"ticket": "B003", "id": 57})],
            ),
            400: _field_errors(
                "Ingen skranke kan ydelserne",
                {
                    "services": [
                        "Ingen skranke på stedet kan klare alle de valgte ydelser i ét besøg."
                    ]
                },
            ),
            403: NOT_STAFF,
        },
    )
    def post(self, request):
        data = self.valid(WalkinCreateSerializer)
        ticket = services.walkin_create(by=request.user, **data)
        body = TicketCreatedSerializer({"ticket": ticket.number, "id": ticket.pk}).data
        return Response(body, status=status.HTTP_201_CREATED)


class CallNextView(FrontdeskAPIView):
    @extend_schema(
        operation_id="frontdesk_desks_call_next",
        tags=TAGS,
        summary="Kald næste borger til skranken",
        description=(
            "Kalder den ventende borger på skrankens lokation, der skal betjenes først "
            "(tidligste `due_at`), og som skranken kan alle ydelser for. To skranker, der "
            "kalder samtidig, får altid to forskellige borgere. 204 når ingen, skranken "
            "kan betjene, venter."
        ),
        request=None,
        responses={
            200: OpenApiResponse(
                CalledSerializer,
                description="Den kaldte borger.",
                examples=[
                    OpenApiExample(
                        "Kaldt",
                        value={
                            "ticket": "A012",
                            "id": 41,
                            "desk": 3,
                            "called_at": "2026-11-23T10:07:00+01:00",
                        },
                    )
                ],
            ),
            204: OpenApiResponse(description="Ingen i køen, som skranken kan betjene."),
            403: NOT_STAFF,
            404: _error("Skranken findes ikke", "Skranken findes ikke."),
        },
    )
    def post(self, request, pk: int):
        desk = selectors.desk_get(pk=pk)
        if desk is None:
            raise NotFound(_("Skranken findes ikke."))
        try:
            ticket = services.ticket_call_next(desk=desk, by=request.user)
        except QueueEmpty:
            return Response(status=status.HTTP_204_NO_CONTENT)
        body = CalledSerializer(
            {
                "ticket": ticket.number,
                "id": ticket.pk,
                "desk": desk.pk,
                "called_at": ticket.called_at,
            }
        ).data
        return Response(body)


def _ticket_action_schema(operation_id: str, summary: str, description: str, **extra):
    return extend_schema(
        operation_id=operation_id,
        tags=TAGS,
        summary=summary,
        description=description,
        request=extra.pop("request", None),
        responses={
            200: OpenApiResponse(
                extra.pop("ok", TicketStateSerializer),
                description="Kønummerets nye tilstand.",
                examples=[OpenApiExample("Tilstand", value=extra.pop("example", TICKET_STATE))],
            ),
            **extra.pop("errors", {}),
            403: NOT_STAFF,
            404: NO_TICKET,
            409: NOT_ACTIVE,
        },
    )


class ServedView(FrontdeskAPIView):
    @_ticket_action_schema(
        "frontdesk_tickets_served",
        "Borgeren er betjent",
        (
            "Afslutter et kaldt kønummer og registrerer ekspeditionen (en personlig "
            "henvendelse): fagområde eller ydelse (standard: borgerens første ydelses "
            "fagområde), udfald og medbetjening."
        ),
        request=ServedSerializer,
        ok=ServedTicketSerializer,
        example={
            **TICKET_STATE,
            "status": "served",
            "finished_at": "2026-11-23T10:19:00+01:00",
            "expedition": 88,
        },
        errors={400: _field_errors("Ukendt ydelse", {"service": ["Ukendt ydelse »fiskekort«."]})},
    )
    def post(self, request, pk: int):
        ticket = self.ticket(pk)
        data = self.valid(ServedSerializer)
        expedition = services.ticket_served(ticket=ticket, by=request.user, **data)
        ticket = expedition.ticket
        ticket.expedition = expedition
        return Response(ServedTicketSerializer(ticket).data)


class NoShowView(FrontdeskAPIView):
    @_ticket_action_schema(
        "frontdesk_tickets_no_show",
        "Borgeren kom ikke",
        "Afslutter et kaldt eller ventende kønummer som udeblevet.",
    )
    def post(self, request, pk: int):
        ticket = services.ticket_no_show(ticket=self.ticket(pk), by=request.user)
        return Response(TicketStateSerializer(ticket).data)


class RecallView(FrontdeskAPIView):
    @_ticket_action_schema(
        "frontdesk_tickets_recall",
        "Kald borgeren igen",
        "Kalder et kaldt kønummer igen; skærmen viser kaldet en gang til.",
    )
    def post(self, request, pk: int):
        ticket = services.ticket_recall(ticket=self.ticket(pk), by=request.user)
        return Response(TicketStateSerializer(ticket).data)


class TransferView(FrontdeskAPIView):
    @_ticket_action_schema(
        "frontdesk_tickets_transfer",
        "Flyt borgeren til en anden skranke",
        (
            "Sætter borgeren tilbage i køen, så kun den valgte skranke (på samme sted og "
            "i stand til alle borgerens ydelser) kan kalde borgeren."
        ),
        request=TransferSerializer,
        example={**TICKET_STATE, "status": "waiting", "desk": None, "transferred_to": 4},
        errors={
            400: _field_errors(
                "Skranken kan ikke ydelserne",
                {"desk": ["Skranken kan ikke klare alle borgerens ydelser."]},
            )
        },
    )
    def post(self, request, pk: int):
        ticket = self.ticket(pk)
        data = self.valid(TransferSerializer)
        desk = selectors.desk_get(pk=data["desk"])
        if desk is None:
            raise serializers.ValidationError({"desk": [_("Skranken findes ikke.")]})
        ticket = services.ticket_transfer(ticket=ticket, desk=desk, by=request.user)
        return Response(TicketStateSerializer(ticket).data)


class QueueView(FrontdeskAPIView):
    @extend_schema(
        operation_id="frontdesk_locations_queue",
        tags=TAGS,
        summary="Køen på en lokation i dag",
        description=(
            "De ventende borgere i kaldeorden og de kaldte (seneste kald først) med "
            "ventetid i minutter: fra ankomst til nu, eller til kaldet."
        ),
        responses={
            200: QueueSerializer,
            403: NOT_STAFF,
            404: _error("Lokationen findes ikke", "Lokationen findes ikke."),
        },
    )
    def get(self, request, slug: str):
        location = selectors.location_get(slug=slug)
        if location is None:
            raise NotFound(_("Lokationen findes ikke."))
        queue = selectors.queue_get(location=location, at=clock.now())
        body = {"location": location.slug, "waiting": queue.waiting, "called": queue.called}
        return Response(QueueSerializer(body).data)
