"""Parsing a citizen's answers: every kind, from JSON and from a form; missing,
bad and hidden answers."""

from datetime import date

import pytest
from django.http import QueryDict

from indgang.guides.errors import AnswersInvalid
from indgang.guides.selectors import answers_parse, guide_get, questions_visible
from tests.guides.factories import GuideFactory, guide_build

pytestmark = pytest.mark.django_db

VALID = {
    "moving_date": "2027-01-15",
    "from": "abroad",
    "children": True,
    "children_count": 2,
    "pensioner": False,
}


@pytest.fixture
def guide():
    built = guide_build(slug="flyt")
    return guide_get(slug=built.slug)


def errors_of(guide, data, source="json") -> dict:
    with pytest.raises(AnswersInvalid) as caught:
        answers_parse(guide=guide, data=data, source=source)
    return caught.value.errors


def test_valid_json_answers_become_python_values(guide):
    assert answers_parse(guide=guide, data=VALID) == {
        "moving_date": date(2027, 1, 15),
        "from": "abroad",
        "children": True,
        "children_count": 2,
        "pensioner": False,
    }


def test_a_float_number_is_accepted(guide):
    assert (
        answers_parse(guide=guide, data={**VALID, "children_count": 2.5})["children_count"] == 2.5
    )


def test_missing_required_answer_names_the_key(guide):
    data = {k: v for k, v in VALID.items() if k != "from"}
    assert errors_of(guide, data) == {"from": "Besvar spørgsmålet."}


def test_optional_question_may_be_left_out(guide):
    data = {k: v for k, v in VALID.items() if k != "pensioner"}
    assert "pensioner" not in answers_parse(guide=guide, data=data)


def test_hidden_question_is_neither_required_nor_returned(guide):
    data = {**VALID, "children": False, "children_count": "nonsense"}
    answers = answers_parse(guide=guide, data=data)
    assert "children_count" not in answers
    assert [q.key for q in questions_visible(guide=guide, answers=answers)] == [
        "moving_date",
        "from",
        "children",
        "pensioner",
    ]


def test_unknown_keys_are_ignored(guide):
    assert "colour" not in answers_parse(guide=guide, data={**VALID, "colour": "blue"})


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("moving_date", "15-01-2027", "Skriv en dato som ÅÅÅÅ-MM-DD."),
        ("moving_date", "2027-02-30", "Skriv en dato som ÅÅÅÅ-MM-DD."),
        ("moving_date", 20270115, "Skriv en dato som ÅÅÅÅ-MM-DD."),
        ("children", "yes", "Svaret skal være ja eller nej (true/false)."),
        ("children", 1, "Svaret skal være ja eller nej (true/false)."),
        (
            "from",
            "mars",
            "Vælg en af mulighederne: same_municipality, other_municipality, abroad.",
        ),
        ("children_count", "2", "Svaret skal være et tal."),
        ("children_count", True, "Svaret skal være et tal."),
        ("children_count", 0, "Skriv et tal fra 1 til 10."),
        ("children_count", 11, "Skriv et tal fra 1 til 10."),
    ],
)
def test_bad_json_values_are_named_with_a_danish_message(guide, key, value, message):
    assert errors_of(guide, {**VALID, key: value}) == {key: message}


def test_several_problems_are_reported_together(guide):
    errors = errors_of(guide, {"from": "mars", "children": "ja"})
    assert set(errors) == {"moving_date", "from", "children"}


def test_the_error_message_names_the_keys(guide):
    with pytest.raises(AnswersInvalid) as caught:
        answers_parse(guide=guide, data={**VALID, "moving_date": "i morgen"})
    assert "moving_date" in str(caught.value.message)
    assert caught.value.status_code == 400


def test_form_answers_from_a_query_string(guide):
    data = QueryDict(
        "moving_date=2027-01-15&from=same_municipality&children=yes&children_count=3&pensioner=no"
    )
    assert answers_parse(guide=guide, data=data, source="form") == {
        "moving_date": date(2027, 1, 15),
        "from": "same_municipality",
        "children": True,
        "children_count": 3,
        "pensioner": False,
    }


def test_form_empty_fields_count_as_missing(guide):
    data = QueryDict("moving_date=&from=abroad&children=no&pensioner=")
    assert errors_of(guide, data, source="form") == {"moving_date": "Besvar spørgsmålet."}


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("children", "true", "Vælg ja eller nej."),
        ("children_count", "to", "Skriv et tal med cifre, fx 3."),
        ("from", "mars", "Vælg en af mulighederne: Mulighed"),
    ],
)
def test_bad_form_values(guide, key, value, message):
    data = QueryDict(mutable=True)
    data.update({"moving_date": "2027-01-15", "from": "abroad", "children": "yes"})
    data.update({"children_count": "2"})
    data[key] = value
    assert errors_of(guide, data, source="form")[key].startswith(message)


def test_unpublished_guide_is_not_found():
    GuideFactory(slug="kladde", is_published=False)
    assert guide_get(slug="kladde") is None
    assert guide_get(slug="findes-ikke") is None
