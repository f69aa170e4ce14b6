"""Who may do what with benchmark runs.

- Everyone (anonymous included) sees runs, the dashboard and results: they are built on published
  statistics.
- Any logged-in member of an organisation may start a nominal run (fast, inline).
- Uncertainty runs (Monte Carlo in the background, costly) need an editor or admin role in some
  organisation, or a coordinator.
"""

from __future__ import annotations

from typing import Any

import rules

from urbanforum.accounts.models import ROLE_RANK, Membership, Role
from urbanforum.accounts.permissions import is_coordinator


def _best_rank(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    cache: dict[str, int] = user.__dict__.setdefault("_uf_benchmark_rank", {})
    if "rank" not in cache:
        roles = Membership.objects.filter(user=user).values_list("role", flat=True)
        cache["rank"] = max((ROLE_RANK[Role(r)] for r in roles), default=0)
    return cache["rank"]


@rules.predicate
def is_member_of_an_organisation(user: Any) -> bool:
    return _best_rank(user) >= ROLE_RANK[Role.MEMBER]


@rules.predicate
def is_editor_somewhere(user: Any) -> bool:
    return _best_rank(user) >= ROLE_RANK[Role.EDITOR]


rules.add_perm("benchmark.view_run", rules.always_allow)
rules.add_perm("benchmark.add_run", is_member_of_an_organisation | is_coordinator)
rules.add_perm("benchmark.add_uncertainty_run", is_editor_somewhere | is_coordinator)
