"""core.services.update: the one update recipe (lock → diff → set → validate → save → audit)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.conftest import World
from urbanforum.accounts.models import Organisation
from urbanforum.core.models import AuditEvent
from urbanforum.core.services import update


def test_only_the_changed_fields_are_set_and_audited(world: World) -> None:
    org = world.org
    result = update(
        org,
        actor=world.users["admin"],
        values={"name": org.name, "description": "New text", "country": "FI"},
        action="organisation.update",
        validate_exclude=["slug"],
    )
    assert result.changed and result.changes == {"description": ["", "New text"]}
    assert result.instance.description == "New text" and result.instance is not org
    assert org.description == ""  # the caller's object is left as it was
    assert Organisation.objects.get(pk=org.pk).description == "New text"
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_id, event.changes) == (
        "organisation.update",
        world.users["admin"],
        str(org.pk),
        {"description": ["", "New text"]},
    )


def test_nothing_is_written_when_nothing_changes(world: World, unchanged: Any) -> None:
    org = world.org
    with CaptureQueriesContext(connection) as queries:
        result = unchanged(
            lambda: update(
                org,
                actor=world.users["admin"],
                values={"name": org.name, "kind": org.kind},
                action="organisation.update",
            )
        )
    assert not result.changed and result.changes == {}
    assert result.instance.pk == org.pk
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert "SELECT" in statements  # the locked read
    assert not {"INSERT", "UPDATE", "DELETE"} & set(statements)


def test_a_validation_error_names_the_field_and_rolls_everything_back(
    world: World, unchanged: Any
) -> None:
    def bad() -> None:
        with pytest.raises(ValidationError) as exc:
            update(
                world.org,
                actor=world.users["admin"],
                values={"description": "Fine", "kind": "castle"},
                action="organisation.update",
                validate_exclude=["slug"],
            )
        assert list(exc.value.message_dict) == ["kind"]

    unchanged(bad)
    assert not AuditEvent.objects.exists()


def test_it_joins_the_callers_transaction(world: World, unchanged: Any) -> None:
    """A later failure in the same service undoes the update and its audit entry."""

    def service() -> None:
        with pytest.raises(RuntimeError), transaction.atomic():
            update(
                world.org,
                actor=world.users["admin"],
                values={"description": "Half"},
                action="organisation.update",
            )
            raise RuntimeError("the service fails after the update")

    unchanged(service)
