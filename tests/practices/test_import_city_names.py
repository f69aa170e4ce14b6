"""Issue 13, point 8: a practice's city is found by any name the registry knows (Helsingfors);
a name that fits several cities of the country refuses the file, naming the line and the
candidates, and nothing is saved."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World
from urbanforum.cities.models import City
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.services import practices_import


def _jsonl(*lines: dict[str, Any]) -> str:
    return "\n".join(json.dumps(line) for line in lines) + "\n"


def _line(n: int, city: str, country: str) -> dict[str, Any]:
    return {"id": f"n-{n}", "title": f"Practice {n}", "summary": "A summary.", "city": city,
            "country": country}  # fmt: skip


def test_a_local_name_finds_the_city(world: World) -> None:
    stats = practices_import(
        actor=world.users["coordinator"], text=_jsonl(_line(1, "Helsingfors", "FI"))
    )
    assert stats.cities_created == 0
    assert GoodPractice.objects.get(external_id="n-1").city == world.city


def test_an_ambiguous_city_refuses_the_file_naming_line_and_candidates(world: World) -> None:
    for name, code in (("Frankfurt am Main", "DE005C"), ("Frankfurt (Oder)", "DE027C")):
        City.objects.create(name=name, slug=code.lower(), country="DE", eurostat_code=code,
                            local_names=["Frankfurt"])  # fmt: skip
    text = _jsonl(_line(1, "Helsinki", "FI"), _line(2, "Frankfurt", "DE"))
    with pytest.raises(ValidationError) as exc:
        practices_import(actor=world.users["coordinator"], text=text)
    message = " ".join(exc.value.messages)
    assert message.startswith("line 2: city: 'Frankfurt' names several cities:")
    assert (
        "Frankfurt am Main (DE, DE005C)" in message and "Frankfurt (Oder) (DE, DE027C)" in message
    )
    assert not GoodPractice.objects.exists()
