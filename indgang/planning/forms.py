"""HTML input of the planning pages, with Danish messages. Never saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .erlang import FIELDS, StaffingInputError, staffing

_NUMBER = _("Skriv et tal, fx 20 eller 0,8.")


def number_input(width: str = "input-width-xs") -> forms.TextInput:
    return forms.TextInput(
        attrs={"class": f"form-input {width}", "inputmode": "decimal", "autocomplete": "off"}
    )


def number_field(label, *, help_text="", required=True, initial=None) -> forms.FloatField:
    """A decimal number; Danish comma or point."""
    return forms.FloatField(
        label=label,
        help_text=help_text,
        required=required,
        initial=initial,
        localize=True,
        error_messages={"required": _("Angiv en værdi."), "invalid": _NUMBER},
        widget=number_input(),
    )


class StaffingForm(forms.Form):
    """The staffing calculator on the planning start page (GET). `clean()`
    runs `staffing()` so its range checks land on the right fields."""

    calls_per_hour = number_field(_("Opkald pr. time"), initial=200)
    aht_seconds = number_field(
        _("Behandlingstid (AHT), sekunder"),
        help_text=_("Samtale plus efterbehandling i gennemsnit."),
        initial=150,
    )
    answer_within_seconds = number_field(_("Svartid for servicemålet, sekunder"), initial=20)
    target_service_level = number_field(
        _("Servicemål (andel besvaret inden svartiden)"), required=False, initial=0.8
    )
    patience_seconds = number_field(
        _("Borgernes tålmodighed, sekunder"),
        help_text=_("Udfyldes den, regnes der med Erlang A: borgere der lægger på."),
        required=False,
    )
    max_abandoned_after = number_field(
        _("Højst andel der lægger på efter svartiden"), required=False, initial=0.08
    )
    shrinkage = number_field(
        _("Spildtid (andel af arbejdstiden væk fra telefonen)"), required=False, initial=0.3
    )
    agents = forms.IntegerField(
        label=_("Regn på dette antal medarbejdere"),
        help_text=_("Tom: det nødvendige antal."),
        required=False,
        min_value=0,
        error_messages={"invalid": _("Skriv et helt tal, fx 10.")},
        widget=number_input(),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kwargs = {k: data[k] for k in FIELDS if data.get(k) is not None}
        try:
            self.result = staffing(**kwargs)
        except StaffingInputError as error:
            for key, message in error.errors.items():
                self.add_error(key if key in self.fields else None, message)
        return data
