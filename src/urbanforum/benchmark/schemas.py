"""The input of running the benchmark, declared once (core.schemas): the dashboard's form and
`POST /api/v1/benchmark/runs` validate through `RunRequest`, and `services.run_request` takes it.

The framework, the peer cities and the run re-run are named (a framework code, Eurostat codes
or slugs, a run id); the service finds them, naming the field when one does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import BeforeValidator

from urbanforum.core.schemas import Input


def city_refs(value: list[str] | str | None) -> list[str]:
    """City references from a list or a text separated by commas (the form's field)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple) or not all(isinstance(r, str | None) for r in value):
        raise ValueError(_("Give the cities as a list of texts or a text."))
    return [ref.strip() for ref in value if ref and ref.strip()]


class RunRequest(Input):
    """Run the benchmark: a framework on a peer group's data for a year."""

    framework: str
    year: int
    peer_group: str = "bsr"
    peer_value: str = ""
    peer_cities: Annotated[list[str], BeforeValidator(city_refs)] = []
    window: int = 5
    # Changes to the framework's steps, e.g. {"normalise": {"method": "zscore"}}.
    step_changes: dict[str, Any] = {}
    uncertainty_runs: int = 0
    seed: int = 1
    rerun_of: int | None = None


class PublishRequest(Input):
    """Publish a run as official (`true`) or withdraw it from the public (`false`)."""

    official: bool = True
