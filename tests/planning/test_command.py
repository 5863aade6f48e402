"""`manage.py staffing`: one JSON object, the dict of `erlang.staffing()`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from indgang.planning.erlang import staffing
from tests.planning.contract import KEYS

BASE = ["--calls-per-hour", "200", "--aht-seconds", "150", "--answer-within", "20"]


def run(*args) -> str:
    out = io.StringIO()
    call_command("staffing", *args, stdout=out)
    return out.getvalue()


def run_json(*args) -> dict:
    text = run(*args, "--format", "json")
    assert text.count("\n") <= 1, "one JSON object on one line"
    return json.loads(text)


def test_json_is_the_staffing_dict_unrounded():
    result = run_json(*BASE)

    assert result == staffing(calls_per_hour=200, aht_seconds=150, answer_within_seconds=20)
    assert set(result) == KEYS
    assert result["traffic_erlangs"] == 200 * 150 / 3600
    assert result["model"] == "erlang_c"
    assert result["p_abandon"] is None
    assert result["abandoned_after_t"] is None
    assert result["agents"] == result["required_agents"]


def test_json_is_the_default_format():
    assert json.loads(run(*BASE)) == run_json(*BASE)


def test_every_option_reaches_staffing():
    args = [
        *BASE,
        "--agents",
        "10",
        "--patience-seconds",
        "120",
        "--shrinkage",
        "0.3",
        "--target-service-level",
        "0.9",
        "--max-abandoned-after",
        "0.05",
    ]

    assert run_json(*args) == staffing(
        calls_per_hour=200,
        aht_seconds=150,
        answer_within_seconds=20,
        agents=10,
        patience_seconds=120,
        shrinkage=0.3,
        target_service_level=0.9,
        max_abandoned_after=0.05,
    )


def test_a_patience_gives_erlang_a():
    result = run_json(*BASE, "--patience-seconds", "120")

    assert result["model"] == "erlang_a"
    assert result["stable"] is True
    assert 0 <= result["p_abandon"] <= 1
    assert 0 <= result["abandoned_after_t"] <= result["p_abandon"]
    assert result["service_level"] >= 0.8
    assert result["abandoned_after_t"] <= 0.08


def test_the_figures_are_for_the_given_agents():
    required = run_json(*BASE)
    ten = run_json(*BASE, "--agents", "10")

    assert ten["agents"] == 10
    assert ten["required_agents"] == required["required_agents"]
    assert ten["occupancy"] == pytest.approx(200 * 150 / 3600 / 10)
    assert ten["service_level"] < 0.8 <= required["service_level"]


def test_too_few_agents_in_erlang_c_is_unstable_with_null_figures():
    result = run_json(*BASE, "--agents", "8")  # A = 8.33 erlangs

    assert result["stable"] is False
    assert result["agents"] == 8
    for key in ("p_wait", "service_level", "asa_seconds", "occupancy"):
        assert result[key] is None, key


def test_shrinkage_raises_the_required_agents():
    result = run_json(*BASE, "--shrinkage", "0.3")

    assert result["required_agents_with_shrinkage"] > result["required_agents"]


def test_text_format_is_a_danish_table():
    text = run(*BASE, "--format", "text")

    assert "Serviceniveau" in text
    assert "Erlang C" in text


def test_bad_input_lists_every_field():
    with pytest.raises(CommandError) as raised:
        run(
            "--calls-per-hour",
            "-5",
            "--aht-seconds",
            "0",
            "--answer-within",
            "20",
            "--shrinkage",
            "1.5",
        )

    message = str(raised.value)
    assert "--calls-per-hour" in message
    assert "--aht-seconds" in message
    assert "--shrinkage" in message
    assert "--answer-within" not in message


def test_bad_input_exits_non_zero(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "staffing",
            "--calls-per-hour",
            "-1",
            "--aht-seconds",
            "150",
            "--answer-within",
            "20",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode != 0
    assert "--calls-per-hour" in done.stderr


def test_a_non_number_is_refused_by_argparse():
    with pytest.raises(CommandError):
        run("--calls-per-hour", "mange", "--aht-seconds", "150", "--answer-within", "20")
