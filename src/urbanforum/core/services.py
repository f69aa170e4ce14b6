"""Shared helpers for services: validation that names the field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


def validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run model validation; raises ValidationError whose dict names each bad field."""
    instance.full_clean(exclude=exclude, validate_unique=True, validate_constraints=True)


def field_error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})
