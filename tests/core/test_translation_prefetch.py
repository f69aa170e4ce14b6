"""A list of cards in the reader's language costs one query for all its translations
(core.translations.selectors.prefetch_reader_translations), and shows what `shown` shows alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tests.conftest import World
from urbanforum.core.models import ContentTranslation
from urbanforum.core.translations import registry
from urbanforum.core.translations.selectors import prefetch_reader_translations, shown
from urbanforum.practices.models import GoodPractice

pytestmark = pytest.mark.django_db


def test_one_query_for_the_page_and_the_same_texts(
    world: World, django_assert_num_queries: Any
) -> None:
    practices = [
        GoodPractice.objects.create(
            title=f"Practice {i}",
            summary="In English.",
            city=world.city,
            domains=["mobility"],
            status="published",
            author_organisation=world.org,
            language="en",
        )
        for i in range(6)
    ]
    for p in practices[::2]:
        ContentTranslation.objects.create(
            kind="practice", object_id=p.pk, language="fi", title=f"Käytäntö {p.pk}"
        )
    kind = registry.for_model(GoodPractice)
    assert kind is not None
    with translation.override("fi"):
        alone = [shown(kind, GoodPractice.objects.get(pk=p.pk)) for p in practices]
        page = list(GoodPractice.objects.filter(pk__in=[p.pk for p in practices]).order_by("pk"))
        with django_assert_num_queries(1):
            prefetch_reader_translations(page)
            together = [shown(kind, p) for p in page]
    assert [s.title for s in together] == [s.title for s in alone]
    assert [s.language for s in together] == ["fi", "en"] * 3
    # Another reader language is not in the prefetched set: it is looked up as before.
    with translation.override("et"), django_assert_num_queries(1):
        assert shown(kind, page[0]).language == "en"
