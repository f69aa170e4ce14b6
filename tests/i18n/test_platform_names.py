"""Names the platform itself gives — the Smart City Profile's characteristics and indicators,
phases and roles in a process timeline, topics, countries, regions and languages — are shown in
the reader's language (fi, et), not in English or as codes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from tests.conftest import World
from tests.processes.conftest import make_challenge
from urbanforum.core.countries import country_name, language_name, region_name
from urbanforum.indicators.models import Indicator
from urbanforum.indicators.smart_city import CHARACTERISTIC_NAMES, INDICATORS, characteristic_name
from urbanforum.processes.timeline import _text

LANGUAGES = ["fi", "et", "sv", "de", "pl", "lv", "lt", "da", "nb"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_characteristic_indicator_and_unit_the_profile_names_is_translated(
    language: str,
) -> None:
    catalog = trans_real.translation(language)._catalog
    names = {*CHARACTERISTIC_NAMES.values(), "Smart City Profile", "City context"}
    for indicator in INDICATORS:
        names.add(indicator["name"])
        if indicator["unit"] not in ("%", "µg/m³"):  # symbols, the same in every language
            names.add(indicator["unit"])
    assert sorted(n for n in names if n not in catalog) == []


def test_indicator_catalogue_in_finnish(world: World) -> None:
    Indicator.objects.create(
        code="unempl", name="Unemployment rate", unit="%", direction=-1, theme="economy"
    )
    Indicator.objects.create(
        code="density", name="Population density", unit="inhabitants/km²", theme="context"
    )
    page = Client().get("/indicators/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Työttömyysaste" in page and "Väestötiheys" in page
    assert "Älykäs talous" in page and "Kaupungin tausta" in page
    assert "Unemployment rate" not in page and "<td>economy</td>" not in page


def test_characteristic_codes_become_names() -> None:
    with translation.override("fi"):
        assert characteristic_name("living") == "Älykäs elämänlaatu"
    with translation.override("et"):
        assert characteristic_name("economy") == "Nutikas majandus"


def test_timeline_puts_stored_english_and_codes_in_the_readers_language() -> None:
    with translation.override("fi"):
        advance = _text(
            "process.advance", {"completed": "Starting", "next": "Intervention and consultancy"}
        )
        ticked = _text(
            "process.checklist", {"item": "Cities with the same challenge invited", "done": True}
        )
        review = _text("process.review", {"kind": "peer"})
    assert "Starting" not in advance and "Intervention" not in advance, advance
    assert "Kaupungit, joilla on sama haaste, kutsuttu" in ticked
    assert "peer" not in review
    with translation.override("et"):
        invite = _text("process.invite", {"organisation": "City of Espoo", "role": "partner"})
    assert "partner" not in invite and "City of Espoo" in invite, invite


def test_timeline_page_in_estonian(world: World) -> None:
    from urbanforum.processes import services

    editor = world.users["editor"]
    assert editor is not None
    process = services.process_open(actor=editor, challenge=make_challenge(world))
    services.process_invite(
        actor=editor, process=process, organisation=world.other_org, role="partner"
    )
    editor.preferred_language = "et"
    editor.save()
    client = Client()
    client.force_login(editor)
    page = client.get(
        f"/processes/{process.slug}/timeline/", HTTP_ACCEPT_LANGUAGE="et"
    ).content.decode()
    assert "Tallinn City Government" in page and "Partnerlinn" in page
    assert "roll: partner" not in page


def test_topics_are_labels_kept_apart(world: World) -> None:
    make_challenge(world, domains=["mobility", "climate"])
    page = Client().get("/challenges/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert '<li class="tag">Liikkuminen</li> ' in page
    assert ">mobility<" not in page and ">climate<" not in page


@pytest.mark.parametrize(
    ("language", "finland", "region", "german"),
    [("fi", "Suomi", "Pohjois-Eurooppa", "saksa"), ("et", "Soome", "Põhja-Euroopa", "saksa")],
)
def test_countries_regions_and_languages_in_the_readers_language(
    language: str, finland: str, region: str, german: str
) -> None:
    with translation.override(language):
        assert country_name("FI") == finland
        assert region_name("Northern Europe") == region
        assert language_name("de") == german
    with translation.override("en"):
        assert country_name("FI") == "Finland"


def test_city_pages_show_the_country_in_finnish(world: World) -> None:
    world.city.region = "Northern Europe"
    world.city.save()
    listing = Client().get("/cities/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    detail = Client().get("/cities/helsinki-fi/", HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Suomi" in listing and "Pohjois-Eurooppa" in listing
    assert "Suomi (FI)" in detail and "Pohjois-Eurooppa" in detail
    assert "Finland" not in listing and "Northern Europe" not in detail
