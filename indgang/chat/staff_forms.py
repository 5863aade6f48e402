"""Forms of the agent console (/personale/chat/): HTML input and Danish
messages; they never save (the views call chat.services)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import SubjectArea
from indgang.contactcentre.models import Presence

from .models import CHAT_OUTCOMES

MAX_MESSAGE_LENGTH = 4000


def new_client_id() -> str:
    """A fresh client id for one send form: the same form posted twice (a
    double click, a browser resend) is stored once."""
    return f"console-{uuid.uuid4()}"


class PresenceForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Min status"),
        choices=Presence.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Vælg din status."), "invalid_choice": _("Vælg din status.")},
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Dit svar"),
        max_length=MAX_MESSAGE_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
        error_messages={
            "required": _("Skriv et svar, før du sender."),
            "max_length": _("Svaret må højst være %(limit_value)d tegn."),
        },
    )
    client_id = forms.CharField(max_length=100, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("client_id", new_client_id())
        super().__init__(*args, **kwargs)


class TransferForm(forms.Form):
    """Transfer to a present colleague with a free slot (the candidates given)."""

    to_user = forms.TypedChoiceField(
        label=_("Viderestil til"),
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "required": _("Vælg den kollega, chatten skal viderestilles til."),
            "invalid_choice": _(
                "Kollegaen er ikke længere ledig eller har ikke plads til flere chats."
            ),
        },
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_user"].choices = [("", _("Vælg kollega"))] + [
            (user.pk, user.get_full_name() or user.username) for user in candidates
        ]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Hvordan endte chatten?"),
        choices=[(o.value, o.label) for o in CHAT_OUTCOMES],
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={
            "required": _("Vælg hvordan chatten endte."),
            "invalid_choice": _("Vælg hvordan chatten endte."),
        },
    )
    subject_area = forms.ModelChoiceField(
        label=_("Fagområde"),
        queryset=SubjectArea.objects.order_by("position", "name"),
        required=False,
        empty_label=_("Intet fagområde"),
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": _("Vælg et fagområde fra listen.")},
    )
