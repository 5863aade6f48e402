"""The small JSON conditions of guides (`show_if` on questions and steps).
Pure functions: no database, no settings.

    {"key": "children_under_6", "equals": true}
    {"key": "from", "in": ["other_municipality", "abroad"]}
    {"key": "age", "gte": 65}            (also "lte", "gt", "lt"; numbers or ISO dates)
    {"all": [cond, …]}  {"any": [cond, …]}  {"not": cond}

`holds` never raises: a malformed condition is false (the admin refuses to save
one, see `condition_errors`). A leaf whose key has no answer is false, so a
question that depends on a hidden or unanswered question stays hidden.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

COMPARISONS = ("gte", "lte", "gt", "lt")
LEAF_OPERATORS = ("equals", "in", *COMPARISONS)
GROUPS = ("all", "any")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and not (isinstance(value, float) and not math.isfinite(value))
    )


def _same(answer: Any, expected: Any) -> bool:
    """Equality without Python's True == 1, and with dates equal to their ISO text."""
    if isinstance(answer, bool) or isinstance(expected, bool):
        return isinstance(answer, bool) and isinstance(expected, bool) and answer == expected
    if _is_number(answer) and _is_number(expected):
        return answer == expected
    answer_day, expected_day = _as_date(answer), _as_date(expected)
    if answer_day is not None and expected_day is not None:
        return answer_day == expected_day
    if isinstance(answer, str) and isinstance(expected, str):
        return answer == expected
    return False


def _compare(answer: Any, operator: str, bound: Any) -> bool:
    if _is_number(answer) and _is_number(bound):
        left, right = answer, bound
    else:
        left, right = _as_date(answer), _as_date(bound)
        if left is None or right is None:
            return False
    if operator == "gte":
        return left >= right
    if operator == "lte":
        return left <= right
    if operator == "gt":
        return left > right
    return left < right


def holds(condition: Mapping | None, answers: Mapping) -> bool:
    """Whether `condition` holds for `answers` (question key → value). None: True."""
    if condition is None:
        return True
    if not isinstance(condition, Mapping):
        return False
    if "all" in condition:
        parts = condition["all"]
        return isinstance(parts, list) and all(holds(part, answers) for part in parts)
    if "any" in condition:
        parts = condition["any"]
        return isinstance(parts, list) and any(holds(part, answers) for part in parts)
    if "not" in condition:
        inner = condition["not"]
        return isinstance(inner, Mapping) and not holds(inner, answers)
    key = condition.get("key")
    if not isinstance(key, str) or key not in answers:
        return False
    answer = answers[key]
    if answer is None:
        return False
    if "equals" in condition:
        return _same(answer, condition["equals"])
    if "in" in condition:
        options = condition["in"]
        return isinstance(options, list) and any(_same(answer, option) for option in options)
    for operator in COMPARISONS:
        if operator in condition:
            return _compare(answer, operator, condition[operator])
    return False


def _valid_scalar(value: Any) -> bool:
    return isinstance(value, bool | str) or _is_number(value)


def condition_errors(condition: Any, *, keys: set[str]) -> list[str]:
    """Danish problems with `condition` (an unknown key, a bad shape), for the
    admin; [] when it is fine. None (always shown) is fine."""
    if condition is None:
        return []
    errors: list[str] = []
    _check(condition, keys=keys, errors=errors)
    return errors


def _check(condition: Any, *, keys: set[str], errors: list[str]) -> None:
    if not isinstance(condition, Mapping):
        errors.append(_("En betingelse skal være et objekt i krøllede parenteser, fx {…}."))
        return
    present = set(condition)
    groups = present & {"all", "any", "not"}
    if groups:
        if len(present) != 1:
            errors.append(
                _("»%(operator)s« skal stå alene i sit objekt.") % {"operator": sorted(groups)[0]}
            )
            return
        operator = next(iter(groups))
        value = condition[operator]
        if operator == "not":
            _check(value, keys=keys, errors=errors)
            return
        if not isinstance(value, list) or not value:
            errors.append(
                _("»%(operator)s« skal have en liste med mindst én betingelse.")
                % {"operator": operator}
            )
            return
        for part in value:
            _check(part, keys=keys, errors=errors)
        return

    if "key" not in present:
        errors.append(
            _("En betingelse skal have »key« eller være »all«, »any« eller »not«: %(found)s.")
            % {"found": ", ".join(sorted(map(str, present))) or "{}"}
        )
        return
    key = condition["key"]
    if not isinstance(key, str) or not key:
        errors.append(_("»key« skal være navnet på et spørgsmål."))
    elif key not in keys:
        errors.append(_("Ukendt spørgsmål »%(key)s«.") % {"key": key})
    operators = present - {"key"}
    unknown = operators - set(LEAF_OPERATORS)
    if unknown:
        errors.append(
            _("Ukendt sammenligning: %(names)s. Brug equals, in, gte, lte, gt eller lt.")
            % {"names": ", ".join(sorted(map(str, unknown)))}
        )
        return
    if len(operators) != 1:
        errors.append(
            _("Betingelsen for »%(key)s« skal have præcis én sammenligning (equals, in, gte, …).")
            % {"key": key}
        )
        return
    operator = next(iter(operators))
    value = condition[operator]
    if operator == "equals" and not _valid_scalar(value):
        errors.append(_("»equals« skal være true, false, et tal eller en tekst."))
    elif operator == "in" and (
        not isinstance(value, list) or not value or not all(_valid_scalar(v) for v in value)
    ):
        errors.append(_("»in« skal være en liste med mindst én værdi."))
    elif operator in COMPARISONS and not (_is_number(value) or _as_date(value) is not None):
        errors.append(
            _("»%(operator)s« skal være et tal eller en dato som ÅÅÅÅ-MM-DD.")
            % {"operator": operator}
        )
