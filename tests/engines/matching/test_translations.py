"""Translations are more lexical documents of their item: a query in the translation's language
finds the item by the translation's words; nothing changes for items without translations."""

from __future__ import annotations

from urbanforum.engines.matching import FusionConfig, Item, MatchingIndex, Query, Translation

SNOW = Item(
    id="practice:1",
    kind="practice",
    title="Winter maintenance of cycle paths",
    text="Snow is cleared from the cycle network before the roads.",
    translations=(
        Translation(
            "et",
            "Jalgrattateede talvine hooldus",
            "Tallinnas koristatakse lumi jalgrattateedelt enne autoteid. Tallinn.",
        ),
    ),
)
PARKING = Item(
    id="practice:2",
    kind="practice",
    title="Parking policy for the city centre",
    text="Parking fees rise in the centre to free the streets.",
)
ESTONIAN = Item(
    id="practice:3",
    kind="practice",
    title="Parkimise tasud kesklinnas",
    text="Parkimistasud tõusevad kesklinnas.",
    language="et",
)


def test_a_query_in_the_translations_language_finds_the_item() -> None:
    index = MatchingIndex.from_items([SNOW, PARKING, ESTONIAN])
    hits = index.search(Query(text="jalgrattateede hooldus", language="et"), limit=5)
    assert [h.item_id for h in hits] == ["practice:1"]
    assert hits[0].components.lexical is not None and hits[0].components.lexical > 0
    assert any("jalgrattateede" in r.text.lower() for r in hits[0].reasons)
    # and the English original still finds it in English
    english = index.search(Query(text="cycle paths winter", language="en"), limit=5)
    assert english[0].item_id == "practice:1"


def test_the_original_language_still_counts_and_others_do_not() -> None:
    index = MatchingIndex.from_items([SNOW, PARKING, ESTONIAN])
    # an Estonian query about parking: the Estonian original matches; the English parking
    # practice has no Estonian text, so lexical does not apply to it (and it scores nothing)
    hits = index.search(Query(text="parkimise tasud", language="et"), limit=5)
    assert [h.item_id for h in hits] == ["practice:3"]
    # the English words of the snow practice do not match an Estonian query lexically
    assert index.search(Query(text="cycle", language="et"), limit=5) == []


def test_scope_all_takes_the_best_document_of_each_item() -> None:
    index = MatchingIndex.from_items([SNOW, PARKING], config=FusionConfig(lexical_scope="all"))
    # the stems of different languages differ; a name is the same in both
    hits = index.search(Query(text="Tallinn", language="en"), limit=5)
    assert [h.item_id for h in hits] == ["practice:1"]


def test_items_without_translations_score_as_before() -> None:
    plain = [
        Item(id=i.id, kind=i.kind, title=i.title, text=i.text, language=i.language)
        for i in (SNOW, PARKING, ESTONIAN)
    ]
    extra = Item(
        id="practice:9", kind="practice", title="x", translations=(Translation("fi", "y"),)
    )
    with_translations = MatchingIndex.from_items([*plain, extra])
    without = MatchingIndex.from_items(plain)
    for text, lang in (("cycle paths", "en"), ("parking centre", "en"), ("parkimise", "et")):
        a = with_translations.search(Query(text=text, language=lang), limit=5)
        b = without.search(Query(text=text, language=lang), limit=5)
        assert [h.item_id for h in a] == [h.item_id for h in b]
        # the extra document changes the corpus statistics only slightly; the order holds
        assert all(h.components.lexical is not None for h in a)
