"""Shared helpers for services: validation that names the field, and the one update recipe."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.text import capfirst

from urbanforum.core import audit

M = TypeVar("M", bound=models.Model)


def validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation; raises ValidationError whose dict names each bad field. The error
    carries the model's field labels (`field_labels`), so a page can say "Bid deadline: …" where
    the API says `bid_deadline` (core.forms.error_messages).

    Django's own validation lets `None` through in an optional (blank) column that is not
    nullable — a JSON `null` in a text field — and the database then refuses it (a 500): such a
    field is named here instead."""
    nulls = {
        field.name: [str(field.error_messages["null"])]
        for field in instance._meta.concrete_fields
        if field.blank
        and field.editable
        and not field.null
        and not field.primary_key
        and field.name not in (exclude or ())
        and getattr(instance, field.attname) is None
    }
    labels = model_labels(type(instance))
    try:
        instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)
    except ValidationError as exc:
        error = ValidationError({**nulls, **exc.message_dict})
        error.field_labels = labels  # type: ignore[attr-defined]
        raise error from exc
    if nulls:
        error = ValidationError(nulls)
        error.field_labels = labels  # type: ignore[attr-defined]
        raise error


def model_labels(model: type[models.Model]) -> dict[str, str]:
    """{field name: its verbose_name, capitalised} of a model's own fields. A verbose_name Django
    made up from the name ("due on") is English whatever the reader's language: such a field is
    left out, so the platform's label of the name (core.labels) is used instead."""
    return {
        f.name: capfirst(str(f.verbose_name))
        for f in model._meta.get_fields()
        if isinstance(f, models.Field) and isinstance(f.verbose_name, Promise)
    }


def field_error(field: str, message: str, *, label: str | None = None) -> ValidationError:
    """A refusal naming `field` (the API's name); `label` is what a person reads on a page (by
    default the field's name made readable, core.forms.field_label)."""
    exc = ValidationError({field: [message]})
    if label is not None:
        exc.field_labels = {field: label}  # type: ignore[attr-defined]
    return exc


@dataclass
class Updated(Generic[M]):
    """What `update` did: the fresh instance and the changes it recorded ({field: [old, new]})."""

    instance: M
    changes: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def update(
    instance: M,
    *,
    actor: Any,
    values: Mapping[str, Any],
    action: str,
    validate_exclude: Iterable[str] = (),
    select_related: Iterable[str] = (),
) -> Updated[M]:
    """The one update recipe of every service: lock → diff → set → validate → save → audit.

    Locks the row (so two editors never overwrite each other's diff), sets only the values that
    change, validates the whole object (errors name the field), saves, and records the change in the
    audit trail under `action` — all inside the caller's transaction (or a new one). Nothing is
    written when nothing changes.
    """
    with transaction.atomic():
        # _meta, not type(): a view's request.user is a lazy wrapper whose type() is not the model
        model: type[M] = instance._meta.model  # type: ignore[assignment]
        qs = model._default_manager.select_for_update()
        if select_related:
            qs = qs.select_related(*select_related)
        fresh = qs.get(pk=instance.pk)
        changes = audit.diff(fresh, dict(values))
        if not changes:
            return Updated(fresh)
        for name in changes:
            setattr(fresh, name, values[name])
        validate(fresh, exclude=list(validate_exclude) or None)
        fresh.save()
        audit.record(actor=actor, action=action, target=fresh, changes=changes)
        return Updated(fresh, changes)
