"""Writes of open data: a new generation of the dumps (the task and the CLI), and a coordinator's
request to regenerate now (audited, the task enqueued on commit)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction

from urbanforum.accounts.models import User
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.opendata import datasets, store


def site_url() -> str:
    """The base of every IRI and download URL in the catalogue (stable, so harvesters can
    follow it): `URBANFORUM_SITE_URL`."""
    return str(settings.URBANFORUM_SITE_URL).rstrip("/")


def dumps_publish() -> Path:
    """Build every dataset as an anonymous visitor sees it and publish it as the current
    generation, atomically (opendata.store). Idempotent: the same data gives the same files."""
    return store.publish(datasets.build(site=site_url()))


def dumps_ensure() -> Path:
    """The current generation's folder, publishing a first one if there is none yet."""
    return store.current() or dumps_publish()


def dumps_regenerate(*, actor: User) -> None:
    """A coordinator asks for the dumps to be regenerated now: audited, and the task is
    enqueued once the request's transaction commits."""
    require(actor, "opendata.regenerate")
    from urbanforum.opendata.tasks import regenerate_dumps

    with transaction.atomic():
        audit.record(
            actor=actor,
            action="opendata.regenerate",
            target_type="opendata.catalog",
            target_id="catalog",
            target_label="open data catalogue",
        )
        transaction.on_commit(lambda: regenerate_dumps.enqueue())
