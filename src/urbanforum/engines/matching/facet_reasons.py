"""Reasons for the facet signal: the domains and SDGs a match shares with the query."""

from __future__ import annotations

from .facets import FacetScores, normalise_domain
from .types import Item, Query, Reason


def facet_reasons(
    item: Item, query: Query, facet: FacetScores, j: int, contribution: float
) -> list[Reason]:
    """Each shared domain and SDG of ``item``, with its share of the facet contribution."""
    item_domains = {normalise_domain(d): d for d in item.domains}
    shared_d = list(
        dict.fromkeys(
            item_domains[normalise_domain(d)]
            for d in query.domains
            if normalise_domain(d) in item_domains
        )
    )
    shared_s = [s for s in dict.fromkeys(query.sdgs) if s in set(item.sdgs)]
    d_part = facet.domain_weight * float(facet.domain_coverage[j])
    s_part = facet.sdg_weight * float(facet.sdg_coverage[j])
    total = d_part + s_part
    if total <= 0:
        return []
    out = [
        Reason(
            "domain",
            f"Also about {d}",
            contribution * d_part / total / len(shared_d),
            (("domain", d),),
        )
        for d in shared_d
    ]
    out += [
        Reason(
            "sdg",
            f"Serves the same Sustainable Development Goal ({s})",
            contribution * s_part / total / len(shared_s),
            (("sdg", str(s)),),
        )
        for s in shared_s
    ]
    return out
