"""The command-line contract, exactly as written in docs/matching.md:

    urbanforum practices import FILE.jsonl
    urbanforum match practices --query "TEXT" --limit 10 --json
    urbanforum match cities --city "Tallinn" --limit 10 --json

Run on the (fresh) test database through Django's call_command, which is what `urbanforum <cmd>`
passes through to.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from urbanforum.cities.models import City
from urbanforum.practices.models import GoodPractice

LINES = [
    {
        "id": "t-oulu-winter-cycling",
        "title": "Winter cycling with snow ploughing of cycle routes first",
        "summary": "Cycle routes are ploughed before car lanes so people cycle all winter.",
        "city": "Oulu",
        "country": "FI",
        "domains": ["mobility", "living-health"],
        "sdgs": [3, 11],
        "year": 2015,
        "sources": [{"title": "Winter cycling in Oulu", "supports": ["year"]}],
    },
    {
        "id": "t-tallinn-free-transport",
        "title": "Free public transport for residents",
        "summary": "Registered residents ride buses and trams for free.",
        "description": "Started after a **referendum**.",
        "city": "Tallinn",
        "country": "EE",
        "domains": ["mobility"],
        "sdgs": [11],
        "year": 2013,
        "sources": [
            {"title": "Tallinn free public transport", "supports": ["description", "year"]}
        ],
    },
    {
        "id": "t-vantaa-heat-storage",
        "title": "Seasonal heat storage in rock caverns",
        "summary": "Summer heat is stored underground for the winter district heating.",
        "city": "Vantaa",
        "country": "FI",
        "domains": ["energy", "climate"],
        "sdgs": [7, 13],
        "year": 2023,
        "sources": [{"title": "Vantaa heat storage", "supports": ["description", "years"]}],
    },
]


def write(tmp_path: Path, lines: list[Any], name: str = "p.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_creates_cities_and_is_idempotent(tmp_path: Path) -> None:
    City.objects.create(name="Tallinn", slug="tallinn-ee", country="EE", population=438_341)
    path = write(tmp_path, LINES)
    out = run("practices", "import", str(path))
    assert "3 new, 0 updated, 2 cities created" in out
    assert GoodPractice.objects.count() == 3
    oulu = GoodPractice.objects.get(external_id="t-oulu-winter-cycling")
    assert (oulu.city.name, oulu.city.country, oulu.year_start) == ("Oulu", "FI", 2015)
    assert oulu.domains == ["mobility", "living-health"] and oulu.sdgs == [3, 11]
    assert oulu.status == "published"
    # the existing city was matched by name and country, not duplicated
    assert (
        GoodPractice.objects.get(external_id="t-tallinn-free-transport").city.slug == "tallinn-ee"
    )
    assert City.objects.filter(name="Tallinn").count() == 1
    # again, with one title changed: updated in place, nothing duplicated
    changed = [dict(LINES[0], title="Winter cycling, revised"), *LINES[1:]]
    out = run("practices", "import", str(write(tmp_path, changed)))
    assert "0 new, 3 updated, 0 cities created" in out
    assert GoodPractice.objects.count() == 3
    assert (
        GoodPractice.objects.get(external_id="t-oulu-winter-cycling").title
        == "Winter cycling, revised"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {**LINES[1], "country": "XX"},
            "line 2: country: 'XX' is not an ISO 3166-1 alpha-2 country code",
        ),
        # an unknown domain is kept as a keyword with a warning (tests/practices/test_import_domains.py)
        ({**LINES[1], "domains": "mobility"}, "line 2: domains: must be a list"),
        ({**LINES[1], "sdgs": [18]}, "line 2: sdgs: '18' is not an SDG goal number"),
        ({k: v for k, v in LINES[1].items() if k != "title"}, "line 2: title: is required"),
        ({**LINES[1], "year": "2013"}, "line 2: year: '2013' is not a year"),
        (
            {**LINES[1], "id": LINES[0]["id"]},
            "line 2: id: 't-oulu-winter-cycling' was already on line 1",
        ),
        ("{not json", "line 2: not valid JSON"),
    ],
)
def test_a_bad_line_is_refused_with_its_number_and_nothing_is_imported(
    tmp_path: Path, bad: Any, message: str
) -> None:
    path = write(tmp_path, [LINES[0], bad, LINES[2]])
    with pytest.raises(CommandError) as excinfo:
        run("practices", "import", str(path))
    assert message in str(excinfo.value)
    assert "Nothing was imported" in str(excinfo.value)
    assert GoodPractice.objects.count() == 0
    assert City.objects.count() == 0


@pytest.mark.django_db
def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run("practices", "import", str(tmp_path / "nope.jsonl"))


@pytest.mark.django_db
def test_match_practices_json(tmp_path: Path) -> None:
    run("practices", "import", str(write(tmp_path, LINES)))
    out = run(
        "match", "practices", "--query", "snow on cycle routes in winter", "--limit", "10", "--json"
    )
    rows = json.loads(out)
    assert isinstance(rows, list) and 1 <= len(rows) <= 3
    assert rows[0]["id"] == "t-oulu-winter-cycling"
    assert set(rows[0]) >= {"id", "title", "score", "reasons"}
    assert rows[0]["title"] == LINES[0]["title"]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    reasons = rows[0]["reasons"]
    assert reasons and all({"kind", "text", "weight"} <= set(r) for r in reasons)
    assert any(r["kind"] == "phrase" for r in reasons)
    assert (
        len(json.loads(run("match", "practices", "--query", "winter", "--limit", "1", "--json")))
        == 1
    )


@pytest.mark.django_db
def test_match_cities_json(tmp_path: Path) -> None:
    run("practices", "import", str(write(tmp_path, LINES)))
    rows = json.loads(run("match", "cities", "--city", "Tallinn", "--limit", "10", "--json"))
    ids = [r["id"] for r in rows]
    assert ids and "tallinn-ee" not in ids
    assert {"oulu-fi", "vantaa-fi"} == set(ids)
    assert all(set(r) >= {"id", "title", "score", "reasons"} for r in rows)
    assert rows[0]["score"] >= rows[-1]["score"]


@pytest.mark.django_db
def test_match_unknown_city_is_an_error() -> None:
    with pytest.raises(CommandError, match="Unknown city 'Atlantis'"):
        run("match", "cities", "--city", "Atlantis", "--json")


@pytest.mark.django_db
def test_match_without_json_prints_a_ranking(tmp_path: Path) -> None:
    run("practices", "import", str(write(tmp_path, LINES)))
    out = run("match", "practices", "--query", "free buses", "--limit", "2")
    assert out.startswith(" 1. ") and "t-tallinn-free-transport" in out


def test_the_commands_exactly_as_written_honour_database_url(tmp_path: Path) -> None:
    """`urbanforum …` in a subprocess on a fresh SQLite database named by DATABASE_URL."""
    import os
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[2] / "src"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "PYTHONPATH": str(src),
        "URBANFORUM_DEV": "1",
        "URBANFORUM_EMBEDDER": "fake",
        "URBANFORUM_TESTING": "0",
        "URBANFORUM_TASKS_IMMEDIATE": "1",
    }

    def urbanforum(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "urbanforum", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert (done.returncode == 0) == ok, (args, done.stdout, done.stderr)
        return done

    urbanforum("migrate", "-v", "0")
    bad = write(tmp_path, [LINES[0], {**LINES[1], "country": "XX"}], "bad.jsonl")
    failed = urbanforum("practices", "import", str(bad), ok=False)
    assert "line 2: country" in failed.stderr
    good = write(tmp_path, LINES)
    assert "3 new" in urbanforum("practices", "import", str(good)).stdout
    assert "0 new, 3 updated" in urbanforum("practices", "import", str(good)).stdout
    rows = json.loads(
        urbanforum(
            "match", "practices", "--query", "snow on cycle routes", "--limit", "10", "--json"
        ).stdout
    )
    assert rows[0]["id"] == "t-oulu-winter-cycling"
    cities = json.loads(
        urbanforum("match", "cities", "--city", "Tallinn", "--limit", "10", "--json").stdout
    )
    assert {c["id"] for c in cities} == {"oulu-fi", "vantaa-fi"}
