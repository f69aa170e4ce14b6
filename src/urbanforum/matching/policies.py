"""Who may see a saved search: its owner, nobody else (not even coordinators)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.core.policies import NOTHING, VisibilityPolicy, is_authenticated
from urbanforum.matching.models import SavedSearch


class SavedSearchPolicy(VisibilityPolicy[SavedSearch]):
    model = SavedSearch

    def rule(self, user: Any) -> Q:
        return Q(user_id=user.pk) if is_authenticated(user) else NOTHING


saved_search_policy = SavedSearchPolicy()
