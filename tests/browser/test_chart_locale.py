"""Vega renders the benchmark charts' axes with the reader's number locale (issue 10, point 3):
the spec built in a language is drawn by the vendored Vega with that language's decimal mark."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from urbanforum.benchmark import charts

pytestmark = [pytest.mark.browser]

VENDOR = Path(charts.__file__).resolve().parents[1] / "static" / "vendor" / "vega"


def axis_labels(browser: Any, spec: dict[str, Any]) -> list[str]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content("<div id='chart' style='width: 600px'></div>")
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        page.add_script_tag(path=str(VENDOR / name))
    texts = page.evaluate(
        """async (spec) => {
            await vegaEmbed('#chart', spec, {renderer: 'svg', actions: false});
            return Array.from(document.querySelectorAll('#chart svg .role-axis-label text'))
                .map((t) => t.textContent);
        }""",
        {**spec, "width": 600},
    )
    page.close()
    assert errors == []
    return list(texts)


@pytest.mark.parametrize(("code", "decimal"), [("fi", ","), ("de", ","), ("en", ".")])
def test_axis_ticks_use_the_decimal_mark_of_the_language(
    browser: Any, code: str, decimal: str
) -> None:
    rows = [
        {"city": f"City {i}", "value": 0.25 + 0.3 * i, "year": 2020, "slug": f"c{i}"}
        for i in range(6)
    ]
    with translation.override(code):
        spec = charts.distribution_chart(rows, "c1", "Share", "share")
    ticks = [t for t in axis_labels(browser, spec) if any(ch.isdigit() for ch in t)]
    fractional = [t for t in ticks if not t.replace("\u2212", "").isdigit()]
    assert fractional, ticks
    other = "." if decimal == "," else ","
    assert all(decimal in t and other not in t for t in fractional), ticks
