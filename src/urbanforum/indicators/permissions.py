"""Who may do what with indicator data.

- Everyone (anonymous included) reads the catalogue, frameworks and observations: they are
  published statistics.
- Importing tidy CSV/XLSX files: coordinators (any city), and editors/admins of a city
  administration — only for the cities their organisation represents (checked row by row).
- Importing Eurostat bulk files (many cities at once, creating catalogue entries from Eurostat's
  dictionary): coordinators only.
- An import batch (its preview, its report, confirming it) belongs to the person who uploaded it;
  coordinators see and may confirm every batch.
"""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.accounts.models import ROLE_RANK, Membership, Role
from urbanforum.accounts.permissions import is_coordinator
from urbanforum.cities.models import City


def editable_city_ids(user: Any) -> set[int]:
    """Cities represented by an organisation where the user is editor or admin."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache: dict[str, set[int]] = user.__dict__.setdefault("_uf_indicator_cities", {})
    if "ids" not in cache:
        roles = [r for r, rank in ROLE_RANK.items() if rank >= ROLE_RANK[Role.EDITOR]]
        orgs = Membership.objects.filter(user=user, role__in=roles).values_list(
            "organisation_id", flat=True
        )
        cache["ids"] = set(
            City.objects.filter(administration_id__in=list(orgs)).values_list("pk", flat=True)
        )
    return cache["ids"]


@rules.predicate
def is_city_data_editor(user: Any) -> bool:
    return bool(editable_city_ids(user))


@rules.predicate
def is_batch_owner(user: Any, batch: Any) -> bool:
    return (
        batch is not None
        and getattr(user, "is_authenticated", False)
        and batch.created_by_id == user.pk
    )


rules.add_perm("indicators.view_indicator", rules.always_allow)
rules.add_perm("indicators.view_framework", rules.always_allow)
rules.add_perm("indicators.view_observation", rules.always_allow)
rules.add_perm("indicators.import_observations", is_coordinator | is_city_data_editor)
rules.add_perm("indicators.import_eurostat", is_coordinator)
rules.add_perm("indicators.view_importbatch", is_batch_owner | is_coordinator)
rules.add_perm("indicators.commit_importbatch", is_batch_owner | is_coordinator)
rules.add_perm("indicators.change_framework", is_coordinator)
