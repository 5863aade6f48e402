"""Serializers of the digital mail API: the pushed mail (Danish messages per
field) and the stored mail with its triage."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indgang.contacts.models import MailKind

from ..models import Mail


def _max(field: str) -> int:
    return Mail._meta.get_field(field).max_length


class MailInSerializer(serializers.Serializer):
    message_id = serializers.CharField(
        max_length=_max("message_id"),
        help_text="Afsendersystemets id for mailen; samme id igen gemmer intet nyt.",
        error_messages={
            "required": _("Angiv mailens id (message_id)."),
            "blank": _("Angiv mailens id (message_id)."),
            "max_length": _("Id'et må højst være {max_length} tegn."),
        },
    )
    kind = serializers.ChoiceField(
        choices=MailKind.choices,
        help_text="secure: sikker post (Digital Post); plain: almindelig e-mail.",
        error_messages={
            "required": _("Angiv typen: secure eller plain."),
            "invalid_choice": _("Ukendt type »{input}«. Mulige: secure, plain."),
        },
    )
    sender_name = serializers.CharField(
        max_length=_max("sender_name"),
        required=False,
        allow_blank=True,
        default="",
        help_text="Afsenderens navn.",
        error_messages={"max_length": _("Navnet må højst være {max_length} tegn.")},
    )
    sender_address = serializers.EmailField(
        max_length=_max("sender_address"),
        required=False,
        allow_blank=True,
        default="",
        help_text="Afsenderens e-mailadresse (tom for sikker post uden adresse).",
        error_messages={
            "invalid": _("Skriv en gyldig e-mailadresse."),
            "max_length": _("Adressen må højst være {max_length} tegn."),
        },
    )
    subject = serializers.CharField(
        max_length=_max("subject"),
        required=False,
        allow_blank=True,
        default="",
        help_text="Emne.",
        error_messages={"max_length": _("Emnet må højst være {max_length} tegn.")},
    )
    body = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=False,
        max_length=100_000,
        help_text="Mailens tekst (ren tekst).",
        error_messages={"max_length": _("Teksten må højst være {max_length} tegn.")},
    )
    received_at = serializers.DateTimeField(
        help_text="Hvornår mailen kom ind, ISO 8601 med tidszone.",
        error_messages={
            "required": _("Angiv hvornår mailen kom ind (received_at)."),
            "invalid": _("Skriv tidspunktet som ISO 8601, fx 2026-12-07T09:30:00+01:00."),
        },
    )

    def validate(self, attrs):
        if not attrs.get("subject", "").strip() and not attrs.get("body", "").strip():
            raise serializers.ValidationError({"body": [_("Mailen har hverken emne eller tekst.")]})
        if attrs["kind"] == MailKind.PLAIN and not attrs.get("sender_address"):
            raise serializers.ValidationError(
                {"sender_address": [_("Almindelig e-mail skal have afsenderens adresse.")]}
            )
        return attrs


class MailOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Mailens id i Indgang.")
    message_id = serializers.CharField()
    kind = serializers.CharField(help_text="secure eller plain.")
    status = serializers.CharField(help_text="new, answered, forwarded eller callback.")
    subject_area = serializers.CharField(
        allow_null=True, help_text="Slug for det foreslåede fagområde, eller null."
    )
    department = serializers.CharField(
        allow_null=True, help_text="Slug for den foreslåede afdeling, eller null."
    )
    service = serializers.CharField(
        allow_null=True, help_text="Slug for den foreslåede ydelse, eller null."
    )
    suggestion = serializers.CharField(help_text="Hvad forslaget bygger på, på dansk.")
    deadline = serializers.DateTimeField(help_text="Svarfrist.")
    url = serializers.CharField(help_text="Mailens side i indbakken.")

    @staticmethod
    def of(mail: Mail, url: str) -> dict:
        return {
            "id": mail.pk,
            "message_id": mail.message_id,
            "kind": mail.kind,
            "status": mail.status,
            "subject_area": mail.subject_area.slug if mail.subject_area else None,
            "department": mail.department.slug if mail.department else None,
            "service": mail.service.slug if mail.service else None,
            "suggestion": mail.suggestion,
            "deadline": mail.deadline,
            "url": url,
        }
