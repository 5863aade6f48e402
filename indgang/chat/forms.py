"""HTML input for the citizen's chat page, with Danish messages. Forms never
save: the views hand their cleaned data to a service.

Django marks a field with errors `aria-invalid` and points `aria-describedby`
at `<id>_helptext` and `<id>_error`; the templates give the hint and the error
message those ids.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indgang.core.phone import phone_normalise

TEXT_INPUT = "form-input"
QUESTION_MAX_LENGTH = 1000


class QuestionForm(forms.Form):
    """The question (a GET form: without JavaScript it shows matching articles)."""

    q = forms.CharField(
        label=_("Skriv dit spørgsmål"),
        required=False,
        max_length=QUESTION_MAX_LENGTH,
        help_text=_(
            "Skriv ikke dit CPR-nummer eller andre fortrolige oplysninger. "
            "Mens du skriver, viser vi svar, der måske kan hjælpe dig."
        ),
        widget=forms.Textarea(
            attrs={"class": TEXT_INPUT, "rows": 3, "autocomplete": "off", "spellcheck": "true"}
        ),
    )


class CallbackForm(forms.Form):
    """Outside chat hours: ask to be called back."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={
            "required": _("Skriv dit navn."),
            "max_length": _("Navnet må højst være %(limit_value)d tegn."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": TEXT_INPUT}),
    )
    phone = forms.CharField(
        label=_("Telefonnummer"),
        max_length=20,
        help_text=_("Et dansk nummer skrives med 8 cifre; andre med landekode, fx +46."),
        error_messages={
            "required": _("Skriv dit telefonnummer, så vi kan ringe til dig."),
            "max_length": _("Skriv et gyldigt telefonnummer, fx 12 34 56 78."),
        },
        widget=forms.TextInput(
            attrs={
                "type": "tel",
                "autocomplete": "tel",
                "inputmode": "tel",
                "class": f"{TEXT_INPUT} input-width-s",
            }
        ),
    )
    question = forms.CharField(
        label=_("Hvad drejer det sig om?"),
        max_length=QUESTION_MAX_LENGTH,
        help_text=_(
            "Skriv ikke dit CPR-nummer. "
            "Vi spørger efter det, når vi ringer, hvis vi skal bruge det."
        ),
        error_messages={
            "required": _("Skriv, hvad vi skal ringe om."),
            "max_length": _("Skriv højst %(limit_value)d tegn."),
        },
        widget=forms.Textarea(attrs={"class": TEXT_INPUT, "rows": 3}),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        return phone_normalise(self.cleaned_data["phone"].strip())

    def clean_question(self) -> str:
        return self.cleaned_data["question"].strip()
