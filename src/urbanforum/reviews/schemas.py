"""The input of each review action, declared once: the API takes it as its body, the page's POST
handler validates through it, the service receives the validated instance.

Rules on the stored objects (scores from 1 to 5, a recommendation attached somewhere) stay with
the models, which the services validate."""

from __future__ import annotations

from django.utils.translation import gettext as _
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from urbanforum.core.schemas import Input

SCORES = (
    "effectiveness",
    "cost_efficiency",
    "transferability",
    "citizen_benefit",
    "sustainability",
)


class RoundInput(Input):
    """A review round of a pilot (its slug)."""

    pilot: str
    title: str = ""


class ProcessRoundInput(Input):
    """A review round of a process's Evaluation phase, optionally on one of its pilots (slug)."""

    title: str = ""
    pilot: str | None = None


class DeclineInput(Input):
    """Why the reviewer declines (optional; the round's organiser reads it)."""

    reason: str = ""


class AssignInput(Input):
    """A reviewer (by e-mail) and how they review: "peer" (for `city`, a slug or Eurostat code —
    found from their city administration when empty) or "expert"."""

    email: str
    kind: str = "peer"
    city: str = ""


class ReviewInput(Input):
    """A reviewer's scores (1–5) on the rubric and their findings."""

    effectiveness: int
    cost_efficiency: int
    transferability: int
    citizen_benefit: int
    sustainability: int
    findings: str
    what_worked: str = ""
    what_did_not: str = ""

    @field_validator(*SCORES, mode="before")
    @classmethod
    def _score(cls, value: object) -> int:
        try:
            return int(str(value).strip())
        except (TypeError, ValueError):
            raise PydanticCustomError("invalid", _("Score from 1 to 5."), None) from None

    def scores(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in SCORES}


class RecommendationInput(Input):
    title: str
    body: str


class AdoptionInput(Input):
    """A city (its administration's slug) says it reused a practice, and how."""

    organisation: str
    note: str = ""
