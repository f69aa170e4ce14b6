"""JSON twin of the workspace (/my-city/): the same steps, entries and next steps, in the
caller's language."""

from __future__ import annotations

from dataclasses import asdict

from django.http import HttpRequest
from ninja import Router, Schema

from urbanforum.accounts.http import current_user
from urbanforum.core.api import ErrorBody
from urbanforum.site import selectors

router = Router(tags=["workspace"])


class EntryOut(Schema):
    title: str
    url: str
    note: str


class NextStepOut(Schema):
    text: str
    url: str
    link: str


class WorkspaceStepOut(Schema):
    key: str
    title: str
    entries: list[EntryOut]
    next_steps: list[NextStepOut]
    empty: str
    more_url: str


class WorkspaceOut(Schema):
    kind: str  # "city", "network" (a coordinator's) or "none" (no city administration)
    title: str
    city_slug: str
    other_cities: list[tuple[str, str]]
    steps: list[WorkspaceStepOut]
    help: str


@router.get("/workspace", response={200: WorkspaceOut, 401: ErrorBody})
def workspace(request: HttpRequest, city: str = "") -> dict[str, object]:
    """The caller's workspace: their city's (`city`: the slug of another of their cities), the
    network's for a coordinator, or kind "none" with how to join a city's organisation."""
    found = selectors.workspace(user=current_user(request), city_slug=city)
    return {**asdict(found), "help": selectors.join_help() if found.kind == "none" else ""}
