import pytest
from django.core.exceptions import ValidationError

from indgang.core.phone import phone_display, phone_normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 34 56 78", "+4512345678"),
        ("+45 12345678", "+4512345678"),
        ("004512345678", "+4512345678"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_phone_numbers_are_normalised_to_e164_with_denmark_as_default(raw, expected):
    assert phone_normalise(raw) == expected


@pytest.mark.parametrize("raw", ["", "abc", "1234", "+45 1234567890123"])
def test_invalid_phone_numbers_get_a_danish_message(raw):
    with pytest.raises(ValidationError) as error:
        phone_normalise(raw)
    assert "gyldigt telefonnummer" in str(error.value)


def test_danish_numbers_display_in_pairs():
    assert phone_display("+4512345678") == "12 34 56 78"
    assert phone_display("+46701234567").startswith("+46 70")
