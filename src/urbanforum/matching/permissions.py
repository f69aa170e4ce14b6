"""Who may search, save searches and manage them. Searching is open to everyone (results are
filtered by each kind's visibility policy); saved searches belong to their user."""

from __future__ import annotations

import rules

from urbanforum.matching.policies import saved_search_policy

rules.add_perm("matching.search", rules.always_allow)
rules.add_perm("matching.add_savedsearch", rules.is_authenticated)
rules.add_perm("matching.view_savedsearch", saved_search_policy.predicate)
rules.add_perm("matching.delete_savedsearch", saved_search_policy.predicate)
