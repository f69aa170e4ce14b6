"""Issue 11, point 5: `urbanforum practices import` takes domains as people write them — any case,
spaces or hyphens, the site's labels in its languages, common synonyms; a domain it cannot map is
kept as a keyword and reported with its line number, not refused. A broken line still refuses the
whole file."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from urbanforum.core.domain_labels import domain_for
from urbanforum.practices.models import GoodPractice


def _line(n: int, domains: list[object]) -> dict[str, object]:
    return {
        "id": f"t-{n}",
        "title": f"Practice {n}",
        "summary": "A summary.",
        "city": "Oulu",
        "country": "FI",
        "domains": domains,
    }


def _import(tmp_path: Path, lines: list[object]) -> tuple[str, str]:
    path = tmp_path / "p.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    call_command("practices", "import", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Circular economy", "circular-economy"),
        ("circular-economy", "circular-economy"),
        ("  CIRCULAR_ECONOMY ", "circular-economy"),
        ("Built environment", "built-environment"),
        ("built-environment", "built-environment"),
        ("Digitalisation", "digital-services"),
        ("digitalization", "digital-services"),
        ("Living and health", "living-health"),
        ("People and education", "people-education"),
        ("mobility", "mobility"),
        ("transport", "mobility"),
    ],
)
def test_domains_as_people_write_them(written: str, slug: str) -> None:
    assert domain_for(written) == slug


def test_unknown_words_are_no_domain() -> None:
    assert domain_for("space travel") is None
    assert domain_for("") is None


@pytest.mark.django_db
def test_labels_import_every_valid_line_and_unmapped_domains_become_keywords(
    tmp_path: Path,
) -> None:
    out, err = _import(
        tmp_path,
        [
            _line(1, ["Circular economy", "Built environment"]),
            _line(2, ["Digitalisation", "Smart lighting"]),
            _line(3, ["MOBILITY", "mobility"]),
        ],
    )
    assert "Imported 3 practices" in out
    by_id = {p.external_id: p for p in GoodPractice.objects.all()}
    assert by_id["t-1"].domains == ["built-environment", "circular-economy"] or set(
        by_id["t-1"].domains
    ) == {"built-environment", "circular-economy"}
    assert by_id["t-2"].domains == ["digital-services"]
    assert by_id["t-2"].keywords == ["Smart lighting"]
    assert by_id["t-3"].domains == ["mobility"]
    assert "line 2: domains: 'Smart lighting'" in err and "kept as a keyword" in err
    # the keyword is searchable
    assert "smart lighting" in by_id["t-2"].search_text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ({"id": "t-9", "title": "No city", "summary": "x", "country": "FI"}, "line 2: city"),
        (_line(9, [42]), "line 2: domains: '42' is not a text"),
    ],
)
def test_a_broken_line_still_refuses_the_file(tmp_path: Path, bad: object, message: str) -> None:
    with pytest.raises(CommandError) as excinfo:
        _import(tmp_path, [_line(1, ["Circular economy"]), bad])
    assert message in str(excinfo.value) and "Nothing was imported" in str(excinfo.value)
    assert GoodPractice.objects.count() == 0
