"""Who may change a city's profile: editors of the administration that represents it, and
coordinators (the rule is written once, in cities.policies). Everyone may read the registry."""

from __future__ import annotations

import rules

from urbanforum.accounts.permissions import is_coordinator
from urbanforum.cities.policies import city_editing

rules.add_perm("cities.view_city", rules.always_allow)
rules.add_perm("cities.change_city", city_editing.predicate)
# Who represents a city (its administration) is decided by the network's coordinators.
rules.add_perm("cities.change_city_administration", is_coordinator)
