"""The planning start page: who may open it and the staffing calculator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indgang.core.permissions import Role

pytestmark = pytest.mark.django_db

INDEX = reverse("planning:index")


def test_only_managers_open_planning(client_as):
    assert client_as(Role.FRONT_DESK).get(INDEX).status_code == 403
    assert client_as(Role.MANAGER).get(INDEX).status_code == 200


def test_anonymous_is_sent_to_login(client):
    response = client.get(INDEX)
    assert response.status_code == 302


def test_calculator_shows_required_agents_with_shrinkage(client_as):
    page = client_as(Role.MANAGER).get(
        INDEX,
        {
            "calls_per_hour": "200",
            "aht_seconds": "150",
            "answer_within_seconds": "20",
            "shrinkage": "0,3",
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    # 200 calls an hour × 150 s at 80 % within 20 s: 12 agents, 12 / 0.7 → 18 on duty.
    assert '<td data-testid="required">12</td>' in html
    assert '<td data-testid="required-shrinkage">18</td>' in html
    assert "Erlang C" in html


def test_calculator_with_patience_uses_erlang_a(client_as):
    page = client_as(Role.MANAGER).get(
        INDEX,
        {
            "calls_per_hour": "200",
            "aht_seconds": "150",
            "answer_within_seconds": "20",
            "patience_seconds": "120",
        },
    )
    assert "Erlang A" in page.content.decode()
    assert "Lægger på efter svartiden" in page.content.decode()


def test_bad_input_is_named_on_the_field(client_as):
    page = client_as(Role.MANAGER).get(
        INDEX, {"calls_per_hour": "mange", "aht_seconds": "150", "answer_within_seconds": "20"}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "Skriv et tal" in html
    assert 'href="#id_calls_per_hour"' in html


def test_range_errors_from_the_maths_land_on_the_field(client_as):
    page = client_as(Role.MANAGER).get(
        INDEX,
        {
            "calls_per_hour": "200",
            "aht_seconds": "150",
            "answer_within_seconds": "20",
            "shrinkage": "1",
        },
    )
    assert page.status_code == 400
    assert 'href="#id_shrinkage"' in page.content.decode()


def test_number_filters_round_in_danish():
    from indgang.planning.templatetags.planning_tags import num, pct

    assert num(0.75, 1) == "0,8"
    assert num(71.96) == "72"
    assert num(1234567.891, 2) == "1.234.567,89"
    assert pct(0.8125) == "81,3 %"
    assert pct(None) == "–"
