"""Background tasks of planning (django-tasks): take ids, call a service."""

from __future__ import annotations

from django_tasks import task

from .services import simulation_run_execute


@task()
def simulation_run_task(run_id: str) -> None:
    """Run one what-if simulation (a SimulationRun id) and save its result."""
    simulation_run_execute(run_id=run_id)
