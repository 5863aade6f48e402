"""HTML input for the guides' citizen pages, with Danish messages. Forms never
save: the views hand their cleaned data to `guides.services`.

The questions themselves are not a Django form: they are built from the
guide's Question rows and parsed by `guides.selectors.answers_parse`.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.core.phone import phone_normalise

TEXT_INPUT = "form-input"


class SendForm(forms.Form):
    """Send the checklist to the citizen: an e-mail address, a mobile number or both."""

    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.")},
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "class": TEXT_INPUT, "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label=_("Mobilnummer"),
        required=False,
        max_length=20,
        help_text=_("Et dansk nummer skrives med 8 cifre; andre med landekode, fx +46."),
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

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "send-%s")
        super().__init__(*args, **kwargs)

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return phone_normalise(value) if value else ""

    def clean(self):
        data = super().clean()
        answered = data.get("phone") or data.get("email")
        if not answered and not self.has_error("phone") and not self.has_error("email"):
            self.add_error(
                "email",
                _("Skriv en e-mailadresse eller et mobilnummer, så vi kan sende tjeklisten."),
            )
        return data
