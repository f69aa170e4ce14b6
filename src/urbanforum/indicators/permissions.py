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

import rules
from django.contrib.auth.models import AnonymousUser

from urbanforum.accounts.models import User
from urbanforum.accounts.permissions import is_coordinator
from urbanforum.cities.policies import city_editing
from urbanforum.indicators.policies import import_batches


def editable_city_ids(user: User | AnonymousUser) -> set[int]:
    """The cities whose data `user` may import: those whose profile they may edit (the one rule
    of cities.policies — editors and admins of the city's administration)."""
    if not isinstance(user, User) or not user.is_authenticated:
        return set()
    cache: dict[str, set[int]] = user.__dict__.setdefault("_uf_indicator_cities", {})
    if "ids" not in cache:
        cache["ids"] = set(city_editing.queryset(user).values_list("pk", flat=True))
    return cache["ids"]


@rules.predicate
def is_city_data_editor(user: User | AnonymousUser) -> bool:
    return bool(editable_city_ids(user))


rules.add_perm("indicators.view_indicator", rules.always_allow)
rules.add_perm("indicators.view_framework", rules.always_allow)
rules.add_perm("indicators.view_observation", rules.always_allow)
rules.add_perm("indicators.import_observations", is_coordinator | is_city_data_editor)
rules.add_perm("indicators.import_eurostat", is_coordinator)
# A batch is seen and confirmed by the same people: one rule (indicators.policies).
rules.add_perm("indicators.view_importbatch", import_batches.predicate)
rules.add_perm("indicators.commit_importbatch", import_batches.predicate)
rules.add_perm("indicators.change_framework", is_coordinator)
