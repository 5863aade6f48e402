"""`manage.py citizen_service_report`: JSON on standard output, the other
formats to a file."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from indgang.contacts.records import CallRecord
from indgang.contacts.services import calls_store
from indgang.core import clock
from indgang.reports.selectors import citizen_service_report
from tests.conftest import local

pytestmark = pytest.mark.django_db

AT = local(2019, 5, 6, 10)


@pytest.fixture
def some_calls():
    calls_store(
        records=[
            CallRecord(
                call_id="a",
                line="main",
                arrived_at=AT,
                answered_at=local(2019, 5, 6, 10, 0, 12),
                ended_at=local(2019, 5, 6, 10, 3),
                result="resolved",
            ),
            CallRecord(
                call_id="b",
                line="main",
                arrived_at=AT,
                answered_at=None,
                ended_at=local(2019, 5, 6, 10, 1),
                result="abandoned",
            ),
        ]
    )


def run(*args) -> str:
    out = io.StringIO()
    call_command("citizen_service_report", *args, stdout=out)
    return out.getvalue()


def test_json_on_standard_output_is_the_report(some_calls):
    with clock.frozen(at=local(2020, 1, 15, 9)):
        printed = json.loads(run("--year", "2019"))
        expected = citizen_service_report(year=2019)

    assert printed == expected
    assert printed["switchboard"]["incoming"] == 2
    assert printed["contact_centre"]["service_level_pct"] == 50.0


def test_json_for_a_quarter_to_a_file(some_calls, tmp_path):
    target = tmp_path / "q2.json"

    assert (
        run("--year", "2019", "--quarter", "2", "--format", "json", "--output", str(target)) == ""
    )

    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["quarter"] == 2
    assert saved["switchboard"]["incoming"] == 2
    assert json.loads(run("--year", "2019", "--quarter", "1"))["switchboard"]["incoming"] == 0


def test_json_keeps_danish_letters(some_calls):
    assert "Personligt fremmøde" in run("--year", "2019")


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_binary_formats_need_an_output_file(fmt):
    with pytest.raises(CommandError, match="--output"):
        run("--year", "2019", "--format", fmt)


@pytest.mark.parametrize("year", ["0", "1999", "2101"])
def test_a_year_out_of_range_is_an_error(year):
    with pytest.raises(CommandError, match="--year"):
        run("--year", year)


@pytest.mark.parametrize("args", [("--year", "x"), ("--year", "2019", "--quarter", "5"), ()])
def test_bad_arguments_are_errors(args):
    with pytest.raises(CommandError):
        run(*args)
