"""Who may search, save searches and manage them. Searching is open to everyone (results are
filtered by each item's own view permission); saved searches belong to their user."""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.matching.models import SavedSearch


@rules.predicate
def owns_saved_search(user: Any, saved: SavedSearch | None) -> bool:
    return saved is not None and getattr(user, "pk", None) == saved.user_id


rules.add_perm("matching.search", rules.always_allow)
rules.add_perm("matching.add_savedsearch", rules.is_authenticated)
rules.add_perm("matching.view_savedsearch", owns_saved_search)
rules.add_perm("matching.delete_savedsearch", owns_saved_search)
