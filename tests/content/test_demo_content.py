"""Validation of the demo content shipped as JSON Lines data files.

Pure pytest, no Django: run with
    pytest tests/content -q -p no:django

Checks that every file parses, ids are unique, required fields are present, domains come from
the taxonomy, SDG goals are 1-17 and targets exist in the SDG reference data (if available),
and city/country pairs are plausible ISO 3166-1 alpha-2 codes.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "urbanforum"

PRACTICES = SRC / "practices" / "demo" / "practices.jsonl"
CHALLENGES = SRC / "challenges" / "demo" / "challenges.jsonl"
SOLUTIONS = SRC / "marketplace" / "demo" / "solutions.jsonl"
EXPERTS = SRC / "marketplace" / "demo" / "experts.jsonl"
ALL_FILES = [PRACTICES, CHALLENGES, SOLUTIONS, EXPERTS]

DOMAINS = frozenset(
    {
        "mobility",
        "energy",
        "built-environment",
        "environment",
        "governance",
        "data",
        "economy",
        "people-education",
        "living-health",
        "culture",
        "climate",
        "circular-economy",
        "digital-services",
        "participation",
    }
)

# ISO 3166-1 alpha-2 codes of the Baltic Sea Region and partner countries used in the demo.
BSR_COUNTRIES = frozenset({"FI", "EE", "LV", "LT", "PL", "DE", "DK", "SE", "NO", "IS"})
OTHER_COUNTRIES = frozenset({"NL", "ES", "IT", "FR", "BE", "PT", "GB", "IE", "UA", "AT", "CH"})
COUNTRIES = BSR_COUNTRIES | OTHER_COUNTRIES

# Every city named in the demo files, with its country. A city not listed here fails the test,
# so a typo ("Helsinky") or a wrong pair ("Tartu", "LV") is caught.
CITY_COUNTRY: dict[str, str] = {
    "Helsinki": "FI",
    "Espoo": "FI",
    "Vantaa": "FI",
    "Kauniainen": "FI",
    "Turku": "FI",
    "Tampere": "FI",
    "Oulu": "FI",
    "Lahti": "FI",
    "Jyväskylä": "FI",
    "Kuopio": "FI",
    "Lappeenranta": "FI",
    "Joensuu": "FI",
    "Pori": "FI",
    "Vaasa": "FI",
    "Kotka": "FI",
    "Tallinn": "EE",
    "Tartu": "EE",
    "Pärnu": "EE",
    "Narva": "EE",
    "Viljandi": "EE",
    "Riga": "LV",
    "Jelgava": "LV",
    "Liepāja": "LV",
    "Valmiera": "LV",
    "Cēsis": "LV",
    "Daugavpils": "LV",
    "Ventspils": "LV",
    "Vilnius": "LT",
    "Kaunas": "LT",
    "Klaipėda": "LT",
    "Šiauliai": "LT",
    "Panevėžys": "LT",
    "Gdańsk": "PL",
    "Gdynia": "PL",
    "Sopot": "PL",
    "Szczecin": "PL",
    "Poznań": "PL",
    "Warsaw": "PL",
    "Olsztyn": "PL",
    "Elbląg": "PL",
    "Słupsk": "PL",
    "Koszalin": "PL",
    "Hamburg": "DE",
    "Mannheim": "DE",
    "Kiel": "DE",
    "Lübeck": "DE",
    "Rostock": "DE",
    "Berlin": "DE",
    "Greifswald": "DE",
    "Leipzig": "DE",
    "Flensburg": "DE",
    "Copenhagen": "DK",
    "Kalundborg": "DK",
    "Aarhus": "DK",
    "Odense": "DK",
    "Aalborg": "DK",
    "Sønderborg": "DK",
    "Stockholm": "SE",
    "Gothenburg": "SE",
    "Malmö": "SE",
    "Umeå": "SE",
    "Uppsala": "SE",
    "Helsingborg": "SE",
    "Lund": "SE",
    "Växjö": "SE",
    "Luleå": "SE",
    "Norrköping": "SE",
    "Oslo": "NO",
    "Bergen": "NO",
    "Trondheim": "NO",
    "Stavanger": "NO",
    "Reykjavík": "IS",
}

CITY_SIZES = frozenset({"small", "medium", "large", "metropolitan"})

REQUIRED: dict[str, tuple[str, ...]] = {
    "practices": (
        "id",
        "title",
        "summary",
        "city",
        "country",
        "domains",
        "sdgs",
        "year",
        "what_did_not_work",
        "language",
        "sources",
    ),
    "challenges": (
        "id",
        "title",
        "owner_city",
        "owner_country",
        "co_owner_cities",
        "problem_statement",
        "context",
        "desired_outcomes",
        "constraints",
        "budget_min_eur",
        "budget_max_eur",
        "timeline",
        "domains",
        "sdgs",
        "status",
        "visibility",
    ),
    "solutions": (
        "id",
        "title",
        "provider",
        "provider_country",
        "provider_is_fictional",
        "description",
        "domains",
        "maturity",
        "trl",
        "references",
        "pricing_model",
        "standards",
        "languages",
    ),
    "experts": (
        "id",
        "name",
        "is_fictional",
        "organisation",
        "country",
        "expertise",
        "languages",
        "availability",
        "past_engagements",
        "bio",
    ),
}

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2}$")


def _kind(path: Path) -> str:
    return path.stem


def _load(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing")
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                pytest.fail(f"{path.name}:{lineno}: blank line")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{path.name}:{lineno}: invalid JSON: {exc}")
            assert isinstance(obj, dict), f"{path.name}:{lineno}: not an object"
            records.append(obj)
    return records


def _data_dir() -> Path:
    env = os.environ.get("URBANFORUM_DATA")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "data"


def _sdg_targets() -> set[str] | None:
    path = _data_dir() / "sdg" / "open-sdg-translations-en" / "global_targets.yml"
    if not path.exists():
        return None
    targets: set[str] = set()
    # Keys look like "11-2-title:"; parse without needing PyYAML.
    key_re = re.compile(r"^(\d{1,2})-([0-9a-z]{1,2})-title:")
    for line in path.read_text(encoding="utf-8").splitlines():
        m = key_re.match(line)
        if m:
            targets.add(f"{m.group(1)}.{m.group(2)}")
    return targets


def _check_city(city: Any, country: Any, where: str) -> None:
    assert isinstance(country, str) and country in COUNTRIES, f"{where}: bad country {country!r}"
    assert isinstance(city, str) and city, f"{where}: empty city"
    assert city in CITY_COUNTRY, f"{where}: unknown city {city!r} (add it to CITY_COUNTRY)"
    assert CITY_COUNTRY[city] == country, (
        f"{where}: {city} is in {CITY_COUNTRY[city]}, not {country}"
    )


def _check_domains(domains: Any, where: str) -> None:
    assert isinstance(domains, list) and domains, f"{where}: domains must be a non-empty list"
    unknown = set(domains) - DOMAINS
    assert not unknown, f"{where}: domains not in taxonomy: {sorted(unknown)}"
    assert len(domains) == len(set(domains)), f"{where}: duplicate domains"


def _check_sdgs(sdgs: Any, where: str) -> None:
    assert isinstance(sdgs, list) and sdgs, f"{where}: sdgs must be a non-empty list"
    for g in sdgs:
        assert isinstance(g, int) and not isinstance(g, bool), f"{where}: SDG {g!r} not an int"
        assert 1 <= g <= 17, f"{where}: SDG goal {g} out of range"


@pytest.mark.parametrize("path", ALL_FILES, ids=_kind)
def test_file_parses_and_has_unique_ids(path: Path) -> None:
    records = _load(path)
    assert records, f"{path.name} is empty"
    ids = [r.get("id") for r in records]
    for i in ids:
        assert isinstance(i, str) and ID_RE.match(i), f"{path.name}: bad id {i!r}"
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"{path.name}: duplicate ids {dupes}"


@pytest.mark.parametrize("path", ALL_FILES, ids=_kind)
def test_required_fields_present(path: Path) -> None:
    required = REQUIRED[_kind(path)]
    for r in _load(path):
        missing = [k for k in required if k not in r]
        assert not missing, f"{path.name} {r.get('id')}: missing {missing}"
        for k in ("id", "title", "summary", "name", "problem_statement", "description", "bio"):
            if k in required:
                assert isinstance(r[k], str) and r[k].strip(), f"{r.get('id')}: empty {k}"


@pytest.mark.parametrize("path", [PRACTICES, CHALLENGES, SOLUTIONS], ids=_kind)
def test_domains_in_taxonomy(path: Path) -> None:
    for r in _load(path):
        _check_domains(r["domains"], f"{path.name} {r['id']}")


def test_expert_expertise_uses_at_least_one_domain() -> None:
    for r in _load(EXPERTS):
        assert isinstance(r["expertise"], list) and r["expertise"], r["id"]
        assert DOMAINS & set(r["expertise"]), f"{r['id']}: no taxonomy domain in expertise"


@pytest.mark.parametrize("path", [PRACTICES, CHALLENGES], ids=_kind)
def test_sdg_goals_in_range(path: Path) -> None:
    for r in _load(path):
        _check_sdgs(r["sdgs"], f"{path.name} {r['id']}")


def test_sdg_targets_consistent_with_goals() -> None:
    for r in _load(PRACTICES):
        targets = r.get("sdg_targets", [])
        assert isinstance(targets, list)
        for t in targets:
            assert re.match(r"^\d{1,2}\.[0-9a-z]{1,2}$", t), f"{r['id']}: bad target {t!r}"
            assert int(t.split(".")[0]) in r["sdgs"], f"{r['id']}: target {t} goal not in sdgs"


def test_sdg_targets_exist_in_reference_data() -> None:
    known = _sdg_targets()
    if known is None:
        pytest.skip("SDG reference data not found (set URBANFORUM_DATA)")
    assert len(known) >= 160
    for r in _load(PRACTICES) + _load(CHALLENGES):
        for t in r.get("sdg_targets", []):
            assert t in known, f"{r['id']}: SDG target {t} does not exist"


def test_practice_cities_plausible() -> None:
    for r in _load(PRACTICES):
        _check_city(r["city"], r["country"], r["id"])
        for pc in r.get("partner_cities", []):
            _check_city(pc["city"], pc["country"], f"{r['id']} partner")


def test_challenge_cities_plausible() -> None:
    for r in _load(CHALLENGES):
        _check_city(r["owner_city"], r["owner_country"], r["id"])
        for co in r["co_owner_cities"]:
            _check_city(co["city"], co["country"], f"{r['id']} co-owner")


def test_solution_and_expert_countries() -> None:
    for r in _load(SOLUTIONS):
        assert r["provider_country"] in COUNTRIES, r["id"]
        for ref in r["references"]:
            _check_city(ref["city"], ref["country"], f"{r['id']} reference")
    for r in _load(EXPERTS):
        assert r["country"] in COUNTRIES, r["id"]


def test_practice_details() -> None:
    records = _load(PRACTICES)
    assert len(records) >= 40
    # Language versions: records written in another language, and translations of records.
    langs = Counter(r["language"] for r in records)
    langs.update(lang for r in records for lang in r.get("translations", {}))
    assert sum(n for lang, n in langs.items() if lang != "en") >= 5, langs
    for r in records:
        rid = r["id"]
        assert LANG_RE.match(r["language"]), rid
        # The year is a fact like the others: null when no source gives it.
        assert r["year"] is None or (isinstance(r["year"], int) and 1950 <= r["year"] <= 2030), rid
        years = r.get("years")
        if years is not None:
            start, end = years.get("start"), years.get("end")
            assert start is None or isinstance(start, int), rid
            assert r["year"] is None or start is None or start <= r["year"], rid
            assert end is None or start is None or end >= start, rid
        # Honest failures are first-class content when a source states them; never filler.
        assert isinstance(r["what_did_not_work"], str), rid
        assert isinstance(r["sources"], list) and r["sources"], rid
        tr = r.get("transferability")
        if tr is not None:
            assert set(tr["city_size"]) <= CITY_SIZES, rid
        for k in r.get("kpis", []):
            assert {"name", "unit", "baseline", "result", "year"} <= set(k), rid
        for c in r.get("contacts", []):
            assert "@" not in c, f"{rid}: contacts must not hold e-mail addresses"
    countries = {r["country"] for r in records}
    assert len(countries & BSR_COUNTRIES) >= 8, countries


def test_challenge_details() -> None:
    for r in _load(CHALLENGES):
        rid = r["id"]
        assert r["status"] in {"open", "matched", "in_process", "closed", "draft"}, rid
        assert r["visibility"] in {"public", "members", "private"}, rid
        lo, hi = r["budget_min_eur"], r["budget_max_eur"]
        assert isinstance(lo, int) and isinstance(hi, int) and 0 <= lo <= hi, rid


def test_solution_details() -> None:
    for r in _load(SOLUTIONS):
        rid = r["id"]
        assert r["provider_is_fictional"] is True, rid
        assert r["maturity"] in {"idea", "pilot", "deployed"}, rid
        assert isinstance(r["trl"], int) and 1 <= r["trl"] <= 9, rid
        assert isinstance(r["standards"], list) and isinstance(r["languages"], list), rid


def test_experts_are_fictional() -> None:
    for r in _load(EXPERTS):
        assert r["is_fictional"] is True, r["id"]
        assert "@" not in json.dumps(r), f"{r['id']}: no e-mail addresses in demo experts"


def test_cross_references_resolve() -> None:
    practice_ids = {r["id"] for r in _load(PRACTICES)}
    challenge_ids = {r["id"] for r in _load(CHALLENGES)}
    for r in _load(CHALLENGES):
        for pid in r.get("related_practices", []):
            assert pid in practice_ids, f"{r['id']}: unknown related practice {pid}"
    for r in _load(SOLUTIONS):
        for cid in r.get("related_challenges", []):
            assert cid in challenge_ids, f"{r['id']}: unknown related challenge {cid}"


# ----------------------------------------------------------------------------- sources (issue 13)
# The factual fields of a practice: each filled one must be named in some source's "supports".
FACTUAL = (
    "description",
    "problem",
    "what_was_done",
    "costs",
    "results",
    "kpis",
    "what_worked",
    "what_did_not_work",
    "transferability",
    "year",
    "years",
    "organisations",
    "partner_cities",
)
ALIASES = {"year": "years", "years": "year"}
SOURCE_KEYS = {"title", "url", "publisher", "date", "supports"}
FILE_PATH = re.compile(r"seeds/|\.txt\b|docs/[\w-]+\.md|^public:", re.IGNORECASE)


def _filled(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_filled(v) for v in value.values())
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [], {})


def test_every_fact_of_a_demo_practice_has_a_source() -> None:
    problems = []
    for r in _load(PRACTICES):
        rid = r["id"]
        for key in ("illustrative", "illustrative_fields"):
            if key in r:
                problems.append(f"{rid}: '{key}' (a fact is sourced or left out, not flagged)")
        sources = r["sources"]
        if not sources:
            problems.append(f"{rid}: no source at all")
        supported: set[str] = set()
        for i, s in enumerate(sources, start=1):
            if not isinstance(s, dict):
                problems.append(f"{rid}: source {i} is not an object: {s!r}")
                continue
            if set(s) - SOURCE_KEYS:
                problems.append(f"{rid}: source {i} has unknown keys {set(s) - SOURCE_KEYS}")
            title = s.get("title")
            if not isinstance(title, str) or not title.strip():
                problems.append(f"{rid}: source {i} has no title")
            elif FILE_PATH.search(title):
                problems.append(f"{rid}: source {i} names a file, not a source: {title!r}")
            for key in ("publisher", "url"):
                if isinstance(s.get(key), str) and FILE_PATH.search(s[key]):
                    problems.append(f"{rid}: source {i} {key} is a file path: {s[key]!r}")
            date = s.get("date")
            if date is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(date)):
                problems.append(f"{rid}: source {i} date {date!r}")
            bad = [f for f in s.get("supports", []) if f not in FACTUAL]
            if bad:
                problems.append(f"{rid}: source {i} supports unknown fields {bad}")
            supported |= set(s.get("supports", []))
        supported |= {ALIASES[f] for f in supported if f in ALIASES}
        for field in FACTUAL:
            if _filled(r.get(field)) and field not in supported:
                problems.append(f"{rid}: '{field}' is filled but no source supports it")
    assert not problems, "\n".join(problems)


def test_every_source_link_is_a_web_address() -> None:
    for r in _load(PRACTICES):
        for s in r["sources"]:
            url = s.get("url") if isinstance(s, dict) else None
            if url is not None:
                assert re.match(r"https?://[^/\s]+", url), f"{r['id']}: {url!r}"


def test_language_versions_are_translations_not_twin_records() -> None:
    """Issue 11: a practice appears once; its other languages are translations of the record."""
    records = _load(PRACTICES)
    ids = {r["id"] for r in records}
    for twin in (
        "bsr-espoo-paivakotien-kaupunkiviljely-fi",
        "bsr-tartu-smartovka-et",
        "bsr-stockholm-trangselskatt-sv",
        "bsr-gdansk-panel-obywatelski-pl",
    ):
        assert twin not in ids, twin
    by_id = {r["id"]: r for r in records}
    for rid, language in (
        ("bsr-espoo-daycare-urban-gardening", "fi"),
        ("bsr-tartu-smartencity-smartovka", "et"),
        ("bsr-stockholm-congestion-charge", "sv"),
        ("bsr-gdansk-citizens-assembly-flood", "pl"),
    ):
        translation = by_id[rid]["translations"][language]
        assert set(translation) <= {"title", "summary", "description"}, rid
        assert translation["title"].strip() and translation["summary"].strip(), rid
        if translation.get("description"):
            assert by_id[rid].get("description"), f"{rid}: translates a description it lacks"
    for r in records:
        for language in r.get("translations", {}):
            assert LANG_RE.match(language) and language != r["language"], r["id"]
