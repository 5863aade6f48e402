"""Serializers of the front-desk API: inputs that turn slugs and ids into
objects (Danish messages), outputs that shape the answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from indgang.booking.api.serializers import services_from_slugs
from indgang.catalogue.models import Location, Outcome, Service, SubjectArea
from indgang.core.phone import phone_normalise

from .. import selectors
from ..models import Ticket, TicketKind, TicketStatus


def location_from_slug(slug: str) -> Location:
    location = selectors.location_get(slug=slug.strip())
    if location is None:
        raise serializers.ValidationError(
            _("Ukendt lokation »%(slug)s«. Se /api/v1/locations/.") % {"slug": slug}
        )
    return location


# --- Inputs -------------------------------------------------------------------------


class CheckinCreateSerializer(serializers.Serializer):
    location = serializers.CharField(help_text=_("Lokationens slug."), max_length=80)
    code = serializers.CharField(
        help_text=_("Bookingkoden fra bekræftelsen (store eller små bogstaver)."), max_length=20
    )

    def validate_location(self, value: str) -> Location:
        return location_from_slug(value)


class WalkinCreateSerializer(serializers.Serializer):
    location = serializers.CharField(help_text=_("Lokationens slug."), max_length=80)
    services = serializers.ListField(
        child=serializers.CharField(max_length=80),
        help_text=_("Ydelsernes slugs; en skranke på stedet skal kunne dem alle."),
    )
    urgent = serializers.BooleanField(
        default=False,
        help_text=_("Haster: passes ind i det første hul i dag ved en skranke, der kan ydelserne."),
    )
    phone = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=20, help_text=_("Til SMS.")
    )
    email = serializers.EmailField(
        required=False, default="", allow_blank=True, help_text=_("Til e-mail.")
    )

    def validate_location(self, value: str) -> Location:
        return location_from_slug(value)

    def validate_services(self, value: list[str]) -> list[Service]:
        return services_from_slugs(value)

    def validate_phone(self, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return phone_normalise(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class TransferSerializer(serializers.Serializer):
    desk = serializers.IntegerField(help_text=_("Id på skranken, borgeren flyttes til."))


class ServedSerializer(serializers.Serializer):
    subject_area = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=SubjectArea.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Fagområdets slug; standard: ydelsens eller borgerens første ydelses."),
        error_messages={"does_not_exist": _("Ukendt fagområde »{value}«.")},
    )
    service = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Service.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Ydelsens slug."),
        error_messages={"does_not_exist": _("Ukendt ydelse »{value}«.")},
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices, default=Outcome.RESOLVED)
    co_service = serializers.BooleanField(default=False, help_text=_("Medbetjening."))


# --- Outputs ------------------------------------------------------------------------


class CheckinSerializer(serializers.Serializer):
    ticket = serializers.CharField(help_text=_("Kønummeret, fx A012."))
    expected_wait_minutes = serializers.IntegerField(help_text=_("Forventet ventetid i minutter."))


class TicketCreatedSerializer(serializers.Serializer):
    ticket = serializers.CharField(help_text=_("Kønummeret, fx B003."))
    id = serializers.IntegerField()


class CalledSerializer(serializers.Serializer):
    ticket = serializers.CharField(help_text=_("Kønummeret, fx A012."))
    id = serializers.IntegerField()
    desk = serializers.IntegerField(help_text=_("Id på skranken, der kaldte."))
    called_at = serializers.DateTimeField()


class TicketStateSerializer(serializers.ModelSerializer):
    ticket = serializers.CharField(source="number", help_text=_("Kønummeret."))
    status = serializers.ChoiceField(choices=TicketStatus.choices)
    desk = serializers.IntegerField(source="desk_id", allow_null=True)
    transferred_to = serializers.IntegerField(source="transferred_to_id", allow_null=True)

    class Meta:
        model = Ticket
        fields = [
            "id",
            "ticket",
            "status",
            "desk",
            "transferred_to",
            "call_count",
            "called_at",
            "finished_at",
        ]
        read_only_fields = fields


class ServedTicketSerializer(TicketStateSerializer):
    expedition = serializers.IntegerField(
        source="expedition.pk", help_text=_("Id på den registrerede ekspedition.")
    )

    class Meta(TicketStateSerializer.Meta):
        fields = [*TicketStateSerializer.Meta.fields, "expedition"]
        read_only_fields = fields


class QueueTicketSerializer(serializers.ModelSerializer):
    ticket = serializers.CharField(source="number", help_text=_("Kønummeret."))
    kind = serializers.ChoiceField(choices=TicketKind.choices)
    status = serializers.ChoiceField(choices=TicketStatus.choices)
    services = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    desk = serializers.IntegerField(source="desk_id", allow_null=True)
    transferred_to = serializers.IntegerField(source="transferred_to_id", allow_null=True)
    waiting_minutes = serializers.IntegerField(
        help_text=_("Minutter fra ankomst til nu (venter) eller til kaldet (kaldt).")
    )

    class Meta:
        model = Ticket
        fields = [
            "id",
            "ticket",
            "kind",
            "status",
            "urgent",
            "services",
            "due_at",
            "arrived_at",
            "called_at",
            "desk",
            "transferred_to",
            "call_count",
            "waiting_minutes",
        ]
        read_only_fields = fields


class QueueSerializer(serializers.Serializer):
    location = serializers.CharField(help_text=_("Lokationens slug."))
    waiting = QueueTicketSerializer(many=True, help_text=_("Ventende i kaldeorden."))
    called = QueueTicketSerializer(many=True, help_text=_("Kaldte, seneste kald først."))
