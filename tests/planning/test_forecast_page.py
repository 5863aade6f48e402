"""The forecast page: managers only, the week's numbers per day and per half
hour, last year's accuracy, and clear errors for bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from indgang.contacts.records import CallRecord
from indgang.contacts.services import calls_store
from indgang.core import clock
from indgang.core.permissions import Role
from tests.conftest import local

pytestmark = pytest.mark.django_db

URL = reverse("planning:forecast")
TODAY = local(2026, 3, 2, 10, 0)  # Monday; "next week" is 9–15 March (2026-W11)


@pytest.fixture
def frozen():
    with clock.frozen(at=TODAY):
        yield


@pytest.fixture
def calls():
    """8 weeks from 5 January 2026: every Monday 09:00, 09:20 and 10:45, every Tuesday 13:00."""
    times = []
    for k in range(8):
        monday = local(2026, 1, 5, 9, 0) + timedelta(days=7 * k)
        times += [
            monday,
            monday + timedelta(minutes=20),
            monday + timedelta(minutes=105),
            monday + timedelta(days=1, hours=4),
        ]
    calls_store(
        records=[
            CallRecord(
                call_id=f"p{i}",
                line="main",
                arrived_at=at,
                answered_at=at + timedelta(seconds=5),
                ended_at=at + timedelta(seconds=65),
                result="resolved",
            )
            for i, at in enumerate(times)
        ],
        source="test",
    )


def test_only_managers_see_the_forecast(client_as, client, frozen):
    assert client.get(URL).status_code == 302
    assert client_as(Role.FRONT_DESK).get(URL).status_code == 403
    assert client_as(Role.CONTACT_CENTRE).get(URL).status_code == 403
    assert client_as(Role.MANAGER).get(URL).status_code == 200


def test_next_week_is_shown_by_default_with_its_numbers(manager_client, frozen, calls):
    page = manager_client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "uge 2026-W11" in html
    days = html[
        html.index('data-testid="forecast-days"') : html.index(
            "</table>", html.index('data-testid="forecast-days"')
        )
    ]
    assert "mandag 9. marts" in days
    assert '<td class="align-text-right">3</td>' in days  # Monday
    assert '<td class="align-text-right" data-testid="week-total">4</td>' in days
    # The whole week's half hours: Monday and Tuesday, 09:00–13:30.
    profile = html[html.index('data-testid="forecast-profile"') :]
    assert "09:00–09:30" in profile
    assert '<td class="align-text-right">2,0</td>' in profile
    assert "13:00–13:30" in profile
    assert "<svg" in html and 'role="img"' in html
    # Seven weeks could be forecast from earlier weeks, all exactly.
    assert "I gennemsnit lå prognosen for en dag 0,0 % fra det faktiske antal" in html
    assert "over 7 uger" in html


def test_one_day_and_a_date_for_the_week(manager_client, frozen, calls):
    page = manager_client.get(URL, {"kind": "phone", "week": "10.3.2026", "day": "1"})
    html = page.content.decode()
    assert "uge 2026-W11" in html
    profile = html[html.index('data-testid="forecast-profile"') :]
    assert "13:00–13:30" in profile
    assert "09:00–09:30" not in profile  # Monday's hours are not shown for Tuesday


def test_a_day_without_forecast_says_so(manager_client, frozen, calls):
    page = manager_client.get(URL, {"week": "2026-W11", "day": "6"})
    assert 'data-testid="profile-empty"' in page.content.decode()


def test_holidays_are_marked_closed(manager_client, frozen, calls):
    # Easter 2026: skærtorsdag 2 April and langfredag 3 April.
    html = manager_client.get(URL, {"week": "2026-W14"}).content.decode()
    assert "Lukket: Skærtorsdag" in html
    assert "Lukket: Langfredag" in html


def test_without_data_the_accuracy_says_there_is_too_little(manager_client, frozen):
    html = manager_client.get(URL, {"kind": "chat"}).content.decode()
    assert "Der er endnu ikke tal nok" in html
    assert 'data-testid="forecast-accuracy"' not in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"week": "uge fem"}, "week", "Ugen eller datoen findes ikke"),
        ({"week": "2026-W60"}, "week", "Ugen eller datoen findes ikke"),
        ({"week": "31.2.2026"}, "week", "Ugen eller datoen findes ikke"),
        ({"week": "2028-W10"}, "week", "højst et år frem"),
        ({"kind": "fax"}, "kind", "Vælg telefon, chat eller skranke"),
        ({"day": "9"}, "day", "Vælg hele ugen eller en ugedag"),
        ({"location": "999999"}, "location", "Vælg en af lokationerne"),
    ],
)
def test_bad_input_is_a_400_with_the_error_on_the_field(
    manager_client, frozen, params, field, message
):
    page = manager_client.get(URL, params)
    assert page.status_code == 400
    html = page.content.decode()
    assert message in html
    assert f'href="#id_{field}"' in html
    assert "<title>Fejl:" in html
