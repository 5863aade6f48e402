"""The staff login form: Danish labels and messages, autocomplete hints."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class StaffLoginForm(AuthenticationForm):
    """Django's authentication form with Danish texts.

    It authenticates with the request, so django-axes sees every attempt. Django
    marks a field with errors `aria-invalid` and points `aria-describedby` at
    `<id>_error`, the id the template gives the field's error message.
    """

    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        error_messages={"required": _("Skriv dit brugernavn.")},
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "form-input",
            }
        ),
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        error_messages={"required": _("Skriv din adgangskode.")},
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-input"}
        ),
    )

    error_messages = {
        "invalid_login": _(
            "Brugernavn eller adgangskode er forkert. Bemærk, at der skelnes mellem store "
            "og små bogstaver."
        ),
        "inactive": _("Brugeren er deaktiveret. Kontakt en administrator."),
    }
