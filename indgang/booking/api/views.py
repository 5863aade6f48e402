"""Views of the booking API. Thin: an input serializer validates, one selector
or service does the work, an output serializer shapes the answer.

Domain errors that name a field (NotASlot → "start", NoDeskForServices →
"services", NotBookable → "location", PhoneLimitReached → "phone") and the
services' per-field ValidationErrors become DRF field errors
`{"start": ["..."]}` (400); other domain errors stay `{"detail": "..."}` with
their own status (SlotTaken: 409), see indgang.core.api.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
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
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import FIELD_ERRORS_SCHEMA, ErrorSerializer
from indgang.core.api import TooManyRequests
from indgang.core.errors import Conflict, DomainError
from indgang.core.permissions import is_staff_member
from indgang.core.phone import phone_normalise

from ..errors import BookingNotActive
from ..selectors import booking_get_by_code, free_slots_get
from ..services import booking_cancel, booking_create
from .serializers import (
    AVAILABILITY_MAX_DAYS,
    AppointmentCreateSerializer,
    AppointmentSerializer,
    AvailabilityQuerySerializer,
    AvailabilitySerializer,
    CancelledSerializer,
    CancelSerializer,
)
from .throttling import BookingRateThrottle

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX_LENGTH = 255


class IdempotencyKeyInvalid(DomainError):
    message = _("Idempotency-Key skal være 1-255 tegn.")


class IdempotencyKeyReused(DomainError):
    message = _(
        "Idempotency-Key er allerede brugt til en anden bestilling. "
        "Brug en ny, unik nøgle for hver ny bestilling."
    )
    status_code = 422


class AlreadyCancelled(Conflict):
    message = _("Tiden er allerede aflyst.")


class AppointmentNotFound(NotFound):
    # The same answer for an unknown code and a wrong token.
    default_detail = _("Bookingen findes ikke, eller linket er ikke gyldigt.")


class BookingAPIView(APIView):
    # Anonymous citizens may call every booking endpoint. (A comment, not a
    # docstring: drf-spectacular would show it as every operation's description.)
    permission_classes = [AllowAny]

    def throttled(self, request, wait):
        raise TooManyRequests(wait)

    def valid(self, serializer_class, data, **context) -> dict:
        serializer = serializer_class(data=data, context={"request": self.request, **context})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


# --- Schema helpers -----------------------------------------------------------------


def _field_errors(*examples: tuple[str, dict]) -> OpenApiResponse:
    return OpenApiResponse(
        FIELD_ERRORS_SCHEMA,
        description="Ugyldigt input: en besked pr. felt.",
        examples=[OpenApiExample(name, value=value) for name, value in examples],
    )


def _error(description: str, example: str) -> OpenApiResponse:
    return OpenApiResponse(
        ErrorSerializer,
        description=description,
        examples=[OpenApiExample(description, value={"detail": example})],
    )


RATE_LIMITED = _error(
    "For mange forespørgsler fra samme adresse",
    "For mange forespørgsler fra din adresse. Prøv igen om 60 sekunder.",
)
SLOTS = [
    {"start": "2026-12-01T09:00:00+01:00", "end": "2026-12-01T09:20:00+01:00"},
    {"start": "2026-12-01T09:05:00+01:00", "end": "2026-12-01T09:25:00+01:00"},
]
APPOINTMENT = {
    "code": "K7MXQ4",
    "start": "2026-12-01T09:00:00+01:00",
    "end": "2026-12-01T09:20:00+01:00",
    "services": ["pas"],
    "location": "borgerservice-demoby",
    "cancel_url": "https://borgerservice.demo.dk/tid/K7MXQ4/6oVt2kY0o3Zr9qKpJm1cW4bH8xNfTgUeLdAsQiRvPyE",
}


# --- Views ------------------------------------------------------------------------


class AvailabilityView(BookingAPIView):
    throttle_classes = [AnonRateThrottle]

    @extend_schema(
        operation_id="availability_list",
        summary="Ledige tider",
        description=(
            "Ledige tider til ydelserne på lokationen fra `date_from` til og med `date_to` "
            f"(højst {AVAILABILITY_MAX_DAYS} dage; standard de 31 dage fra i dag). En tid er "
            "ledig, når mindst én aktiv skranke, der kan alle ydelserne, er fri hele tiden "
            "(ydelsernes minutter tilsammen plus lokationens pause). Åbningstider, "
            "helligdage, lukninger, lukkede skranker, varsel og bookinghorisont er regnet med. "
            "Tiderne er i dansk tid med UTC-forskydning (+01:00 om vinteren, +02:00 om "
            "sommeren); `end - start` er altid det rigtige antal minutter, også de dage, "
            "uret stilles."
        ),
        parameters=[AvailabilityQuerySerializer],
        responses={
            200: OpenApiResponse(
                AvailabilitySerializer,
                description="Ledige tider i tidsorden.",
                examples=[OpenApiExample("Ledige tider", value={"slots": SLOTS})],
            ),
            400: _field_errors(
                (
                    "Ukendt ydelse",
                    {"services": ["Ukendt ydelse: »fiskekort«. Se /api/v1/services/."]},
                ),
                (
                    "Ingen skranke kan alle ydelserne",
                    {
                        "services": [
                            "Ingen skranke på stedet kan klare alle de valgte ydelser i ét besøg."
                        ]
                    },
                ),
                (
                    "For lang periode",
                    {
                        "date_to": [
                            f"Perioden må højst være {AVAILABILITY_MAX_DAYS} dage; du bad om 93."
                        ]
                    },
                ),
            ),
            429: RATE_LIMITED,
        },
    )
    def get(self, request):
        data = {key: value for key, value in request.query_params.items() if value != ""}
        query = self.valid(AvailabilityQuerySerializer, data)
        slots = free_slots_get(
            location=query["location"],
            services=query["services"],
            date_from=query["date_from"],
            date_to=query["date_to"],
        )
        return Response(AvailabilitySerializer({"slots": slots}).data)


def idempotency_key_scoped(request) -> str | None:
    """The stored form of the request's Idempotency-Key: a hash of the key and
    its owner (the user, or "anonymous"), so keys of different users never meet
    and the key itself is not stored. Among anonymous clients the key is all
    there is: each client must make its keys unique (a UUID per new booking);
    a replay that does not match the first request is refused (422)."""
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return None
    raw = raw.strip()
    if not 1 <= len(raw) <= IDEMPOTENCY_KEY_MAX_LENGTH:
        raise IdempotencyKeyInvalid
    owner = f"user:{request.user.pk}" if request.user.is_authenticated else "anonymous"
    return "api:" + hashlib.sha256(f"{owner}\n{raw}".encode()).hexdigest()


def _same_request(booking, data: dict) -> bool:
    """Whether a replayed booking answers this request (not someone else's)."""
    phone = data["phone"].strip()
    if phone:
        try:
            phone = phone_normalise(phone)
        except DjangoValidationError:
            return False
    return (
        booking.location_id == data["location"].pk
        and booking.start == data["start"]
        and {s.pk for s in booking.services.all()} == {s.pk for s in data["services"]}
        and booking.name == data["name"].strip()
        and booking.phone == phone
        and booking.email == data["email"].strip()
    )


class AppointmentCreateView(BookingAPIView):
    throttle_classes = [BookingRateThrottle]

    @extend_schema(
        operation_id="appointments_create",
        summary="Bestil en tid",
        description=(
            "Bestiller en af de ledige tider fra `/api/v1/availability/` på en ledig skranke, "
            "der kan alle ydelserne. Borgeren får bekræftelse (og 24 timer før en påmindelse) "
            "på SMS og/eller e-mail. Der spørges aldrig om CPR-nummer.\n\n"
            "**Fejl.** 400 med en besked pr. felt ved ugyldigt input; også når `start` aldrig "
            "kan være en ledig tid (uden for åbningstid, ikke på tidsgitteret, i fortiden, "
            "for tæt på eller ud over bookinghorisonten). 409 når tiden var ledig, men netop "
            "er taget. 429 ved for mange bestillinger fra samme adresse "
            "(indstillingen BOOKING_API_RATE; kommunens medarbejdere er undtaget).\n\n"
            "**Idempotency-Key.** Send en ny, unik nøgle (fx et UUID) med hver ny bestilling. "
            "Et genforsøg med samme nøgle og samme indhold giver det første svar (201 og samme "
            "krop) i stedet for en ny bestilling. Nøglen gemmes kun som hash sammen med "
            "brugeren (eller »anonym«); det er klientens ansvar, at nøglerne er unikke. "
            "Samme nøgle med andet indhold afvises med 422.\n\n"
            "**Kanal.** Anonyme kald gemmes som `web`; kommunens medarbejdere (token eller "
            "session med en rolle) kan angive `phone`, `in_person` eller `sms`."
        ),
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                str,
                OpenApiParameter.HEADER,
                required=False,
                description=(
                    "1-255 tegn, unik pr. bestilling (fx et UUID). Et genforsøg med samme "
                    "nøgle giver det første svar."
                ),
            )
        ],
        request=AppointmentCreateSerializer,
        examples=[
            OpenApiExample(
                "Pas og kørekort",
                request_only=True,
                value={
                    "services": ["pas", "koerekort"],
                    "location": "borgerservice-demoby",
                    "start": "2026-12-01T09:00:00+01:00",
                    "name": "Mette Hansen",
                    "phone": "+4512345678",
                    "email": "mette@example.dk",
                },
            )
        ],
        responses={
            201: OpenApiResponse(
                AppointmentSerializer,
                description="Tiden er bestilt (eller: et genforsøg med samme Idempotency-Key).",
                examples=[OpenApiExample("Bestilt", value=APPOINTMENT)],
            ),
            400: _field_errors(
                (
                    "Ikke en ledig tid",
                    {"start": ["Tidspunktet kan ikke bookes. Vælg en af de ledige tider."]},
                ),
                (
                    "Mangler kontakt",
                    {
                        "phone": [
                            "Skriv et telefonnummer eller en e-mailadresse, så vi kan bekræfte "
                            "tiden."
                        ]
                    },
                ),
                ("Ukendt lokation", {"location": ["Ukendt lokation »x«. Se /api/v1/locations/."]}),
            ),
            409: _error("Tiden er taget", "Tiden er ikke længere ledig. Vælg en anden tid."),
            422: _error(
                "Idempotency-Key brugt til en anden bestilling",
                "Idempotency-Key er allerede brugt til en anden bestilling. "
                "Brug en ny, unik nøgle for hver ny bestilling.",
            ),
            429: RATE_LIMITED,
        },
    )
    def post(self, request):
        staff = is_staff_member(request.user)
        data = self.valid(AppointmentCreateSerializer, request.data, is_staff=staff)
        booking = booking_create(
            services=data["services"],
            location=data["location"],
            start=data["start"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            channel=data["channel"],
            created_by=request.user if staff else None,
            idempotency_key=idempotency_key_scoped(request),
            language=data.get("language"),
        )
        if booking.replayed and not _same_request(booking, data):
            raise IdempotencyKeyReused
        return Response(AppointmentSerializer(booking).data, status=status.HTTP_201_CREATED)


class AppointmentCancelView(BookingAPIView):
    throttle_classes = [BookingRateThrottle]

    @extend_schema(
        operation_id="appointments_cancel",
        summary="Aflys en tid",
        description=(
            "Aflyser bestillingen med koden. `token` er sidste del af stien i `cancel_url` "
            "fra bestillingen (linket i SMS og e-mail). En forkert nøgle og en ukendt kode "
            "giver det samme svar (404), så svaret aldrig røber, om koden findes. En tid, der "
            "allerede er aflyst, giver 409. Borgeren får besked om aflysningen, og "
            "påmindelsen sendes ikke."
        ),
        request=CancelSerializer,
        examples=[
            OpenApiExample(
                "Aflys",
                request_only=True,
                value={"token": "6oVt2kY0o3Zr9qKpJm1cW4bH8xNfTgUeLdAsQiRvPyE"},
            )
        ],
        responses={
            200: OpenApiResponse(
                CancelledSerializer,
                description="Tiden er aflyst.",
                examples=[
                    OpenApiExample("Aflyst", value={"code": "K7MXQ4", "status": "cancelled"})
                ],
            ),
            400: _field_errors(("Mangler nøgle", {"token": ["Dette felt er påkrævet."]})),
            404: _error(
                "Ukendt kode eller forkert nøgle",
                "Bookingen findes ikke, eller linket er ikke gyldigt.",
            ),
            409: _error("Allerede aflyst", "Tiden er allerede aflyst."),
            429: RATE_LIMITED,
        },
    )
    def post(self, request, code: str):
        data = self.valid(CancelSerializer, request.data)
        booking = booking_get_by_code(code=code, token=data["token"])
        if booking is None:
            raise AppointmentNotFound
        user = request.user if request.user.is_authenticated else None
        try:
            booking = booking_cancel(booking=booking, by=user)
        except BookingNotActive as exc:
            raise AlreadyCancelled from exc
        return Response(CancelledSerializer(booking).data)
