"""HTML input of the inbox and the mail page. Forms validate and give Danish
messages; services save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department, Service, SubjectArea

from .selectors import NO_DEPARTMENT, STATUS_FILTERS, STATUS_OPEN


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=STATUS_FILTERS,
        required=False,
        initial=STATUS_OPEN,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    department = forms.ChoiceField(
        label=_("Afdeling"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [
            ("", _("Alle afdelinger")),
            (NO_DEPARTMENT, _("Uden afdeling")),
            *Department.objects.order_by("name").values_list("slug", "name"),
        ]

    def values(self) -> tuple[str, str]:
        if not self.is_bound or not self.is_valid():
            return STATUS_OPEN, ""
        return self.cleaned_data["status"] or STATUS_OPEN, self.cleaned_data["department"]


def _select(queryset, label, empty):
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=empty,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Vælg en af mulighederne.")},
    )


class TriageForm(forms.Form):
    subject_area = _select(
        SubjectArea.objects.order_by("position", "name"), _("Fagområde"), _("Intet")
    )
    department = _select(Department.objects.order_by("name"), _("Afdeling"), _("Ingen"))
    service = _select(Service.objects.order_by("name"), _("Ydelse"), _("Ingen"))


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Dit svar"),
        required=False,
        max_length=5000,
        help_text=_("Sendes som e-mail til afsenderen. Skriv ikke CPR-numre."),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 8}),
        error_messages={"max_length": _("Svaret må højst være %(limit_value)d tegn.")},
    )

    def __init__(self, *args, secure: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.secure = secure
        if not secure:
            self.fields["text"].required = True
            self.fields["text"].error_messages["required"] = _("Skriv dit svar.")

    def clean_text(self):
        return self.cleaned_data["text"].strip()


class ForwardForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Videresend til afdeling"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Vælg afdeling"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": _("Vælg den afdeling, mailen skal videresendes til."),
            "invalid_choice": _("Vælg en af afdelingerne."),
        },
    )
    note = forms.CharField(
        label=_("Besked til afdelingen"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
    )


class CallbackForm(forms.Form):
    phone = forms.CharField(
        label=_("Borgerens telefonnummer"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "form-input input-width-m", "type": "tel", "autocomplete": "off"}
        ),
        error_messages={"required": _("Skriv det telefonnummer, borgeren skal ringes op på.")},
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling der ringer tilbage"),
        queryset=Department.objects.order_by("name"),
        empty_label=_("Vælg afdeling"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": _("Vælg den afdeling, der skal ringe tilbage."),
            "invalid_choice": _("Vælg en af afdelingerne."),
        },
    )
    note = forms.CharField(
        label=_("Hvad drejer det sig om?"),
        max_length=2000,
        help_text=_("Afdelingen ser dette som borgerens spørgsmål. Skriv ikke CPR-numre."),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
        error_messages={"required": _("Skriv kort, hvad borgeren spørger om.")},
    )
