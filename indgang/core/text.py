"""Text helpers that know Danish."""

from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slugify_da(value: str) -> str:
    """Slug that keeps Danish letters readable: "Kørekort" → "koerekort".

    Django's own `slugify("Kørekort")` drops the ø and gives "krekort".
    """
    return slugify(str(value).translate(_DANISH))
