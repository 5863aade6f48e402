"""HTML input of the directory, the back-office inbox and the callback page.
Forms validate and give Danish messages; services save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Weekday

from .models import Presence


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Søg efter afdeling eller medarbejder"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-input", "type": "search"}),
    )


class PresenceForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Min status"),
        choices=Presence.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio-input"}),
        error_messages={"required": _("Vælg din status.")},
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=120,
        help_text=_("Fx “tilbage kl. 13”. Kolleger i kontaktcentret kan se den."),
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )


class PhoneHoursForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Ugedag"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    opens = forms.TimeField(
        label=_("Fra (tt:mm)"),
        widget=forms.TimeInput(attrs={"class": "form-input input-width-xs"}, format="%H:%M"),
        error_messages={
            "required": _("Skriv hvornår telefontiden begynder."),
            "invalid": _("Skriv et tidspunkt som 09:00."),
        },
    )
    closes = forms.TimeField(
        label=_("Til (tt:mm)"),
        widget=forms.TimeInput(attrs={"class": "form-input input-width-xs"}, format="%H:%M"),
        error_messages={
            "required": _("Skriv hvornår telefontiden slutter."),
            "invalid": _("Skriv et tidspunkt som 12:00."),
        },
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes <= opens:
            self.add_error("closes", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return data


class CallbackNoteForm(forms.Form):
    notes = forms.CharField(
        label=_("Ny note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
        error_messages={"required": _("Skriv noten.")},
    )
