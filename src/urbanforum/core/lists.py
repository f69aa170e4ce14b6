"""The one recipe of every list page: filters → selector → paginate → facets → page or fragment.

A list view is then a few declarative lines:

    def practice_list(request):
        return list_page(
            request,
            filters=PracticeFilters,
            rows=lambda f: selectors.practice_list(user=request.user, filters=f),
            facets=selectors.practice_facets,
            template="practices/list.html",
            fragment="practices/_results.html",
        )

Filters are a frozen dataclass; `filters_from` reads each field from the query string by its type
(`str`, `int | None`, `bool`), ignoring what does not parse — a bad filter never breaks a page.
htmx asks for the results fragment (`HX-Request`), except when it restores its history
(`HX-History-Restore-Request`), which needs the whole page; `Vary: HX-Request` keeps caches apart.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from urbanforum.core.pagination import paginate
from urbanforum.core.translations.selectors import prefetch_reader_translations

F = TypeVar("F")

# Query-string names that differ from the dataclass field (the search box is `q` everywhere).
ALIASES = {"search": "q"}


def _coerce(raw: str, kind: Any) -> Any:
    origin = typing.get_origin(kind)
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        kind = args[0]
    if kind is int:
        try:
            value = int(raw)
        except ValueError:
            return None
        return value if -(2**31) < value < 2**31 else None
    if kind is bool:
        return raw.lower() in ("1", "true", "yes", "on")
    return raw.strip()


def filters_from(cls: type[F], params: Mapping[str, Any]) -> F:
    """A filters dataclass from a query string: each field by its type; bad values are dropped."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        name = ALIASES.get(field.name, field.name)
        raw = params.get(name)
        if raw is None and name != field.name:
            raw = params.get(field.name)
        if raw in (None, ""):
            continue
        value = _coerce(str(raw), hints[field.name])
        if value is not None:
            values[field.name] = value
    return cls(**values)


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request for part of the page — but never htmx restoring its history, which needs
    the whole page (the user pressed Back and the cache had no snapshot)."""
    htmx = getattr(request, "htmx", None)  # django-htmx's middleware sets it
    if htmx is None:
        headers = request.headers
        return headers.get("HX-Request") == "true" and (
            headers.get("HX-History-Restore-Request") != "true"
        )
    return bool(htmx) and not htmx.history_restore_request


def render_list(
    request: HttpRequest, *, template: str, fragment: str, context: dict[str, Any]
) -> HttpResponse:
    """The page, or its results fragment for htmx; the response varies on HX-Request."""
    response = render(request, fragment if wants_fragment(request) else template, context)
    patch_vary_headers(response, ("HX-Request", "HX-History-Restore-Request"))
    return response


def list_page(
    request: HttpRequest,
    *,
    filters: type[F],
    rows: Callable[[F], Any],
    template: str,
    fragment: str,
    facets: Callable[[], Any] | None = None,
    per_page: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """A list page: `rows(filters)` is the selector's queryset; the context has `page_info`,
    `filters`, `facets` and whatever `extra` adds."""
    chosen = filters_from(filters, request.GET)
    page_info = paginate(
        rows(chosen), page=request.GET.get("page"), per_page=per_page, params=request.GET
    )
    # Cards show content in the reader's language: the page's translations in one query.
    prefetch_reader_translations(page_info.page.object_list)
    context: dict[str, Any] = {
        "page_info": page_info,
        "filters": chosen,
        "facets": facets() if facets is not None else {},
        **(extra or {}),
    }
    return render_list(request, template=template, fragment=fragment, context=context)
