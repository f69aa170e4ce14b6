"""Query building blocks that keep a list's cost to one page of rows.

* `count_of` — a related-row count as a correlated subquery. `annotate(n=Count("rel",
  distinct=True))` joins the related table and groups by *every* column of the outer row (a wide
  GROUP BY per request, and the join multiplies rows before the page is cut); the subquery counts
  only for the rows of the page, through the foreign key's index.
* `facet_values` — the distinct values of a column for a filter's choices, by one aggregate query
  (`GROUP BY` the column) instead of loading every row's value into Python.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(related: QuerySet[Any], field: str, *, where: Q | None = None) -> Coalesce:
    """How many rows of `related` point to the outer row through `field` (0 when none)."""
    rows = related.filter(**{field: OuterRef("pk")})
    if where is not None:
        rows = rows.filter(where)
    counted = rows.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def facet_values(qs: QuerySet[Any], field: str) -> list[Any]:
    """The distinct non-empty values of `field` in `qs`, sorted (one GROUP BY query)."""
    rows = qs.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return sorted(value for value, _ in rows if value not in (None, ""))
