"""The input of each community action, declared once: the API takes it as its body, the form
validates through it (core.forms.SchemaForm), the service receives its fields as typed keyword
arguments (the rules that need the database or the object's state stay in the services and
models). The class names are those of the API's OpenAPI schema components."""

from __future__ import annotations

from datetime import date, datetime

from urbanforum.core.i18n import ContentLanguage
from urbanforum.core.schemas import Input


# --- working groups ------------------------------------------------------------------------------
class GroupIn(Input):
    name: str
    description: str = ""
    domains: list[str] = []
    visibility: str = "public"
    language: ContentLanguage = "en"  # the language the description is written in


class GroupChanges(Input):
    """What a group's lead may change (only the fields given change)."""

    name: str | None = None
    description: str | None = None
    domains: list[str] | None = None
    visibility: str | None = None
    language: ContentLanguage | None = None


class MemberIn(Input):
    email: str
    role: str = "member"


class LinkIn(Input):
    challenge: str | None = None  # slugs
    process: str | None = None


class DocumentIn(Input):
    """A document as a link (a file comes with the upload)."""

    title: str
    url: str = ""


# --- discussions ---------------------------------------------------------------------------------
class ThreadIn(Input):
    title: str
    body: str


class PostIn(Input):
    body: str


class ReasonIn(Input):
    reason: str


class CancelIn(Input):
    """Cancelling an event: the reason is told to everyone registered and on the waiting list."""

    reason: str


class ModerateIn(Input):
    hide: bool = True
    reason: str


# --- events --------------------------------------------------------------------------------------
class EventIn(Input):
    """Naive times are wall-clock times in the event's time zone."""

    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    timezone: str = "Europe/Helsinki"
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    description: str = ""
    agenda: str = ""
    language: ContentLanguage = "en"  # the language title and description are written in
    group: str | None = None  # the working group's slug


class EventPatchIn(Input):
    """What the organiser may change (only the fields given change); the report after the event."""

    title: str | None = None
    kind: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    timezone: str | None = None
    place: str | None = None
    online_url: str | None = None
    capacity: int | None = None
    description: str | None = None
    agenda: str | None = None
    language: ContentLanguage | None = None
    report: str | None = None


# --- mentoring -----------------------------------------------------------------------------------
class OfferIn(Input):
    topics: list[str]
    description: str
    organisation: str | None = None  # the administration's slug, when a city offers


class RequestIn(Input):
    challenge: str  # slug
    description: str


class ProposeIn(Input):
    offer: int
    goals: str = ""


class AnswerIn(Input):
    accept: bool = True


class SessionIn(Input):
    held_on: date
    notes: str = ""


class FeedbackIn(Input):
    text: str
    rating: int | None = None
