"""The dumps and the catalogue: every dataset read as an anonymous visitor (nothing private,
members-only, draft or sealed in any file), the catalogue valid DCAT-AP 3.0.1 naming every file
with its true size and checksum, the CLI contract, atomic generations, modified dates."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS

from tests.conftest import data_unavailable
from tests.opendata.conftest import PANEL_VALUE, PUBLIC, SECRETS, Content, text_of
from urbanforum.core.datadir import data_path
from urbanforum.opendata import services, store
from urbanforum.opendata.texts import LANGUAGES

pytestmark = pytest.mark.django_db
SPDX = Namespace("http://spdx.org/rdf/terms#")


def run_cli(tmp_path: Path, suffix: str = ".ttl") -> tuple[Graph, Path]:
    out = tmp_path / f"catalog{suffix}"
    folder = tmp_path / "dump"
    call_command("opendata", "catalog", "--out", str(out))
    call_command("opendata", "dump", "--out", str(folder))
    fmt = "json-ld" if suffix == ".jsonld" else "turtle"
    return Graph().parse(out, format=fmt), folder


def distributions(g: Graph) -> dict[str, tuple[int, str]]:
    """File name (last segment of the download URL) → (byte size, SHA-256) the catalogue states."""
    out = {}
    for dist in g.subjects(DCAT.downloadURL, None):
        name = str(g.value(dist, DCAT.downloadURL)).rsplit("/", 1)[1]
        checksum = g.value(dist, SPDX.checksum)
        assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        out[name] = (int(g.value(dist, DCAT.byteSize)), str(g.value(checksum, SPDX.checksumValue)))
    return out


def shacl_violations(g: Graph) -> str | None:
    import pyshacl

    shapes = data_path("dcat-ap", "releases", "3.0.1", "shacl", "dcat-ap-SHACL.ttl")
    if shapes is None:
        data_unavailable("dcat-ap shapes")
        return None
    conforms, _, text = pyshacl.validate(
        g, shacl_graph=Graph().parse(shapes), inference="none", allow_warnings=True
    )
    return None if conforms else text


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld"])
def test_catalogue_validates_and_the_dump_has_every_file_it_names(
    content: Content, dumps: Path, tmp_path: Path, suffix: str
) -> None:
    g, folder = run_cli(tmp_path, suffix)
    assert shacl_violations(g) is None
    datasets = set(g.subjects(None, DCAT.Dataset))
    assert len(datasets) >= 6
    named = distributions(g)
    assert len(named) >= len(datasets)
    for name, (size, sha) in named.items():
        data = (folder / name).read_bytes()
        assert len(data) == size, name
        assert hashlib.sha256(data).hexdigest() == sha, name
    # Titles and descriptions in every language of the site.
    for ds in datasets:
        titles = {t.language for t in g.objects(ds, DCTERMS.title)}
        descriptions = {t.language for t in g.objects(ds, DCTERMS.description)}
        assert titles == descriptions == set(LANGUAGES)
    # The rank intervals reach the benchmark dataset.
    run = next(n for n in named if n.startswith("benchmark-run-") and n.endswith(".csv"))
    rows = list(csv.DictReader(io.StringIO((folder / run).read_text())))
    assert {r["node"] for r in rows} >= {"index", "environment", "green"}
    assert rows[0]["rank"]


def test_a_removed_shape_requirement_is_caught(
    content: Content, dumps: Path, tmp_path: Path
) -> None:
    """The validation can fail: a distribution without an access URL is a violation."""
    g, _ = run_cli(tmp_path)
    dist = next(g.subjects(DCAT.downloadURL, None))
    g.remove((dist, DCAT.accessURL, None))
    violations = shacl_violations(g)
    assert violations is not None and "accessURL" in violations


def test_no_private_draft_or_sealed_content_in_any_file(
    content: Content, dumps: Path, tmp_path: Path
) -> None:
    _, folder = run_cli(tmp_path)
    texts = {p.name: text_of(p) for p in folder.iterdir()}
    everything = "\n".join(texts.values())
    for secret in SECRETS:
        leaked = [name for name, text in texts.items() if secret in text]
        assert not leaked, f"{secret} in {leaked}"
    for public in PUBLIC:
        assert public in everything, public
    # Observations: Eurostat rows with their licence; the GPL panel's never.
    observations = list(csv.DictReader(io.StringIO(texts["indicator-observations.csv"])))
    assert observations and {r["licence"] for r in observations} == {"CC BY 4.0"}
    assert all(r["source"].startswith("Eurostat") for r in observations)
    assert str(PANEL_VALUE) not in everything
    # The OCDS package: the published procurement only, no bid content.
    package = json.loads(texts["joint-procurements.ocds.json"])
    assert [r["tender"]["title"] for r in package["releases"]] == [
        "Smart street lighting controllers"
    ]
    assert package["uri"] == "https://forum.example.org/opendata/files/joint-procurements.ocds.json"
    # Good practices keep what did not work, the KPIs and the sources.
    practices = json.loads(texts["good-practices.json"])
    assert [p["what_did_not_work"] for p in practices] == ["Salt on wooden bridges."]
    assert practices[0]["kpis"][0]["result"] == 180
    # Pilots: the KPI with its latest value and progress, and the money.
    pilots = list(csv.DictReader(io.StringIO(texts["pilots.csv"])))
    assert [(r["kpi"], r["latest"], r["progress"], r["roi"]) for r in pilots] == [
        ("Falls", "30", "0.5", "1.5")
    ]
    assert "ZZPUBLIC-EVENT" in texts["events.ics"] and texts["events.ics"].startswith(
        "BEGIN:VCALENDAR"
    )


def test_catalogue_and_dump_agree_and_the_dump_is_deterministic(
    content: Content, dumps: Path, tmp_path: Path
) -> None:
    _, first = run_cli(tmp_path / "a")
    _, second = run_cli(tmp_path / "b")
    a = {p.name: p.read_bytes() for p in first.iterdir()}
    b = {p.name: p.read_bytes() for p in second.iterdir()}
    assert a == b


def test_publish_swaps_generations_atomically_and_keeps_the_previous(
    content: Content, dumps: Path
) -> None:
    first = services.dumps_publish()
    assert store.current() == first
    manifest = store.read_manifest(first)
    for name in store.names(manifest):
        assert (first / name).is_file()
    second = services.dumps_publish()
    assert store.current() == second != first
    assert first.is_dir()  # a reader still inside the previous generation finishes
    third = services.dumps_publish()
    assert store.current() == third and not first.exists() and second.is_dir()
    releases = [p.name for p in (dumps / "releases").iterdir()]
    assert not [n for n in releases if n.startswith(".tmp")]
    assert (dumps / "current").is_symlink()


def test_a_failed_generation_leaves_the_current_one(
    content: Content, dumps: Path, monkeypatch: Any
) -> None:
    first = services.dumps_publish()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store, "manifest", broken)
    with pytest.raises(OSError):
        services.dumps_publish()
    assert store.current() == first
    assert not [p for p in (dumps / "releases").iterdir() if p.name.startswith(".tmp")]


def test_modified_dates_follow_the_data(content: Content, dumps: Path) -> None:
    def modified(slug: str) -> str:
        manifest = store.read_manifest(services.dumps_publish())
        return next(d["modified"] for d in manifest["datasets"] if d["slug"] == slug)

    before = modified("good-practices")
    content.practice.refresh_from_db()
    assert before == content.practice.updated_at.isoformat()
    challenges = modified("challenges")
    content.practice.what_worked = "Ploughing before 6 am."
    content.practice.save()
    assert modified("good-practices") == content.practice.updated_at.isoformat() > before
    assert modified("challenges") == challenges  # untouched data keeps its date


def test_the_ocds_package_is_valid_and_the_columns_are_documented(
    content: Content, dumps: Path, tmp_path: Path
) -> None:
    from urbanforum.procurement.ocds import validation_errors

    _, folder = run_cli(tmp_path)
    for path in folder.glob("*.csv"):
        header = next(csv.reader(io.StringIO(path.read_text())))
        metadata = json.loads((folder / f"{path.name[:-4]}.csv-metadata.json").read_text())
        columns = metadata["tableSchema"]["columns"]
        assert [c["name"] for c in columns] == header, path.name
        assert all(c["dc:description"] for c in columns)
        assert metadata["url"] == f"https://forum.example.org/opendata/files/{path.name}"
    package = json.loads((folder / "joint-procurements.ocds.json").read_text())
    try:
        errors = validation_errors(package)
    except FileNotFoundError:
        data_unavailable("ocds schema")
        return
    assert errors == []


def test_the_demo_loader_publishes_a_generation(world: Any, dumps: Path) -> None:
    from django.core.management.base import OutputWrapper
    from django.core.management.color import no_style

    from urbanforum.opendata import demo

    out = io.StringIO()
    demo.load(stdout=OutputWrapper(out), style=no_style())
    current = store.current()
    assert current is not None and (current / "cities.csv").is_file()
    assert "Open data: 8 datasets" in out.getvalue()  # no benchmark run in this world


@pytest.mark.parametrize(
    ("api_url", "dump"),
    [
        ("/api/v1/challenges", "challenges.json"),
        ("/api/v1/practices", "good-practices.json"),
        ("/api/v1/solutions", "solutions.json"),
    ],
)
def test_a_dump_holds_what_an_anonymous_visitor_lists(
    content: Content, dumps: Path, tmp_path: Path, client: Any, api_url: str, dump: str
) -> None:
    _, folder = run_cli(tmp_path)
    listed = client.get(api_url, {"page_size": 200}).json()
    items = listed["items"] if isinstance(listed, dict) else listed
    dumped = json.loads((folder / dump).read_text())
    assert sorted(i["slug"] for i in items) == sorted(r["slug"] for r in dumped)
