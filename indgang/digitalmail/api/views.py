"""The mail push endpoint: the input serializer validates, `mail_receive`
stores and triages, the output serializer shapes."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from indgang.catalogue.api.serializers import ErrorSerializer

from .. import services
from ..models import MailSource
from .serializers import MailInSerializer, MailOutSerializer

TAGS = ["digitalmail"]


class CanAddMail(BasePermission):
    message = _("Din bruger må ikke sende post. Brug en bruger med rollen Integration.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_active
            and user.has_perm("digitalmail.add_mail")
        )


class MailReceiveView(APIView):
    # Another system pushes one mail; idempotent on message_id.
    # (A comment, not a docstring: drf-spectacular would show it as the description.)

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [CanAddMail]
    parser_classes = [JSONParser]

    @extend_schema(
        tags=TAGS,
        summary="Send en mail til indbakken",
        description=(
            "Et andet system (fx integrationen til Digital Post) sender én mail til den digitale "
            "postkasse. Indgang foreslår fagområde, afdeling og ydelse (sorteringsregler, så "
            "vidensbasen) og sætter svarfristen ud fra ydelsens svarfrist i kanalen (Digital Post "
            "for secure, e-mail for plain; ellers 2 arbejdsdage, kl. 16). Samme message_id igen "
            "gemmer intet nyt og svarer 200 med den gemte mail. Kræver token eller session for en "
            "bruger med rollen Integration."
        ),
        request=MailInSerializer,
        responses={
            201: OpenApiResponse(MailOutSerializer, description="Mailen er gemt."),
            200: OpenApiResponse(MailOutSerializer, description="Mailen fandtes allerede."),
            400: OpenApiResponse(
                description="Ugyldige felter: en besked pr. felt.",
                examples=[
                    OpenApiExample(
                        "Ukendt type",
                        value={"kind": ["Ukendt type »brev«. Mulige: secure, plain."]},
                    )
                ],
            ),
            401: OpenApiResponse(ErrorSerializer, description="Ikke logget ind."),
            403: OpenApiResponse(ErrorSerializer, description="Brugeren må ikke sende post."),
        },
        examples=[
            OpenApiExample(
                "Sikker post",
                request_only=True,
                value={
                    "message_id": "dp-2026-000123",
                    "kind": "secure",
                    "sender_name": "Karen Jensen",
                    "sender_address": "",
                    "subject": "Mit pas er udløbet",
                    "body": "Hvordan fornyer jeg mit pas?",
                    "received_at": "2026-12-07T09:30:00+01:00",
                },
            )
        ],
    )
    def post(self, request):
        serializer = MailInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mail, created = services.mail_receive(source=MailSource.API, **serializer.validated_data)
        url = reverse("digitalmail:mail", kwargs={"pk": mail.pk})
        body = MailOutSerializer(MailOutSerializer.of(mail, url)).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
