"""Where a good practice came from: the apps above practices (the process it grew out of, its
pilots, the joint procurement it was bought through, its review rounds) register a provider here
in their `ready()`; the practice page and its API list what the providers return for the reader —
each provider checks that the reader may see what it links to. Practices imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from urbanforum.practices.models import GoodPractice


@dataclass(frozen=True)
class RelatedLink:
    kind: str  # "process", "pilot", "procurement", "review"
    label: str  # what it is, in plain words ("The collaboration process")
    title: str
    url: str


Provider = Callable[[GoodPractice, Any], list[RelatedLink]]
PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Idempotent: registering a name again replaces its provider."""
    PROVIDERS[name] = provider


def related(practice: GoodPractice, user: Any) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    for provider in PROVIDERS.values():
        links.extend(provider(practice, user))
    return links
