"""The `show_if` conditions: pure functions, tested with tables and hypothesis."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indgang.guides.conditions import condition_errors, holds

ANSWERS = {
    "moving_date": date(2027, 1, 15),
    "from": "abroad",
    "children_under_6": True,
    "pensioner": False,
    "age": 67,
}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (None, True),
        ({"key": "children_under_6", "equals": True}, True),
        ({"key": "pensioner", "equals": True}, False),
        ({"key": "from", "in": ["other_municipality", "abroad"]}, True),
        ({"key": "from", "in": ["same_municipality"]}, False),
        ({"key": "age", "gte": 65}, True),
        ({"key": "age", "gt": 67}, False),
        ({"key": "age", "lte": 67}, True),
        ({"key": "age", "lt": 67}, False),
        ({"key": "moving_date", "gte": "2027-01-01"}, True),
        ({"key": "moving_date", "lt": "2027-01-15"}, False),
        ({"key": "moving_date", "equals": "2027-01-15"}, True),
        ({"all": [{"key": "age", "gte": 65}, {"key": "from", "equals": "abroad"}]}, True),
        ({"all": [{"key": "age", "gte": 65}, {"key": "pensioner", "equals": True}]}, False),
        ({"any": [{"key": "pensioner", "equals": True}, {"key": "age", "gte": 65}]}, True),
        ({"not": {"key": "pensioner", "equals": True}}, True),
        # A question not answered (hidden, skipped): its leaf is false.
        ({"key": "housing", "equals": "rent"}, False),
        ({"not": {"key": "housing", "equals": "rent"}}, True),
        # True is not 1, and a number is not a date.
        ({"key": "children_under_6", "equals": 1}, False),
        ({"key": "age", "gte": "2020-01-01"}, False),
        # Malformed conditions are false, never an error.
        ({"key": "age"}, False),
        ({"all": "nope"}, False),
        ("age >= 65", False),
    ],
)
def test_holds(condition, expected):
    assert holds(condition, ANSWERS) is expected


def test_conditions_compare_iso_text_answers_from_raw_json():
    assert holds({"key": "d", "gte": "2027-01-01"}, {"d": "2027-02-01"})
    assert not holds({"key": "d", "gte": "2027-03-01"}, {"d": "2027-02-01"})


leaf_values = st.one_of(st.booleans(), st.integers(-100, 100), st.sampled_from(["a", "b", "c"]))
keys = st.sampled_from(["x", "y", "z"])
leaves = st.one_of(
    st.builds(lambda key, value: {"key": key, "equals": value}, keys, leaf_values),
    st.builds(
        lambda key, op, value: {"key": key, op: value},
        keys,
        st.sampled_from(["gte", "lte", "gt", "lt"]),
        st.integers(-100, 100),
    ),
)
conditions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda part: {"not": part}, inner),
    ),
    max_leaves=8,
)
answer_sets = st.dictionaries(st.sampled_from(["x", "y", "z"]), leaf_values)


@given(condition=conditions, answers=answer_sets)
def test_not_negates_and_de_morgan_holds(condition, answers):
    assert holds({"not": condition}, answers) is (not holds(condition, answers))
    other = {"key": "x", "equals": True}
    assert holds({"not": {"all": [condition, other]}}, answers) is holds(
        {"any": [{"not": condition}, {"not": other}]}, answers
    )


@given(condition=conditions)
def test_generated_conditions_over_known_keys_have_no_errors(condition):
    assert condition_errors(condition, keys={"x", "y", "z"}) == []


@given(condition=conditions, answers=answer_sets)
def test_holds_never_raises_and_returns_a_bool(condition, answers):
    assert isinstance(holds(condition, answers), bool)


def test_condition_errors_name_the_problem_in_danish():
    keys = {"from", "age"}
    assert condition_errors(None, keys=keys) == []
    assert condition_errors({"key": "from", "in": ["abroad"]}, keys=keys) == []
    assert condition_errors({"key": "moving", "equals": True}, keys=keys) == [
        "Ukendt spørgsmål »moving«."
    ]
    assert "Ukendt sammenligning" in condition_errors({"key": "age", "over": 3}, keys=keys)[0]
    assert "præcis én" in condition_errors({"key": "age", "gte": 1, "lt": 9}, keys=keys)[0]
    assert "liste" in condition_errors({"key": "from", "in": "abroad"}, keys=keys)[0]
    assert "dato" in condition_errors({"key": "age", "gte": "soon"}, keys=keys)[0]
    assert "mindst én" in condition_errors({"all": []}, keys=keys)[0]
    assert "objekt" in condition_errors(["from"], keys=keys)[0]
    assert "alene" in condition_errors({"all": [], "key": "age"}, keys=keys)[0]
    nested = {"any": [{"key": "nope", "equals": 1}, {"not": {"key": "age", "gte": 65}}]}
    assert condition_errors(nested, keys=keys) == ["Ukendt spørgsmål »nope«."]
