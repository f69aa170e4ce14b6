"""Who may change a city's profile: editors of the administration that represents it, and
coordinators. Everyone may read the registry."""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.accounts.permissions import is_coordinator, is_org_editor
from urbanforum.cities.models import City


@rules.predicate
def is_city_editor(user: Any, city: City | None) -> bool:
    return city is not None and is_org_editor(user, city.administration)


rules.add_perm("cities.view_city", rules.always_allow)
rules.add_perm("cities.change_city", is_city_editor | is_coordinator)
