"""The input of each process action, declared once: the API takes it as its body, the form
validates through it (core.forms.SchemaForm), the service receives it (or its fields, as typed
keyword arguments). Rules that need the database or the process's state stay in the services and
the phase rule. The class names are those of the API's OpenAPI schema components."""

from __future__ import annotations

from datetime import date

from urbanforum.core.schemas import Input
from urbanforum.processes import registry


class ProcessIn(Input):
    """Open a process from a challenge (its slug)."""

    challenge: str
    title: str = ""
    description: str = ""
    visibility: str = "members"
    blueprint: str = registry.FIVE_STEPS
    starts_on: date | None = None


class ProcessPatchIn(Input):
    """What the lead may change (only the fields given change)."""

    title: str | None = None
    description: str | None = None
    visibility: str | None = None


class InvitationIn(Input):
    organisation: str  # slug
    role: str = "partner"
    message: str = ""


class ParticipantIn(Input):
    role: str
    user: str | None = None  # e-mail
    organisation: str | None = None  # slug


class TaskIn(Input):
    title: str
    description: str = ""
    owner: str | None = None  # e-mail
    due_on: date | None = None


class DoneIn(Input):
    done: bool = True


class DeliverableIn(Input):
    """A deliverable as a link (files are uploaded with the page or the upload endpoint)."""

    title: str
    url: str
    kind: str = "document"


class DecisionIn(Input):
    text: str
    decided_on: date | None = None


class ReviewIn(Input):
    text: str
    rating: int | None = None


class AdvanceIn(Input):
    override_reason: str = ""
    # The tasks still open in the phase: "carry" them over to the next phase or "close" them
    # unfinished (required when there are any).
    open_tasks: str = ""


class PhaseDatesIn(Input):
    """The planned dates of a phase not yet completed."""

    starts_on: date | None = None
    ends_on: date | None = None


class PublishIn(Input):
    summary: str
