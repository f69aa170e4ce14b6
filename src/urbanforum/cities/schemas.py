"""The input of editing a city profile, declared once (core.schemas) for the form and the API.

Only the profile people write is editable: the registry facts (population, codes, position)
come from the data. The API has always ignored registry fields sent along with a PATCH (they
are not part of the profile; see tests/cities), so this input ignores unknown fields instead of
refusing them.
"""

from __future__ import annotations

from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BeforeValidator, ConfigDict

from urbanforum.core.schemas import Input


def clean_names(names: list[str] | str | None) -> list[str]:
    """Local names from a list or a text separated by commas; blanks are dropped."""
    if names is None:
        return []
    if isinstance(names, str):
        names = names.split(",")
    if not isinstance(names, list | tuple) or not all(isinstance(n, str | None) for n in names):
        raise ValueError(_("Give the local names as a list of texts or a text."))
    return [n.strip() for n in names if n and n.strip()]


class CityChanges(Input):
    """Change a city's profile: only the fields given are changed (PATCH)."""

    model_config = ConfigDict(extra="ignore")

    description: str | None = None
    local_names: Annotated[list[str] | None, BeforeValidator(clean_names)] = None
