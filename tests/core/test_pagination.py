"""The deferred join of core.pagination: the same rows, in the same order, as slicing the list."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Length

from tests.conftest import World
from urbanforum.core.pagination import paginate, rows_of_page
from urbanforum.practices.models import GoodPractice

pytestmark = pytest.mark.django_db


@pytest.fixture
def practices(world: World) -> list[GoodPractice]:
    titles = ["Gamma", "alpha", "Beta", "delta", "Epsilon", "zeta", "Eta", "theta", "Iota", "kappa"]
    return [
        GoodPractice.objects.create(
            title=title,
            summary="s" * (i % 4 + 1),
            city=world.city if i % 2 else world.other_city,
            domains=["mobility"],
            status="published",
            author_organisation=world.org,
            year_start=2000 + i % 3,
        )
        for i, title in enumerate(titles)
    ]


def _lists(practices: list[GoodPractice]) -> list[Any]:
    base = GoodPractice.objects.select_related("city")
    ranked = [p.pk for p in reversed(practices)]
    return [
        base.order_by("title", "id"),
        base.order_by("-year_start", "title", "id"),
        base.filter(city__country="FI").order_by("city__name", "-id"),
        base.annotate(n=Length("summary")).order_by("-n", "id"),
        base.order_by(
            Case(
                *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ranked)],
                output_field=IntegerField(),
            ),
        ),
    ]


@pytest.mark.parametrize("offset,limit", [(0, 3), (3, 3), (8, 5), (10, 3), (0, 20)])
def test_the_same_rows_in_the_same_order_as_slicing(
    practices: list[GoodPractice], offset: int, limit: int
) -> None:
    for qs in _lists(practices):
        expected = list(qs[offset : offset + limit])
        got = rows_of_page(qs, offset, limit)
        assert [p.pk for p in got] == [p.pk for p in expected]
        # The rows carry what the list selects (no query per row for the city).
        assert all(type(p) is GoodPractice for p in got)


def test_annotations_and_joins_survive(
    practices: list[GoodPractice], django_assert_num_queries: Any
) -> None:
    qs = (
        GoodPractice.objects.select_related("city")
        .annotate(n=Length("summary"))
        .order_by("-n", "id")
    )
    with django_assert_num_queries(2):
        rows = rows_of_page(qs, 2, 4)
        assert all(p.n == len(p.summary) for p in rows)
        assert all(p.city.name for p in rows)


def test_other_iterables_are_sliced_as_they_are(practices: list[GoodPractice]) -> None:
    values = GoodPractice.objects.order_by("title").values("title")
    assert rows_of_page(values, 1, 2) == list(values[1:3])
    plain = list(range(10))
    assert rows_of_page(plain, 8, 5) == [8, 9]
    assert rows_of_page(GoodPractice.objects.none(), 0, 5) == []


def test_paginate_gives_the_pages_rows(practices: list[GoodPractice]) -> None:
    qs = GoodPractice.objects.order_by("title", "id")
    info = paginate(qs, page=2, per_page=4)
    assert [p.pk for p in info.items] == [p.pk for p in qs[4:8]]
    last = paginate(qs, page="99", per_page=4)  # beyond the end: the last page
    assert [p.pk for p in last.items] == [p.pk for p in qs[8:]]
    assert last.page.number == 3 and last.page.has_previous()
