"""The English translations: complete, placeholder-safe, compiled, and used.

The .po under locale/en is the source; the committed .mo is compiled from it
(`make messages`) so a machine without GNU gettext still serves English.
"""

import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")

# %(name)s, %s / %d, {name}. "%%" is a literal percent sign, not a placeholder.
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")


def placeholders(text: str) -> Counter:
    return Counter(m for m in PLACEHOLDER.findall(text) if m != "%%")


def key(entry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def translation_of(entry) -> str | tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


@pytest.fixture(scope="module")
def entries(po) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def test_header_is_filled_in_and_not_fuzzy(po):
    assert not po.metadata_is_fuzzy, "remove '#, fuzzy' from the header entry"
    assert po.metadata["Language"] == "en"
    assert po.metadata["Project-Id-Version"] == "Indgang"
    assert po.metadata["Plural-Forms"].startswith("nplurals=2;")


def test_every_entry_is_translated_and_not_fuzzy(entries):
    assert entries, f"no messages in {PO_PATH}"
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        forms = translation_of(entry)
        if entry.msgid_plural and len(forms) != 2:
            problems.append(f"needs 2 plural forms: {entry.msgid!r}")
        if isinstance(forms, str):
            forms = (forms,)
        if not all(form.strip() for form in forms):
            problems.append(f"untranslated: {entry.msgid!r}")
    assert not problems, "\n".join(problems)


def test_placeholders_match(entries):
    problems = []
    for entry in entries:
        if entry.msgid_plural:
            # msgstr[0] is the singular, every other form follows the plural msgid.
            pairs = [
                (entry.msgid if i == 0 else entry.msgid_plural, form)
                for i, form in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, target in pairs:
            if target and placeholders(source) != placeholders(target):
                problems.append(
                    f"{source!r} has {sorted(placeholders(source).elements())}, "
                    f"{target!r} has {sorted(placeholders(target).elements())}"
                )
    assert not problems, "\n".join(problems)


def test_compiled_mo_matches_po(entries):
    assert MO_PATH.exists(), f"{MO_PATH} is missing: run make messages"
    compiled = {key(entry): translation_of(entry) for entry in polib.mofile(str(MO_PATH))}
    source = {
        key(entry): translation_of(entry)
        for entry in entries
        if entry.translated() and "fuzzy" not in entry.flags
    }
    stale = sorted(
        repr(k[1]) for k in source.keys() | compiled.keys() if source.get(k) != compiled.get(k)
    )
    assert not stale, "django.mo does not match django.po: run make messages\n" + "\n".join(stale)


def test_django_translates_with_english_active():
    with translation.override("en"):
        assert gettext("Gå til sidens indhold") == "Skip to main content"
        assert gettext("Borgerservice") == "Citizen Service"
        assert gettext("Klar det selv") == "Do it yourself online"
        assert gettext("Lukker kl. %(time)s") % {"time": "15.00"} == "Closes at 15.00"
        singular = "Svar inden for %(days)s arbejdsdag"
        plural = "Svar inden for %(days)s arbejdsdage"
        assert ngettext(singular, plural, 1) % {"days": 1} == "Answer within 1 working day"
        assert ngettext(singular, plural, 3) % {"days": 3} == "Answer within 3 working days"


def test_danish_stays_danish():
    with translation.override("da"):
        assert gettext("Gå til sidens indhold") == "Gå til sidens indhold"
