"""Issue 11: language versions of the same practice appear once, in the viewer's language. The demo's
former twin records are translations of the English record (`translations` in the JSON Lines),
imported as a person's content translations: listed and matched once, shown in Finnish to a Finnish
reader, and found by a query in Polish."""

from __future__ import annotations

import json
from html import escape
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.practices.kb import KB
from urbanforum.core.models import ContentTranslation, TranslationOrigin
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.services import practices_import

SOURCE = {
    "title": "Citizens' assemblies in Gdańsk",
    "url": None,
    "publisher": "City of Gdańsk",
    "date": None,
    "supports": ["year", "description"],
}
GDANSK = {
    "id": "t-gdansk-citizens-assembly",
    "title": "Citizens' assembly on preparing for heavy rain",
    "summary": "Randomly selected residents recommended how the city should prepare for "
    "heavy rainfall; the mayor committed to implement what most of them backed.",
    "description": "A panel of residents drawn by lot heard experts and voted on recommendations.",
    "city": "Gdańsk",
    "country": "PL",
    "domains": ["participation", "climate"],
    "sdgs": [11, 13],
    "year": 2016,
    "sources": [SOURCE],
    "translations": {
        "pl": {
            "title": "Panel obywatelski w sprawie przygotowania na ulewy",
            "summary": "Wylosowani mieszkańcy zarekomendowali, jak miasto ma się przygotować "
            "na ulewne deszcze i powodzie.",
            "description": "Panel mieszkańców wybranych w losowaniu wysłuchał ekspertów.",
        },
        "fi": {
            "title": "Kansalaispaneeli rankkasateisiin varautumisesta",
            "summary": "Arvotut asukkaat suosittelivat, miten kaupunki varautuu rankkasateisiin.",
        },
    },
}


def _import(*records: dict[str, Any]) -> None:
    practices_import(actor=None, text="\n".join(json.dumps(r) for r in records) + "\n")


def _gdansk() -> GoodPractice:
    return GoodPractice.objects.get(external_id=GDANSK["id"])


def test_translations_are_imported_as_a_persons_translations(kb: KB) -> None:
    _import(GDANSK)
    _import(GDANSK)  # idempotent: still one row per language
    rows = ContentTranslation.objects.filter(kind="practice", object_id=_gdansk().pk)
    assert sorted(rows.values_list("language", flat=True)) == ["fi", "pl"]
    assert {r.origin for r in rows} == {TranslationOrigin.HUMAN}
    pl = rows.get(language="pl")
    assert pl.title == GDANSK["translations"]["pl"]["title"]
    assert pl.body == GDANSK["translations"]["pl"]["description"]


@pytest.mark.parametrize(
    ("translations", "message"),
    [
        ({"en": {"title": "Same language"}}, "line 1: translations: 'en' is not a two-letter"),
        ({"pl": {"title": "T", "problem": "P"}}, "line 1: translations: pl: give only"),
        ({"pl": {"summary": "No title"}}, "line 1: translations: pl: a title is required"),
        (["pl"], "line 1: translations: must be an object"),
    ],
)
def test_bad_translations_are_refused(kb: KB, translations: Any, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _import({**GDANSK, "translations": translations})
    assert message in exc.value.messages[0]
    assert not GoodPractice.objects.filter(external_id=GDANSK["id"]).exists()


def test_the_list_shows_the_practice_once_in_the_readers_language(kb: KB) -> None:
    _import(GDANSK)
    client = kb.world.client("anonymous")
    english = client.get("/practices/?country=PL").content.decode()
    assert english.count(f'href="/practices/{_gdansk().slug}/"') == 1
    assert escape(GDANSK["title"]) in english
    finnish = client.get("/practices/?country=PL", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert finnish.count(f'href="/practices/{_gdansk().slug}/"') == 1
    assert "Kansalaispaneeli rankkasateisiin varautumisesta" in finnish
    assert escape(GDANSK["title"]) not in finnish
    detail = client.get(f"/practices/{_gdansk().slug}/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "<h1>Kansalaispaneeli rankkasateisiin varautumisesta</h1>" in detail


def test_a_polish_query_finds_the_practice_once_through_its_translation(kb: KB) -> None:
    _import(GDANSK)
    client = kb.world.client("anonymous")
    query = "panel obywatelski: jak przygotować miasto na ulewne deszcze i powodzie"
    hits = client.get("/api/v1/search", {"q": query}).json()
    slugs = [h["url"] for h in hits if _gdansk().slug in h["url"]]
    assert len(slugs) == 1, hits
    listed = client.get("/api/v1/practices", {"search": query}).json()["items"]
    assert [p["external_id"] for p in listed].count(GDANSK["id"]) == 1
    out = StringIO()
    call_command("match", "practices", "--query", query, "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [r["id"] for r in rows].count(GDANSK["id"]) == 1, rows


def test_the_demo_lists_each_language_version_once(kb: KB) -> None:
    """On the demo content itself: the former twins are one practice each, in the reader's
    language, and a Polish query reaches Gdańsk's practice through its Polish translation."""
    from urbanforum.practices.demo import FILE

    practices_import(actor=None, text=FILE.read_text(encoding="utf-8"))
    for twin in (
        "bsr-espoo-paivakotien-kaupunkiviljely-fi",
        "bsr-tartu-smartovka-et",
        "bsr-stockholm-trangselskatt-sv",
        "bsr-gdansk-panel-obywatelski-pl",
    ):
        assert not GoodPractice.objects.filter(external_id=twin).exists()
    espoo = GoodPractice.objects.get(external_id="bsr-espoo-daycare-urban-gardening")
    client = kb.world.client("anonymous")
    finnish = client.get(
        "/practices/", {"q": "kaupunkiviljely päiväkodeissa"}, HTTP_ACCEPT_LANGUAGE="fi"
    ).content.decode()
    assert finnish.count(f'href="/practices/{espoo.slug}/"') == 1
    assert "Kaupunkiviljely Espoon päiväkodeissa" in finnish
    gdansk = GoodPractice.objects.get(external_id="bsr-gdansk-citizens-assembly-flood")
    hits = client.get("/api/v1/search", {"q": "panel obywatelski po powodzi w Gdańsku"}).json()
    urls = [h["url"] for h in hits]
    assert sum(gdansk.slug in u for u in urls) == 1, urls
    assert gdansk.slug in urls[0], urls
