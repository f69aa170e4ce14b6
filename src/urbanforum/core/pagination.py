"""One pagination for pages and the API.

A deep page costs what the first one costs (issue 15): the page's rows are found in two steps, a
"deferred join". First the page's primary keys alone — the database walks the list's ordering index
to the offset without reading a single wide row or joining anything — then the rows of those keys,
with everything the list selects, joins and prefetches. With OFFSET on the wide query instead,
SQLite reads and joins every skipped row: the last page of 50,000 practices took 745 ms, the two
steps take 16 ms (measured on bench/seed.py's 100,000-row database).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable


def rows_of_page(queryset: Any, offset: int, limit: int) -> list[Any]:
    """The rows `offset … offset + limit` of `queryset`, in its order (see the module's docstring).
    Anything but a plain queryset of model instances is sliced as it is."""
    if (
        not isinstance(queryset, QuerySet)
        or queryset._iterable_class is not ModelIterable  # .values() and the like
        or queryset.query.is_sliced
        or queryset.query.combinator  # union(): cannot be filtered
    ):
        return list(queryset[offset : offset + limit])
    keys = list(queryset.values_list("pk", flat=True)[offset : offset + limit])
    if not keys:
        return []
    rows = {row.pk: row for row in queryset.filter(pk__in=keys)}
    return [rows[key] for key in keys if key in rows]


class DeferredJoinPaginator(Paginator):
    def page(self, number: Any) -> Page[Any]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(rows_of_page(self.object_list, bottom, top - bottom), number, self)


@dataclass
class PageInfo:
    page: Page[Any]
    querystring: str  # the current filters without `page`, to build links

    @property
    def items(self) -> list[Any]:
        return list(self.page.object_list)


def paginate(
    queryset: Any, *, page: str | int | None, per_page: int | None = None, params: Any = None
) -> PageInfo:
    """Paginate; a bad or out-of-range page number gives the nearest valid page instead of an error
    (Django's `Paginator.get_page`)."""
    paginator = DeferredJoinPaginator(queryset, per_page or settings.URBANFORUM_PAGE_SIZE)
    current = paginator.get_page(page)
    querystring = ""
    if params is not None:
        copy = params.copy()
        copy.pop("page", None)
        querystring = copy.urlencode()
    return PageInfo(page=current, querystring=querystring)
