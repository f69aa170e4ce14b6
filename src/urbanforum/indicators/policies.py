"""Who sees what of indicator data, each rule written once (core.policies).

The catalogue, frameworks and observations are published statistics: everyone reads them, so
they need no policy. An import batch (its file, preview and report) belongs to the person who
uploaded it; coordinators see every batch.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.core.policies import (
    EVERYTHING,
    NOTHING,
    VisibilityPolicy,
    is_authenticated,
    is_coordinator,
)
from urbanforum.indicators.models import ImportBatch


class ImportBatchPolicy(VisibilityPolicy[ImportBatch]):
    """The batches `user` may see (and confirm): their own; coordinators all."""

    model = ImportBatch

    def rule(self, user: Any) -> Q:
        if is_coordinator(user):
            return EVERYTHING
        if not is_authenticated(user):
            return NOTHING
        return Q(created_by_id=user.pk)


import_batches = ImportBatchPolicy()
