"""The marketplace lists answer htmx with a fragment, but a history restore with the whole page."""

from __future__ import annotations

from tests.practices.kb import KB
from tests.practices.matrix import check_htmx_list


def test_solution_list_fragment_and_history_restore(kb: KB) -> None:
    check_htmx_list(
        kb.world.client("anonymous"), "/marketplace/solutions/?domain=data", kb.solution.title
    )


def test_expert_list_fragment_and_history_restore(kb: KB) -> None:
    check_htmx_list(
        kb.world.client("anonymous"), "/marketplace/experts/?country=FI", kb.expert.name
    )
