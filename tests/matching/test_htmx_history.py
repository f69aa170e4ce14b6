"""The search page answers htmx with its results, but a history restore with the whole page."""

from __future__ import annotations

from tests.practices.kb import KB
from tests.practices.matrix import check_htmx_list


def test_search_fragment_and_history_restore(kb: KB) -> None:
    check_htmx_list(
        kb.world.client("anonymous"), "/search/?q=snow+on+cycle+routes", kb.practice.title
    )
