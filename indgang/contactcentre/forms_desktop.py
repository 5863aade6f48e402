"""Forms of the agent desktop (views/desktop.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department, Service

SELECT = {"class": "form-select"}
INPUT = {"class": "form-input"}


class _DesktopForm(forms.Form):
    """The desktop shows several forms at once: each gets its own id prefix."""

    id_prefix = "desktop"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class CallbackForm(_DesktopForm):
    id_prefix = "callback"

    department = forms.ModelChoiceField(
        label=_("Afdeling, der skal ringe tilbage"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Vælg afdeling"),
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Vælg den afdeling, der skal ringe tilbage.")},
    )
    citizen_name = forms.CharField(
        label=_("Borgerens navn"),
        max_length=200,
        widget=forms.TextInput(attrs={**INPUT, "autocomplete": "off"}),
        error_messages={"required": _("Skriv borgerens navn.")},
    )
    citizen_phone = forms.CharField(
        label=_("Borgerens telefonnummer"),
        max_length=20,
        widget=forms.TextInput(attrs={**INPUT, "type": "tel", "autocomplete": "off"}),
        error_messages={"required": _("Skriv det telefonnummer, borgeren skal ringes op på.")},
    )
    question = forms.CharField(
        label=_("Borgerens spørgsmål"),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
        help_text=_("Skriv ikke CPR-nummer."),
        error_messages={"required": _("Skriv borgerens spørgsmål.")},
    )


class SelfServiceForm(_DesktopForm):
    id_prefix = "selfservice"

    phone = forms.CharField(
        label=_("Send linket på SMS til"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={**INPUT, "type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("Send linket på e-mail til"),
        required=False,
        widget=forms.EmailInput(attrs={**INPUT, "autocomplete": "off"}),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")},
    )


class TransferDepartmentForm(_DesktopForm):
    id_prefix = "transfer"

    department = forms.ModelChoiceField(
        label=_("Viderestil til afdeling"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Vælg afdeling"),
        widget=forms.Select(attrs=SELECT),
        error_messages={"required": _("Vælg den afdeling, opkaldet skal viderestilles til.")},
    )


class ServiceChoiceForm(_DesktopForm):
    id_prefix = "service"

    service = forms.ModelChoiceField(
        label=_("Ydelse"),
        required=False,
        queryset=Service.objects.active().order_by("name"),
        empty_label=_("Ingen bestemt ydelse"),
        widget=forms.Select(attrs=SELECT),
    )
