"""HTML input for the booking pages, with Danish messages. Forms never save:
the views hand their cleaned data to `booking.services`.

Django marks a field with errors `aria-invalid` and points `aria-describedby`
at `<id>_helptext` and `<id>_error`; the templates give the hint and the error
message those ids. Checkbox and radio groups are fieldsets, whose templates
set `aria-describedby` themselves.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.hours import to_instant
from indgang.catalogue.models import Weekday
from indgang.core import clock
from indgang.core.phone import phone_normalise

from .models import BookingChannel

TEXT_INPUT = "form-input"


class ServicesForm(forms.Form):
    """Step 1: one or more services (slugs)."""

    services = forms.MultipleChoiceField(
        label=_("Hvad skal du have klaret?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Vælg mindst én ydelse."),
            "invalid_choice": _("Vælg mellem de viste ydelser."),
        },
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].choices = [(s.slug, s.display_name) for s in services]


class StaffServicesForm(ServicesForm):
    """Staff's first step: the location and the services."""

    location = forms.ChoiceField(
        label=_("Sted"),
        error_messages={
            "required": _("Vælg et sted."),
            "invalid_choice": _("Vælg et af de viste steder."),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    field_order = ["location", "services"]

    def __init__(self, *args, services, locations, **kwargs):
        super().__init__(*args, services=services, **kwargs)
        self.fields["services"].label = _("Ydelser")
        self.fields["location"].choices = [(loc.slug, loc.name) for loc in locations]


class LocationForm(forms.Form):
    """Step 3: where (only places with a desk that handles every chosen service)."""

    location = forms.ChoiceField(
        label=_("Hvor vil du møde op?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg et sted."),
            "invalid_choice": _("Vælg et af de viste steder."),
        },
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(loc.slug, loc.name) for loc in locations]


class TimeForm(forms.Form):
    """Step 5: one of the day's free starts (ISO 8601 with offset)."""

    start = forms.CharField(
        label=_("Vælg et tidspunkt"),
        error_messages={"required": _("Vælg et tidspunkt.")},
    )

    def __init__(self, *args, starts: list[datetime], **kwargs):
        super().__init__(*args, **kwargs)
        self.starts = starts

    def clean_start(self) -> datetime:
        value = self.cleaned_data["start"]
        try:
            start = datetime.fromisoformat(value)
        except ValueError:
            start = None
        if start is None or start.tzinfo is None or start not in self.starts:
            raise ValidationError(_("Tiden er ikke ledig. Vælg en af de viste tider."))
        return start


class ContactForm(forms.Form):
    """Step 6: who is coming and where to send the confirmation. Never a CPR number."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={
            "required": _("Skriv dit navn."),
            "max_length": _("Navnet må højst være %(limit_value)d tegn."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "name", "class": TEXT_INPUT, "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=_("Mobilnummer"),
        required=False,
        max_length=20,
        help_text=_(
            "Vi sender en SMS med bekræftelsen og en påmindelse, før du skal komme. "
            "Et dansk nummer skrives med 8 cifre; andre med landekode, fx +46."
        ),
        error_messages={"max_length": _("Skriv et gyldigt telefonnummer, fx 12 34 56 78.")},
        widget=forms.TextInput(
            attrs={
                "type": "tel",
                "autocomplete": "tel",
                "inputmode": "tel",
                "class": f"{TEXT_INPUT} input-width-s",
            }
        ),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("Vi sender bekræftelsen og påmindelsen hertil, hvis du skriver en e-mail."),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")},
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "class": TEXT_INPUT, "spellcheck": "false"}
        ),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return phone_normalise(value) if value else ""

    def clean(self):
        data = super().clean()
        answered = data.get("phone") or data.get("email")
        if not answered and not self.has_error("phone") and not self.has_error("email"):
            self.add_error(
                "phone",
                _(
                    "Skriv et mobilnummer eller en e-mailadresse, "
                    "så vi kan sende dig en bekræftelse."
                ),
            )
        return data


class StaffContactForm(ContactForm):
    """Staff's last step: the citizen's details, how they asked, and the
    language of the messages."""

    channel = forms.ChoiceField(
        label=_("Hvordan henvendte borgeren sig?"),
        choices=[
            (BookingChannel.PHONE, BookingChannel.PHONE.label),
            (BookingChannel.IN_PERSON, BookingChannel.IN_PERSON.label),
            (BookingChannel.SMS, BookingChannel.SMS.label),
            (BookingChannel.WEB, BookingChannel.WEB.label),
        ],
        initial=BookingChannel.PHONE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg hvordan borgeren henvendte sig.")},
    )
    language = forms.ChoiceField(
        label=_("Sprog i SMS og e-mail"),
        choices=[("da", _("Dansk")), ("en", _("Engelsk"))],
        initial="da",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Borgerens navn")
        self.fields["name"].error_messages["required"] = _("Skriv borgerens navn.")
        self.fields["phone"].help_text = _(
            "Borgeren får bekræftelse og påmindelse på SMS. Spørg aldrig om CPR-nummer."
        )
        self.fields["email"].help_text = _("Frivilligt: bekræftelsen sendes også hertil.")


class StaffDayForm(forms.Form):
    """The staff day view: which location and which date."""

    location = forms.ChoiceField(
        label=_("Sted"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Vælg et af de viste steder.")},
    )
    date = forms.DateField(
        label=_("Dato"),
        widget=forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv en dato som 2026-11-24.")},
    )

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [(loc.slug, loc.name) for loc in locations]


# --- The caseworker's own meeting calendar ("Min mødekalender") -----------------

MEETING_MINUTES_CHOICES = [
    (m, format_lazy(_("{minutes} minutter"), minutes=m)) for m in (15, 30, 45, 60, 75, 90, 120)
]


def _time_field(label, required_message, invalid_message, *, required=True):
    return forms.TimeField(
        label=label,
        required=required,
        widget=forms.TimeInput(attrs={"class": f"{TEXT_INPUT} input-width-xs"}, format="%H:%M"),
        error_messages={
            "required": required_message,
            "invalid": invalid_message,
        },
    )


def _date_field(label, required_message):
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT}, format="%Y-%m-%d"),
        error_messages={
            "required": required_message,
            "invalid": _("Skriv en dato som 2026-11-24."),
        },
    )


class StaffCalendarHoursForm(forms.Form):
    """One weekly interval in which citizen service may book meetings with me."""

    weekday = forms.TypedChoiceField(
        label=_("Ugedag"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    opens = _time_field(
        _("Fra (tt:mm)"), _("Skriv hvornår mødetiden begynder."), _("Skriv et tidspunkt som 09:00.")
    )
    closes = _time_field(
        _("Til (tt:mm)"), _("Skriv hvornår mødetiden slutter."), _("Skriv et tidspunkt som 12:00.")
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return data


class StaffCalendarAbsenceForm(forms.Form):
    """A period without meetings: whole days, or from and to a time of day.
    `cleaned_data` gets `starts_at` and `ends_at` as real instants."""

    starts_on = _date_field(_("Fra dato"), _("Skriv hvilken dag fraværet begynder."))
    starts_time = _time_field(
        _("Fra kl. (tt:mm)"), "", _("Skriv et tidspunkt som 08:00."), required=False
    )
    ends_on = _date_field(_("Til og med dato"), _("Skriv hvilken dag fraværet slutter."))
    ends_time = _time_field(
        _("Til kl. (tt:mm)"), "", _("Skriv et tidspunkt som 16:00."), required=False
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXT_INPUT}),
        error_messages={"max_length": _("Skriv højst %(limit_value)d tegn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_time"].help_text = _("Tom: fra dagens begyndelse.")
        self.fields["ends_time"].help_text = _("Tom: til dagens slutning.")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if not starts_on or not ends_on:
            return data
        starts_at = to_instant(starts_on, data.get("starts_time") or time.min)
        if data.get("ends_time"):
            ends_at = to_instant(ends_on, data["ends_time"], later=True)
        else:
            ends_at = to_instant(ends_on + timedelta(days=1), time.min)
        if ends_at <= starts_at:
            self.add_error("ends_on", _("Fraværet skal slutte efter det begynder."))
        elif ends_at <= clock.now():
            self.add_error("ends_on", _("Fraværet er allerede overstået."))
        data["starts_at"], data["ends_at"] = starts_at, ends_at
        return data


class StaffCalendarSettingsForm(forms.Form):
    """How long my meetings last and where they are held."""

    meeting_minutes = forms.TypedChoiceField(
        label=_("Mødets længde"),
        choices=MEETING_MINUTES_CHOICES,
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Vælg en af de viste længder.")},
    )
    place = forms.CharField(
        label=_("Mødested"),
        required=False,
        max_length=200,
        help_text=_("Fx »Rådhuset, lokale 2.14«. Tom: aftales med borgeren."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT}),
        error_messages={"max_length": _("Skriv højst %(limit_value)d tegn.")},
    )
