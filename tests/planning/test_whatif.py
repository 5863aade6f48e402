"""The what-if pages: the scenario form starts a run in the task worker (the
ImmediateBackend in tests runs it at once), the run page shows progress while
it runs and the result beside Erlang when done; old runs are deleted."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.planning.models import RunStatus, SimulationRun
from indgang.planning.services import front_desk_erlang, simulation_run_execute
from indgang.planning.simulation import FrontDeskScenario
from indgang.planning.tasks import simulation_run_task

pytestmark = pytest.mark.django_db

SCENARIO = reverse("planning:scenario")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))

CONTACT_CENTRE = {
    "kind": "contact_centre",
    "cc-calls_per_hour": "60",
    "cc-aht_seconds": "60",
    "cc-handling": "exponential",
    "cc-handling_cv": "1",
    "cc-agents": "50",
    "cc-answer_within_seconds": "20",
    "cc-patience_seconds": "",
    "cc-transfer_pct": "0",
    "cc-transfer_return_pct": "0",
    "cc-callback_pct": "0",
    "cc-hours": "1",
    "cc-replications": "5",
}
FRONT_DESK = {
    "kind": "front_desk",
    "fd-desks": "3",
    "fd-hours": "2",
    "fd-bookings_per_hour": "4",
    "fd-booking_minutes": "15",
    "fd-no_show_pct": "10",
    "fd-walk_ins_per_hour": "6",
    "fd-walk_in_minutes": "10",
    "fd-handling_cv": "0,5",
    "fd-wait_target_minutes": "15",
    "fd-replications": "5",
}


def _run(**kwargs) -> SimulationRun:
    values = {
        "kind": "contact_centre",
        "scenario": {
            "input": {"agents": 5, "calls_per_hour": 60, "aht_seconds": 60, "hours": 1},
            "replications": 3,
            "seed": 1,
        },
        "created_at": clock.now(),
    }
    return SimulationRun.objects.create(**(values | kwargs))


def test_only_managers_simulate(client_as):
    assert client_as(Role.FRONT_DESK).get(SCENARIO).status_code == 403
    page = client_as(Role.MANAGER).get(SCENARIO)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Simulér kontaktcentret" in html and "Simulér skranken" in html
    assert 'id="id_cc-calls_per_hour"' in html and 'id="id_fd-desks"' in html


def test_contact_centre_run_shows_result_beside_erlang_c(
    manager_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(SCENARIO, CONTACT_CENTRE)
    run = SimulationRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:run", kwargs={"pk": run.pk})
    assert run.status == RunStatus.DONE and run.progress == 100
    assert run.scenario["input"]["agents"] == 50 and run.scenario["replications"] == 5

    html = manager_client.get(response["Location"]).content.decode()
    assert "Færdig: 5 simulerede dage." in html
    assert "hx-trigger" not in html
    # 1 erlang on 50 agents: every call answered at once, in the simulation
    # and by Erlang C (which needs 3 agents for 80 % within 20 s: with 2,
    # P(wait) = 1/3 and SL = 1 − e^(−1/3)/3 = 76 %; with 3, 95 %).
    row = html[html.index('data-figure="service_level"') :]
    row = row[: row.index("</tr>")]
    assert "100,0 % – 100,0 %" in row  # the interval
    assert row.count("100,0 %") == 4  # mean, the interval's ends and Erlang C
    assert "Efter Erlang skal der 3 medarbejdere til" in html
    assert "Erlang C" in html


def test_front_desk_run_shows_the_plan_rule(manager_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(SCENARIO, FRONT_DESK)
    html = manager_client.get(response["Location"]).content.decode()
    # 4 bookings × 15 minutes = 60 booked minutes an hour → 1 desk; 6 walk-ins
    # of 10 minutes (1 erlang) within 15 minutes at 80 % → Erlang C: 2 desks.
    assert (
        "1 skranker til de bookede minutter plus 2 til borgere uden tid efter Erlang C, "
        "i alt 3 skranker" in html
    )
    assert 'data-figure="walk_in_within_target"' in html


def test_front_desk_erlang_rule_hand_computed():
    plan = front_desk_erlang(
        FrontDeskScenario(desks=1, bookings_per_hour=6, booking_minutes=15, walk_ins_per_hour=6)
    )
    # 90 booked minutes an hour → 2 desks; none left over for the walk-ins.
    assert plan["booked_desks"] == 2
    assert plan["walk_in"]["stable"] is False
    assert plan["desks"] == 2 + plan["walk_in_desks"]


def test_queued_run_polls_its_status_and_has_a_reload_link(manager_client):
    run = _run()
    html = manager_client.get(reverse("planning:run", kwargs={"pk": run.pk})).content.decode()
    status_url = reverse("planning:run_status", kwargs={"pk": run.pk})
    assert f'hx-get="{status_url}" hx-trigger="every 1s"' in html
    assert '<progress id="run-progress" class="planning-progress" max="100" value="0">' in html
    assert f'href="{reverse("planning:run", kwargs={"pk": run.pk})}"' in html
    assert "Simuleringen venter på at blive kørt" in html

    SimulationRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, progress=40)
    fragment = manager_client.get(status_url).content.decode()
    assert "40 % færdig." in fragment and 'hx-trigger="every 1s"' in fragment
    assert "<html" not in fragment

    simulation_run_task.enqueue(str(run.pk))  # not queued any more: left alone
    assert SimulationRun.objects.get(pk=run.pk).progress == 40


def test_status_fragment_stops_polling_when_done(manager_client):
    run = _run()
    simulation_run_task.enqueue(str(run.pk))
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.finished_at is not None
    assert run.result["replications"] == 3
    fragment = manager_client.get(
        reverse("planning:run_status", kwargs={"pk": run.pk})
    ).content.decode()
    assert "hx-trigger" not in fragment
    assert 'data-testid="run-result"' in fragment


def test_a_failing_run_is_marked_failed_and_says_so(manager_client):
    run = _run(scenario={"input": {"agents": 0}, "replications": 3, "seed": 1})
    simulation_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "agents" in run.error or "TypeError" in run.error
    html = manager_client.get(reverse("planning:run", kwargs={"pk": run.pk})).content.decode()
    assert "Simuleringen fejlede" in html


def test_bad_input_is_named_on_the_field(manager_client):
    response = manager_client.post(SCENARIO, CONTACT_CENTRE | {"cc-calls_per_hour": "mange"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_cc-calls_per_hour"' in html
    assert SimulationRun.objects.count() == 0


def test_shares_are_percentages(manager_client):
    response = manager_client.post(SCENARIO, CONTACT_CENTRE | {"cc-callback_pct": "120"})
    assert response.status_code == 400
    assert "Skriv en procent mellem 0 og 100." in response.content.decode()


def test_a_scenario_too_big_to_simulate_is_refused(manager_client):
    # 2,000 calls an hour × 24 hours × 200 days = 9.6 million calls.
    big = CONTACT_CENTRE | {
        "cc-calls_per_hour": "2000",
        "cc-hours": "24",
        "cc-replications": "200",
    }
    response = manager_client.post(SCENARIO, big)
    assert response.status_code == 400
    assert "Scenariet er for stort" in response.content.decode()


def test_front_desk_needs_bookings_or_walk_ins(manager_client):
    empty = FRONT_DESK | {"fd-bookings_per_hour": "0", "fd-walk_ins_per_hour": "0"}
    response = manager_client.post(SCENARIO, empty)
    assert response.status_code == 400
    assert "Angiv bookede tider, borgere uden tid eller begge dele." in response.content.decode()


def test_scenario_page_lists_my_recent_runs(client, make_staff):
    me, colleague = make_staff(Role.MANAGER), make_staff(Role.MANAGER)
    mine = _run(created_by=me)
    _run(created_by=colleague)
    client.force_login(me)
    html = client.get(SCENARIO).content.decode()
    assert 'data-testid="recent-runs"' in html
    assert html.count(reverse("planning:run", kwargs={"pk": mine.pk})) == 1
    assert html.count('<th scope="row"><a href="/personale/planlaegning/scenarie/') == 1


def test_unknown_run_is_404(manager_client):
    url = reverse("planning:run", kwargs={"pk": "00000000-0000-0000-0000-000000000000"})
    assert manager_client.get(url).status_code == 404


def test_delete_old_simulations_keeps_the_retention_period(settings, capsys):
    settings.PLANNING_SIMULATION_RETENTION_DAYS = 90
    with clock.frozen(at=NOW):
        old = _run(created_at=NOW - timedelta(days=91))
        kept = _run(created_at=NOW - timedelta(days=89))
        call_command("delete_old_simulations")
    assert list(SimulationRun.objects.all()) == [kept]
    assert not SimulationRun.objects.filter(pk=old.pk).exists()
    assert "Slettede 1 simuleringer" in capsys.readouterr().out


def test_delete_old_simulations_reads_the_setting_with_90_days_default(settings):
    with clock.frozen(at=NOW):
        _run(created_at=NOW - timedelta(days=20))
        settings.PLANNING_SIMULATION_RETENTION_DAYS = 10
        call_command("delete_old_simulations")
        assert SimulationRun.objects.count() == 0
        _run(created_at=NOW - timedelta(days=89))
        del settings.PLANNING_SIMULATION_RETENTION_DAYS
        call_command("delete_old_simulations")
        assert SimulationRun.objects.count() == 1
        call_command("delete_old_simulations", "--days", "30")
        assert SimulationRun.objects.count() == 0
