"""Phone numbers: validated and normalised to E.164 with `phonenumbers`,
Danish (+45) by default."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "DK"


def phone_normalise(value: str, *, region: str = DEFAULT_REGION) -> str:
    """ "12 34 56 78" → "+4512345678". Raises ValidationError with a Danish
    message when the number cannot be a phone number (wrong length or digits).

    We check that the number is *possible* rather than allocated: number
    ranges change faster than the library's metadata, and a citizen who
    mistypes gets no SMS, which the confirmation page makes visible."""
    try:
        number = phonenumbers.parse(str(value), region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("Skriv et gyldigt telefonnummer, fx 12 34 56 78.")) from exc
    if not phonenumbers.is_possible_number(number):
        raise ValidationError(_("Skriv et gyldigt telefonnummer, fx 12 34 56 78."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    """ "+4512345678" → "12 34 56 78" for Danish numbers, international format otherwise."""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 45:
        digits = str(number.national_number)
        return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
