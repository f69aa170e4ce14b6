"""core.lists: filters parsed by type, bad values dropped, the page or its htmx fragment (but
the whole page when htmx restores its history), and responses that vary on HX-Request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, QueryDict
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from tests.conftest import World
from urbanforum.core.lists import filters_from, list_page, wants_fragment
from urbanforum.core.models import AuditEvent


@dataclass(frozen=True)
class Filters:
    search: str = ""
    year: int | None = None
    page_size: int = 25
    bsr: bool | None = None
    open_only: bool = False


def parse(query: str) -> Filters:
    return filters_from(Filters, QueryDict(query))


def test_filters_are_parsed_by_their_type() -> None:
    assert parse("q=+Riga+&year=2019&page_size=50&bsr=1&open_only=yes") == Filters(
        search="Riga", year=2019, page_size=50, bsr=True, open_only=True
    )
    assert parse("bsr=0") == Filters(bsr=False)
    assert parse("search=Tallinn") == Filters(search="Tallinn")  # the field's own name works too


def test_bad_values_are_dropped_not_errors() -> None:
    assert parse("year=twenty&page_size=&bsr=") == Filters()
    assert parse(f"year={2**40}") == Filters()  # out of any database integer's range
    assert parse("unknown=1&page=3") == Filters()


@pytest.mark.parametrize("middleware", [False, True])
def test_htmx_headers_decide_fragment_or_page(middleware: bool) -> None:
    """With django-htmx's middleware (request.htmx) or without it, the same answers."""
    factory = RequestFactory()
    plain = factory.get("/")
    htmx = factory.get("/", HTTP_HX_REQUEST="true")
    restore = factory.get("/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    if middleware:
        for request in (plain, htmx, restore):
            request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    assert (wants_fragment(plain), wants_fragment(htmx), wants_fragment(restore)) == (
        False,
        True,
        False,
    )


@pytest.fixture
def entries(world: World) -> list[AuditEvent]:
    return [
        AuditEvent.objects.create(actor_label="x", action=f"thing.{n:02}", target_type="t")
        for n in range(30)
    ]


def page(world: World, query: str = "", **headers: str) -> Any:
    request: HttpRequest = RequestFactory().get(f"/audit/?{query}", **headers)
    request.user = world.users["coordinator"] or AnonymousUser()
    seen: list[Filters] = []

    def rows(filters: Filters) -> Any:
        seen.append(filters)
        qs = AuditEvent.objects.order_by("action")
        return qs.filter(action__contains=filters.search) if filters.search else qs

    response = list_page(
        request,
        filters=Filters,
        rows=rows,
        per_page=10,
        template="core/audit_log.html",
        fragment="includes/pagination.html",
        facets=lambda: {"years": [2019]},
    )
    return response, seen


def test_the_page_the_fragment_and_history_restore(world: World, entries: list[AuditEvent]) -> None:
    full, seen = page(world, "q=thing&page=2")
    assert seen == [Filters(search="thing")]
    html = full.content.decode()
    assert "<html" in html and "thing.10" in html and "thing.09" not in html
    assert "Page 2 of 3" in html
    fragment, _ = page(world, "page=2", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode() and "Page 2 of 3" in fragment.content.decode()
    restored, _ = page(
        world, "page=2", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in restored.content.decode()  # Back button: htmx needs the whole page
    for response in (full, fragment, restored):
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"HX-Request", "HX-History-Restore-Request"} <= vary


def test_a_bad_page_number_gives_the_nearest_page(world: World, entries: list[AuditEvent]) -> None:
    assert "Page 3 of 3" in page(world, "page=99")[0].content.decode()
    assert "Page 1 of 3" in page(world, "page=abc")[0].content.decode()


def test_the_audit_log_is_a_list_page(world: World, entries: list[AuditEvent]) -> None:
    client = world.client("coordinator")
    assert "<html" in client.get("/audit/").content.decode()
    restored = client.get("/audit/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in restored.content.decode()
    assert "HX-Request" in restored["Vary"]
    assert restored.context["filters"].__class__.__name__ == "AuditFilters"
    assert restored.context["page_info"].page.paginator.per_page == 50
