"""`urbanforum data fetch` offline (a fake HTTP opener serving fixture files in Eurostat's own
format), and the demo without a data folder."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from urbanforum.indicators.fetch import TABLES
from urbanforum.indicators.management.commands.data import Command
from urbanforum.indicators.parsers import parse_eurostat

FIXTURES = Path(__file__).parent / "fixtures"


class FakeResponse(io.BytesIO):
    def __init__(self, body: bytes) -> None:
        super().__init__(body)
        self.headers = {"Content-Length": str(len(body))}

    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class FakeOpener:
    def __init__(self, bodies: dict[str, bytes]) -> None:
        self.bodies = bodies
        self.urls: list[str] = []

    def __call__(self, request: Any, timeout: float = 0) -> FakeResponse:
        url = request.full_url
        self.urls.append(url)
        dataset = url.split("/data/")[1].split("?")[0]
        return FakeResponse(self.bodies[dataset])


def test_fetch_writes_the_data_folder_layout(tmp_path: Path) -> None:
    percep = (FIXTURES / "urb_percep_small.tsv").read_bytes()
    # the dissemination API adds the freq dimension and names the time dimension TIME_PERIOD
    api_style = percep.replace(
        b"indic_ur,unit,cities\\time", b"freq,indic_ur,unit,cities\\TIME_PERIOD"
    ).replace(b"PS", b"A,PS")
    ctour = (FIXTURES / "urb_ctour_small.tsv").read_bytes()
    opener = FakeOpener(
        {"urb_percep": gzip.compress(api_style), "urb_ctour": ctour, "urb_cecfi": ctour}
    )
    cmd = Command()
    cmd.opener = opener  # type: ignore[attr-defined]
    out = io.StringIO()
    call_command(cmd, "fetch", "--into", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert (
        opener.urls[0]
        == "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data/urb_percep?format=TSV&compressed=true"
    )
    written = tmp_path / "eurostat-urb-percep" / "urb_percep.tsv"
    assert written.read_bytes() == api_style  # gunzipped
    assert (tmp_path / "eurostat-urb-ctour-cecfi" / "urb_ctour.tsv").read_bytes() == ctour
    assert "Wrote" in out.getvalue()
    parsed = parse_eurostat(written.read_bytes())
    assert parsed.errors == [] and len(parsed.rows) == 9  # the importer reads the API's TSV
    assert not list(tmp_path.rglob("*.part"))
    assert {t.dataset for t in TABLES} == {"urb_percep", "urb_ctour", "urb_cecfi"}


def test_fetch_refuses_a_non_tsv_answer_and_keeps_nothing(tmp_path: Path) -> None:
    cmd = Command()
    cmd.opener = FakeOpener({"urb_percep": b"<html>maintenance</html>"})  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="not a Eurostat TSV"):
        call_command(
            cmd,
            "fetch",
            "--into",
            str(tmp_path),
            "--dataset",
            "urb_percep",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not (tmp_path / "eurostat-urb-percep" / "urb_percep.tsv").exists()
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.django_db
def test_demo_without_data_folder_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.management.color import no_style

    from urbanforum.benchmark import demo as bench_demo
    from urbanforum.indicators import demo
    from urbanforum.indicators.models import Framework

    monkeypatch.setattr(demo, "data_path", lambda *parts: None)
    out = io.StringIO()
    demo.load(stdout=out, style=no_style())
    bench_demo.load(stdout=out, style=no_style())
    text = out.getvalue()
    assert "urb_percep.tsv is missing" in text and "URBANFORUM_DATA" in text
    assert Framework.objects.filter(code="smart-city-profile").exists()  # the framework still ships
    assert "not enough indicator data" in text
