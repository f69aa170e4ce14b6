"""One pagination for pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator


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
    paginator = Paginator(queryset, per_page or settings.URBANFORUM_PAGE_SIZE)
    current = paginator.get_page(page)
    querystring = ""
    if params is not None:
        copy = params.copy()
        copy.pop("page", None)
        querystring = copy.urlencode()
    return PageInfo(page=current, querystring=querystring)
