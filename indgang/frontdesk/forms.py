"""HTML input for the kiosk and the staff queue screen; Danish messages, never saves."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Desk, Outcome, Service, SubjectArea


class CheckinForm(forms.Form):
    """The kiosk: a booking code or the phone number used to book."""

    code = forms.CharField(
        label=_("Bookingkode"),
        help_text=_("6 tegn, fx K7P2QX. Du finder den i din SMS eller e-mail."),
        required=False,
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "class": "form-input indgang-kiosk-input",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    phone = forms.CharField(
        label=_("Eller dit telefonnummer"),
        help_text=_("Det nummer, du bestilte tiden med."),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "class": "form-input indgang-kiosk-input",
                "inputmode": "tel",
                "autocomplete": "off",
            }
        ),
    )

    def clean_code(self) -> str:
        return re.sub(r"\s+", "", self.cleaned_data["code"]).upper()

    def clean_phone(self) -> str:
        return re.sub(r"[\s-]+", "", self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(
                _("Skriv din bookingkode eller dit telefonnummer."), code="empty"
            )
        return data


class DeskChoiceForm(forms.Form):
    desk = forms.ModelChoiceField(
        label=_("Din skranke"),
        queryset=Desk.objects.none(),
        empty_label=_("Vælg skranke"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, location, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = Desk.objects.filter(location=location, is_active=True)


class TransferForm(DeskChoiceForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desk"].label = _("Flyt til skranke")


class ServedForm(forms.Form):
    """ "Betjent": subject area or service, outcome, co-service; one or two clicks."""

    service = forms.ModelChoiceField(
        label=_("Ydelse"),
        queryset=Service.objects.all(),
        required=False,
        empty_label=_("Ingen valgt"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    subject_area = forms.ModelChoiceField(
        label=_("Eller fagområde"),
        queryset=SubjectArea.objects.all(),
        required=False,
        empty_label=_("Ingen valgt"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    outcome = forms.ChoiceField(
        label=_("Udfald"),
        choices=Outcome.choices,
        initial=Outcome.RESOLVED,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    co_service = forms.BooleanField(
        label=_("Medbetjening"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )


class WalkinForm(forms.Form):
    """Urgent walk-in entered by staff."""

    services = forms.ModelMultipleChoiceField(
        label=_("Ydelser"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst én ydelse.")},
    )
    urgent = forms.BooleanField(label=_("Haster"), required=False, initial=True)
    phone = forms.CharField(
        label=_("Telefon (til spørgeskema)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-input", "inputmode": "tel"}),
    )

    def __init__(self, *args, location, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = (
            Service.objects.filter(desks__location=location).distinct().order_by("name")
        )
