"""Serializers of the booking API: input serializers that validate the query
string and request bodies (Danish messages) and turn slugs into catalogue
objects, and output serializers that shape the answers.

No serializer here has, or ever will have, a field for a CPR number: booking
never asks for it (tests/booking/test_services.py checks).
"""

from __future__ import annotations

from datetime import UTC, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indgang.catalogue.api.serializers import DayField
from indgang.catalogue.models import Location, Service
from indgang.core import clock

from .. import selectors
from ..models import Booking, BookingChannel, BookingStatus
from ..selectors import TZ
from ..services import booking_manage_url

# The availability endpoint answers at most this many days at a time (about a
# quarter), and by default the 31 days from `date_from`.
AVAILABILITY_MAX_DAYS = 92
AVAILABILITY_DEFAULT_DAYS = 31
# One visit holds at most this many services.
MAX_SERVICES = 10


# --- Lookups ----------------------------------------------------------------------


def services_from_slugs(slugs: list[str]) -> list[Service]:
    """Active services in the order given (each once); a ValidationError names
    every unknown slug."""
    wanted = list(dict.fromkeys(s.strip() for s in slugs if s.strip()))
    if not wanted:
        raise serializers.ValidationError(_("Vælg mindst én ydelse."))
    if len(wanted) > MAX_SERVICES:
        raise serializers.ValidationError(
            _("Højst %(max)s ydelser i ét besøg.") % {"max": MAX_SERVICES}
        )
    found = selectors.services_by_slugs(slugs=wanted)
    unknown = [slug for slug in wanted if slug not in found]
    if unknown:
        raise serializers.ValidationError(
            _("Ukendt ydelse: %(slugs)s. Se /api/v1/services/.")
            % {"slugs": ", ".join(f"»{s}«" for s in unknown)}
        )
    return [found[slug] for slug in wanted]


def location_from_slug(slug: str) -> Location:
    location = selectors.bookable_location_get(slug=slug.strip())
    if location is None:
        raise serializers.ValidationError(
            _("Ukendt lokation »%(slug)s«. Se /api/v1/locations/.") % {"slug": slug}
        )
    return location


# --- Fields -----------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "string",
        "format": "date-time",
        "example": "2026-12-01T09:00:00+01:00",
        "description": "ISO 8601 i dansk tid med UTC-forskydning.",
    }
)
class LocalDateTimeField(serializers.DateTimeField):
    """An instant written in Europe/Copenhagen with its offset; a time given
    without an offset is read as Danish time."""

    default_error_messages = {
        "invalid": _("Ugyldigt tidspunkt. Skriv det som ISO 8601, fx 2026-12-01T09:00:00+01:00."),
        "date": _("Skriv både dato og klokkeslæt, fx 2026-12-01T09:00:00+01:00."),
        "make_aware": _("Klokkeslættet findes ikke i dansk tid den dag (uret stilles frem)."),
        "ambiguous": _(
            "Klokkeslættet findes to gange den dag (uret stilles tilbage). "
            "Skriv det med UTC-forskydning, fx +02:00 eller +01:00."
        ),
        "overflow": _("Ugyldigt tidspunkt."),
    }

    def __init__(self, **kwargs):
        super().__init__(default_timezone=TZ, **kwargs)

    def enforce_timezone(self, value):
        if value.tzinfo is None:
            first, second = value.replace(tzinfo=TZ, fold=0), value.replace(tzinfo=TZ, fold=1)
            if first.astimezone(UTC).astimezone(TZ).replace(tzinfo=None) != value:
                self.fail("make_aware")  # in the spring-forward gap
            if first.utcoffset() != second.utcoffset():
                self.fail("ambiguous")  # in the repeated hour
            return first
        return super().enforce_timezone(value)


@extend_schema_field(
    {
        "type": "string",
        "enum": BookingChannel.values,
        "default": BookingChannel.WEB.value,
        "description": (
            "Hvordan borgeren bestilte. Kun kommunens medarbejdere kan angive andet "
            "end »web« (fx når de bestiller for en borger, der ringer)."
        ),
    }
)
class BookingChannelField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=BookingChannel.choices, **kwargs)


@extend_schema_field(
    {
        "type": "string",
        "enum": [code for code, _name in settings.LANGUAGES],
        "description": ("Sproget i bekræftelse og påmindelse. Standard: dansk."),
    }
)
class LanguageField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=settings.LANGUAGES, **kwargs)


# --- Input ------------------------------------------------------------------------


class AvailabilityQuerySerializer(serializers.Serializer):
    services = serializers.CharField(
        help_text=_(
            "Ydelsernes slugs, adskilt med komma, fx »pas,koerekort«. Flere ydelser "
            "bookes som ét besøg hos én skranke, der kan dem alle."
        ),
    )
    location = serializers.CharField(help_text=_("Lokationens slug."))
    date_from = DayField(required=False, help_text=_("Første dag (ÅÅÅÅ-MM-DD). Standard: i dag."))
    date_to = DayField(
        required=False,
        help_text=_(
            "Sidste dag (ÅÅÅÅ-MM-DD, medregnet). Standard: 30 dage efter »date_from«. "
            "Højst 92 dage i alt."
        ),
    )

    def validate_services(self, value: str) -> list[Service]:
        return services_from_slugs(value.split(","))

    def validate_location(self, value: str) -> Location:
        return location_from_slug(value)

    def validate(self, attrs):
        start = attrs.get("date_from") or clock.today()
        end = attrs.get("date_to") or start + timedelta(days=AVAILABILITY_DEFAULT_DAYS - 1)
        if end < start:
            raise serializers.ValidationError(
                {"date_to": [_("Slutdatoen (date_to) må ikke ligge før startdatoen (date_from).")]}
            )
        days = (end - start).days + 1
        if days > AVAILABILITY_MAX_DAYS:
            raise serializers.ValidationError(
                {
                    "date_to": [
                        _("Perioden må højst være %(max)s dage; du bad om %(days)s.")
                        % {"max": AVAILABILITY_MAX_DAYS, "days": days}
                    ]
                }
            )
        return {**attrs, "date_from": start, "date_to": end}


class AppointmentCreateSerializer(serializers.Serializer):
    services = serializers.ListField(
        child=serializers.CharField(max_length=80),
        allow_empty=False,
        max_length=MAX_SERVICES,
        error_messages={
            "empty": _("Vælg mindst én ydelse."),
            "max_length": _("Højst {max_length} ydelser i ét besøg."),
            "not_a_list": _('Angiv ydelserne som en liste af slugs, fx ["pas"].'),
        },
        help_text=_("Ydelsernes slugs; flere ydelser er ét besøg."),
    )
    location = serializers.CharField(max_length=80, help_text=_("Lokationens slug."))
    start = LocalDateTimeField(
        help_text=_("En af de ledige tider fra /api/v1/availability/ (»start«)."),
    )
    name = serializers.CharField(
        max_length=200, allow_blank=True, help_text=_("Borgerens navn. Aldrig CPR-nummer.")
    )
    phone = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Til SMS med bekræftelse og påmindelse; +45 hvis intet landekode."),
    )
    email = serializers.CharField(
        max_length=254,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Til e-mail med bekræftelse og påmindelse. Telefon eller e-mail skal med."),
    )
    channel = BookingChannelField(required=False, default=BookingChannel.WEB)
    language = LanguageField(required=False)

    def validate_services(self, value: list[str]) -> list[Service]:
        return services_from_slugs(value)

    def validate_location(self, value: str) -> Location:
        return location_from_slug(value)

    def validate_channel(self, value: str) -> str:
        if value != BookingChannel.WEB and not self.context.get("is_staff"):
            raise serializers.ValidationError(
                _("Kun kommunens medarbejdere kan angive en anden kanal end »web«.")
            )
        return value


class CancelSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=100,
        help_text=_("Nøglen fra linket i bekræftelsen: sidste del af »cancel_url«."),
    )


# --- Output -----------------------------------------------------------------------


class SlotSerializer(serializers.Serializer):
    start = LocalDateTimeField(read_only=True)
    end = LocalDateTimeField(read_only=True)

    def to_representation(self, instance):
        # Thousands of slots per answer: skip the field machinery (same output).
        return {
            "start": instance.start.astimezone(TZ).isoformat(),
            "end": instance.end.astimezone(TZ).isoformat(),
        }


class AvailabilitySerializer(serializers.Serializer):
    slots = SlotSerializer(
        many=True,
        read_only=True,
        help_text=_("Ledige tider i tidsorden; hver tid har mindst én ledig skranke."),
    )


class AppointmentSerializer(serializers.ModelSerializer):
    start = LocalDateTimeField(read_only=True)
    end = LocalDateTimeField(read_only=True)
    services = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text=_("Ydelsernes slugs.")
    )
    location = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Lokationens slug.")
    )
    cancel_url = serializers.SerializerMethodField(
        help_text=_(
            "Borgerens eget link til at se, flytte eller aflyse tiden. Sidste del af "
            "stien er nøglen (token) til /api/v1/appointments/{code}/cancel/. Hold det hemmeligt."
        )
    )

    class Meta:
        model = Booking
        fields = ["code", "start", "end", "services", "location", "cancel_url"]
        read_only_fields = fields

    def get_cancel_url(self, booking: Booking) -> str:
        return booking_manage_url(booking)


@extend_schema_field({"type": "string", "enum": [BookingStatus.CANCELLED.value]})
class CancelledStatusField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class CancelledSerializer(serializers.ModelSerializer):
    status = CancelledStatusField()

    class Meta:
        model = Booking
        fields = ["code", "status"]
        read_only_fields = fields
