"""What the community's pages share: the permission check and service errors as messages."""

from __future__ import annotations

from typing import TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest
from pydantic import BaseModel

from urbanforum.core.forms import errors_of, flash_errors
from urbanforum.core.schemas import parse


def check(request: HttpRequest, perm: str, obj: Model | None, message: str) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)


def flash(request: HttpRequest, exc: ValidationError) -> None:
    """A service's errors as messages on the next page ("Field label: message")."""
    flash_errors(request, exc)


def form_errors(form: forms.Form) -> ValidationError:
    """A form's errors as a ValidationError (for actions that answer with a redirect), naming
    each field by its label."""
    return errors_of(form)


S = TypeVar("S", bound=BaseModel)


def posted(request: HttpRequest, schema: type[S], **defaults: str) -> S:
    """The input of an action posted without a rendered form (a button, a one-field form),
    validated through its schema — the API's body — so errors name the field."""
    data: dict[str, object] = dict(defaults)
    for name in schema.model_fields:
        if name in request.POST:
            data[name] = request.POST[name]
    parsed: S = parse(schema, data)
    return parsed
