"""HTML input for the guidance pages, with Danish messages. Forms check the
shape; the services validate and save (phone, e-mail, CPR)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.accounts.models import User
from indgang.catalogue.models import Department
from indgang.core.permissions import Role
from indgang.guides.selectors import guides_published

from .models import ActionStatus

TEXT_INPUT = "form-input"
SELECT = "form-select"


class PlanForm(forms.Form):
    title = forms.CharField(
        label=_("Borgerens situation"),
        max_length=200,
        help_text=_("Fx »Mistet job og skal flytte«."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT}),
        error_messages={"required": _("Skriv borgerens situation.")},
    )
    guide = forms.ModelChoiceField(
        label=_("Livssituation"),
        queryset=None,
        required=False,
        empty_label=_("Ingen valgt"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    citizen_name = forms.CharField(
        label=_("Borgerens navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": TEXT_INPUT, "autocomplete": "off"}),
        error_messages={"required": _("Skriv borgerens navn.")},
    )
    phone = forms.CharField(
        label=_("Mobilnummer"),
        required=False,
        max_length=20,
        help_text=_("Borgeren får mødeoversigten og påmindelser på SMS."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT, "inputmode": "tel"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"class": TEXT_INPUT}),
    )
    cpr = forms.CharField(
        label=_("CPR-nummer"),
        required=False,
        max_length=11,
        help_text=_("Kun hvis borgeren selv oplyser det. Spørg aldrig om det."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT, "autocomplete": "off"}),
    )
    notes = forms.CharField(
        label=_("Noter"),
        required=False,
        help_text=_("Kort om situationen. Ingen CPR-numre eller helbredsoplysninger."),
        widget=forms.Textarea(attrs={"class": TEXT_INPUT, "rows": 4}),
    )

    def clean_cpr(self) -> str:
        value = re.sub(r"\s", "", self.cleaned_data.get("cpr") or "")
        if value and not re.fullmatch(r"\d{6}-?\d{4}", value):
            raise forms.ValidationError(_("Et CPR-nummer har 10 cifre, fx 010203-1234."))
        return value

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guide"].queryset = guides_published()
        if editing:
            self.fields["cpr"].help_text = _("Lad feltet stå tomt for at beholde det gemte nummer.")
            self.fields["remove_cpr"] = forms.BooleanField(
                label=_("Slet det gemte CPR-nummer"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
            )


def _caseworker_choices() -> list:
    """Back-office staff grouped by department (an optgroup per department)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    users = (
        User.objects.filter(is_active=True, groups__name=Role.BACK_OFFICE)
        .select_related("department")
        .order_by("department__name", "first_name", "last_name")
        .distinct()
    )
    for user in users:
        label = user.department.name if user.department_id else str(_("Uden afdeling"))
        groups.setdefault(label, []).append((str(user.pk), user.get_full_name() or user.username))
    return [("", _("Ingen bestemt – afdelingen")), *list(groups.items())]


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("Handling"),
        max_length=200,
        help_text=_("Hvad skal der ske? Fx »Søg om boligstøtte«."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT}),
        error_messages={"required": _("Skriv, hvad der skal gøres.")},
    )
    department = forms.ModelChoiceField(
        label=_("Ansvarlig afdeling"),
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label=_("Ingen (borgerservice)"),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    assignee = forms.ChoiceField(
        label=_("Ansvarlig sagsbehandler"),
        required=False,
        help_text=_("Vælger du en sagsbehandler, bliver afdelingen vedkommendes."),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    deadline = forms.DateField(
        label=_("Frist"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": TEXT_INPUT}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv en dato som 2026-11-24.")},
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        widget=forms.Textarea(attrs={"class": TEXT_INPUT, "rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = _caseworker_choices()

    def clean_assignee(self):
        value = self.cleaned_data.get("assignee")
        if not value:
            return None
        return User.objects.filter(pk=int(value)).select_related("department").first()


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )


class TopicForm(forms.Form):
    topic = forms.CharField(
        label=_("Mødets emne"),
        max_length=200,
        help_text=_("Borgeren ser emnet i beskeden. Fx »Boligstøtte og flytning«."),
        widget=forms.TextInput(attrs={"class": TEXT_INPUT}),
        error_messages={"required": _("Skriv mødets emne.")},
    )
    action = forms.ChoiceField(
        label=_("Hører til handlingen"),
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Ingen bestemt"))] + [
            (str(a.pk), a.title) for a in actions
        ]
