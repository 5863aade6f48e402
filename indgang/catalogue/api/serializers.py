"""Serializers of the catalogue's read API: query serializers that validate the
query string (Danish messages) and output serializers that shape the answers."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indgang.core import clock

from .. import selectors
from ..hours import DEFAULT_TZ
from ..models import (
    Authority,
    Channel,
    Closure,
    Department,
    ExtraOpening,
    Location,
    OpeningHours,
    Service,
    ServiceChannel,
    SubjectArea,
    Weekday,
)

# The hours endpoint answers at most this many days at a time (about a quarter).
HOURS_MAX_DAYS = 92
HOURS_DEFAULT_DAYS = 7
# Dates outside this window are refused: nobody needs opening hours there, and
# far-off years break time-zone arithmetic.
EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2099, 12, 31)


# --- Fields -------------------------------------------------------------------


@extend_schema_field(
    {"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "10:00", "description": "HH:MM"}
)
class WallClockField(serializers.TimeField):
    """A local wall-clock time as "HH:MM"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(format="%H:%M", **kwargs)


class ChannelField(serializers.ChoiceField):
    """A channel; the error names the valid values."""

    default_error_messages = {
        "invalid_choice": _("Ukendt kanal »{input}«. Mulige kanaler: {choices}."),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=Channel.choices, **kwargs)

    def to_internal_value(self, data):
        if str(data) not in self.choice_strings_to_values:
            self.fail(
                "invalid_choice", input=data, choices=", ".join(self.choice_strings_to_values)
            )
        return self.choice_strings_to_values[str(data)]


class DayField(serializers.DateField):
    """A date as YYYY-MM-DD within EARLIEST_DAY…LATEST_DAY."""

    default_error_messages = {
        "invalid": _("Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-24."),
        "datetime": _("Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-12-24."),
        "out_of_range": _("Datoen skal ligge mellem {earliest} og {latest}."),
    }

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not EARLIEST_DAY <= day <= LATEST_DAY:
            self.fail(
                "out_of_range", earliest=EARLIEST_DAY.isoformat(), latest=LATEST_DAY.isoformat()
            )
        return day


# --- Query serializers (input) --------------------------------------------------


class ServiceQuerySerializer(serializers.Serializer):
    subject_area = serializers.CharField(
        required=False, help_text=_("Kun ydelser i fagområdet med denne slug, fx »pas«.")
    )
    channel = ChannelField(required=False, help_text=_("Kun ydelser, der tilbydes i denne kanal."))
    authority = serializers.CharField(
        required=False,
        help_text=_("Kun ydelser, som myndigheden med denne slug er ansvarlig for."),
    )

    def validate_subject_area(self, value: str) -> str:
        if not selectors.subject_area_list().filter(slug=value).exists():
            raise serializers.ValidationError(
                _("Ukendt fagområde »%(slug)s«. Se /api/v1/subject-areas/.") % {"slug": value}
            )
        return value

    def validate_authority(self, value: str) -> str:
        if not selectors.authority_list().filter(slug=value).exists():
            raise serializers.ValidationError(
                _("Ukendt myndighed »%(slug)s«. Se /api/v1/authorities/.") % {"slug": value}
            )
        return value


class LocationQuerySerializer(serializers.Serializer):
    open_on = DayField(
        required=False,
        help_text=_(
            "ÅÅÅÅ-MM-DD. Kun lokationer, der har åbent den dag; hver får sine "
            "åbningstider den dag i »hours_on«."
        ),
    )


class HoursQuerySerializer(serializers.Serializer):
    """`from` and `to` (both included); `from` is a Python keyword, so the field
    is added in get_fields()."""

    to = DayField(
        required=False,
        help_text=_("Sidste dag (ÅÅÅÅ-MM-DD, medregnet). Standard: 6 dage efter »from«."),
    )

    def get_fields(self):
        fields = {
            "from": DayField(
                required=False, help_text=_("Første dag (ÅÅÅÅ-MM-DD). Standard: i dag.")
            )
        }
        fields.update(super().get_fields())
        return fields

    def validate(self, attrs):
        start = attrs.get("from") or clock.today()
        end = attrs.get("to") or start + timedelta(days=HOURS_DEFAULT_DAYS - 1)
        if end < start:
            raise serializers.ValidationError(
                {"to": [_("Slutdatoen (to) må ikke ligge før startdatoen (from).")]}
            )
        days = (end - start).days + 1
        if days > HOURS_MAX_DAYS:
            raise serializers.ValidationError(
                {
                    "to": [
                        _("Perioden må højst være %(max)s dage; du bad om %(days)s.")
                        % {"max": HOURS_MAX_DAYS, "days": days}
                    ]
                }
            )
        return {"start": start, "days": days}


# --- Output serializers ---------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Hvad der gik galt, på dansk."))


FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Pr. parameter: hvorfor den blev afvist.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["slug", "name", "is_municipality", "website"]
        read_only_fields = fields


class AuthorityBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["slug", "name"]
        read_only_fields = fields


class DepartmentBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["slug", "name", "phone"]
        read_only_fields = fields


class SubjectAreaSerializer(serializers.ModelSerializer):
    service_count = serializers.IntegerField(
        read_only=True, help_text=_("Antal ydelser i fagområdet (arkiverede ikke medregnet).")
    )

    class Meta:
        model = SubjectArea
        fields = ["slug", "name", "name_en", "description", "description_en", "service_count"]
        read_only_fields = fields


class ServiceChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceChannel
        fields = ["channel", "response_deadline_days"]
        read_only_fields = fields


class ServiceSerializer(serializers.ModelSerializer):
    subject_area = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Fagområdets slug.")
    )
    authority = AuthorityBriefSerializer(read_only=True)
    department = DepartmentBriefSerializer(read_only=True, allow_null=True)
    channels = ServiceChannelSerializer(many=True, read_only=True)
    fee = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        coerce_to_string=True,
        allow_null=True,
        read_only=True,
        help_text=_("Gebyr i kroner, fx »334.00«; null: intet gebyr oplyst."),
    )
    keywords = serializers.ListField(
        child=serializers.CharField(), source="keyword_list", read_only=True
    )

    class Meta:
        model = Service
        fields = [
            "slug",
            "name",
            "name_en",
            "description",
            "description_en",
            "subject_area",
            "authority",
            "department",
            "channels",
            "mandatory_self_service",
            "self_service_url",
            "needs_personal_attendance",
            "minutes_per_expedition",
            "fee",
            "keywords",
        ]
        read_only_fields = fields


class AddressSerializer(serializers.Serializer):
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()


class OpeningHoursSerializer(serializers.ModelSerializer):
    weekday = serializers.ChoiceField(choices=Weekday.choices, help_text=_("0 = mandag."))
    weekday_name = serializers.CharField(source="get_weekday_display", read_only=True)
    opens = WallClockField()
    closes = WallClockField()

    class Meta:
        model = OpeningHours
        fields = ["weekday", "weekday_name", "opens", "closes"]
        read_only_fields = fields


class ClosureSerializer(serializers.ModelSerializer):
    from_time = WallClockField(allow_null=True, help_text=_("null: hele dagen."))
    to_time = WallClockField(allow_null=True, help_text=_("null: hele dagen."))

    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "from_time", "to_time", "reason"]
        read_only_fields = fields


class ExtraOpeningSerializer(serializers.ModelSerializer):
    opens = WallClockField()
    closes = WallClockField()

    class Meta:
        model = ExtraOpening
        fields = ["date", "opens", "closes", "reason"]
        read_only_fields = fields


class IntervalSerializer(serializers.Serializer):
    opens = serializers.DateTimeField(
        source="start",
        default_timezone=DEFAULT_TZ,
        help_text=_("Lokal tid med UTC-forskydning, fx 2026-03-29T10:00:00+02:00."),
    )
    closes = serializers.DateTimeField(source="end", default_timezone=DEFAULT_TZ)


class DayHoursSerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    is_open = serializers.BooleanField()
    holiday = serializers.CharField(
        allow_null=True, help_text=_("Helligdagens navn, når den holder lokationen lukket.")
    )
    closure_reason = serializers.CharField(
        allow_null=True,
        help_text=_("Begrundelsen, når en lukning tager dagens åbningstid (tom: ingen oplyst)."),
    )
    intervals = IntervalSerializer(many=True)


class LocationSerializer(serializers.ModelSerializer):
    address = AddressSerializer(source="*", read_only=True)
    opening_hours = OpeningHoursSerializer(many=True, read_only=True)
    closures = serializers.SerializerMethodField(help_text=_("Lukninger fra i dag og frem."))
    extra_openings = serializers.SerializerMethodField(
        help_text=_("Ekstra åbninger fra i dag og frem.")
    )
    hours_on = DayHoursSerializer(
        source="hours_on_day",
        read_only=True,
        allow_null=True,
        help_text=_("Åbningstiden den dag, der blev spurgt om med »open_on«; ellers null."),
    )

    class Meta:
        model = Location
        fields = [
            "slug",
            "name",
            "kind",
            "address",
            "phone",
            "email",
            "closed_on_public_holidays",
            "opening_hours",
            "closures",
            "extra_openings",
            "hours_on",
        ]
        read_only_fields = fields

    def _today(self) -> date:
        return self.context.get("today") or clock.today()

    @extend_schema_field(ClosureSerializer(many=True))
    def get_closures(self, location: Location):
        today = self._today()
        upcoming = [c for c in location.closures.all() if c.ends_on >= today]
        return ClosureSerializer(upcoming, many=True).data

    @extend_schema_field(ExtraOpeningSerializer(many=True))
    def get_extra_openings(self, location: Location):
        today = self._today()
        upcoming = [e for e in location.extra_openings.all() if e.date >= today]
        return ExtraOpeningSerializer(upcoming, many=True).data
