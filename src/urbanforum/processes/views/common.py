"""What the process pages share: finding a process the viewer may see, permission checks, service
errors as messages, and the input of actions posted without a rendered form."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from pydantic import BaseModel

from urbanforum.core.forms import flash_errors
from urbanforum.core.schemas import parse
from urbanforum.processes import selectors
from urbanforum.processes.models import Process

S = TypeVar("S", bound=BaseModel)


def check(request: HttpRequest, perm: str, obj: Model | None, message: str) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)


def visible_process(request: HttpRequest, slug: str) -> Process:
    """The process of the address, if the viewer may see it (404, then 403)."""
    process = selectors.process_detail(slug=slug)
    if process is None:
        raise Http404(_("No such process."))
    check(
        request,
        "processes.view_process",
        process,
        _("This process is visible to its participants only."),
    )
    return process


def flash(request: HttpRequest, exc: ValidationError) -> None:
    """A service's errors as messages on the next page ("Field label: message")."""
    flash_errors(request, exc)


def posted(request: HttpRequest, schema: type[S], *, prefix: str = "", **defaults: str) -> S:
    """The input of an action posted without a rendered form of its own (a button, a field of a
    larger page), validated through its schema — the API's body — so errors name the field."""
    data: dict[str, object] = dict(defaults)
    for name in schema.model_fields:
        key = f"{prefix}-{name}" if prefix else name
        if key in request.POST:
            data[name] = request.POST[key]
    parsed: S = parse(schema, data)
    return parsed
