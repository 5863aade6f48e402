"""HTML input of the channel-cost pages, with Danish messages. Never saves."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Channel, Service

from .forms import number_field, number_input

_PCT_RANGE = _("Skriv en procent mellem 0 og 100.")


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Service) -> str:
        return obj.display_name


class BusinessCaseForm(forms.Form):
    """The business case on the costs page (GET): a service and a percentage."""

    service = ServiceChoiceField(
        label=_("Ydelse"),
        queryset=Service.objects.active().order_by("name"),
        empty_label=_("Vælg en ydelse"),
        error_messages={
            "required": _("Vælg en ydelse."),
            "invalid_choice": _("Vælg en ydelse fra listen."),
        },
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    move_pct = number_field(
        _("Andel der flyttes til selvbetjening (%)"),
        help_text=_("Fx 20 for 20 % af de betjente henvendelser."),
    )

    def clean_move_pct(self):
        value = self.cleaned_data["move_pct"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(_PCT_RANGE)
        return value


def _rate_field(label, *, max_digits: int) -> forms.DecimalField:
    too_long = _("Skriv et tal med højst %(whole)s cifre før kommaet og to decimaler.") % {
        "whole": max_digits - 2
    }
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_digits=max_digits,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Angiv en værdi."),
            "invalid": _("Skriv et tal, fx 6 eller 8,50."),
            "min_value": _("Tallet kan ikke være negativt."),
            "max_digits": too_long,
            "max_whole_digits": too_long,
            "max_decimal_places": _("Skriv højst to decimaler, fx 8,50."),
        },
        widget=number_input(),
    )


def minutes_key(channel: str) -> str:
    return f"{channel}_minutes"


def cost_key(channel: str) -> str:
    return f"{channel}_cost"


class ChannelRatesForm(forms.Form):
    """Minutes per contact and kroner per minute for every channel (POST)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for channel in Channel:
            self.fields[minutes_key(channel.value)] = _rate_field(
                _("%(channel)s: minutter pr. henvendelse") % {"channel": channel.label},
                max_digits=6,
            )
            self.fields[cost_key(channel.value)] = _rate_field(
                _("%(channel)s: kr. pr. minut") % {"channel": channel.label}, max_digits=8
            )

    def channel_groups(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(channel label, minutes field, kroner field) per channel, for the template."""
        return [
            (str(c.label), self[minutes_key(c.value)], self[cost_key(c.value)]) for c in Channel
        ]

    def costs(self) -> dict[str, tuple[Decimal, Decimal]]:
        """{channel: (minutes, kroner per minute)} of a valid form."""
        data = self.cleaned_data
        return {c.value: (data[minutes_key(c.value)], data[cost_key(c.value)]) for c in Channel}
