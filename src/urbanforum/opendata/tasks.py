"""Background work for open data (django-tasks): regenerate the dumps. Run daily (cron:
`urbanforum opendata regenerate --enqueue`, docs/open-data.md) and when a coordinator asks."""

from __future__ import annotations

from django_tasks import task


@task()
def regenerate_dumps() -> str:
    """Publish a new generation of every dump, atomically. Idempotent."""
    from urbanforum.opendata.services import dumps_publish

    return str(dumps_publish().name)
