"""Background work for benchmark runs (django-tasks; scheduled on commit by the services)."""

from __future__ import annotations

from django_tasks import task


@task()
def execute_run(run_id: int) -> str:
    """Build a queued run (nominal + Monte Carlo). Idempotent: a finished run is left alone."""
    from urbanforum.benchmark.services import run_execute

    run = run_execute(run_id=run_id)
    return run.status
