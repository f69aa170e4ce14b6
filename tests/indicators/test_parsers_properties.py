"""Properties of the parsers: what is written in either format is read back exactly."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from urbanforum.indicators.parsers import parse_csv, parse_eurostat

codes = st.from_regex(r"[A-Z]{2}[0-9]{3}C", fullmatch=True)
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3))
flags = st.sampled_from(["", "e", "p", "b", "bp", "u"])
years = st.integers(min_value=1990, max_value=2030)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(codes, st.sampled_from(["PS1012V", "CR2011I"]), years),
        st.tuples(values, flags),
        max_size=20,
    )
)
def test_tidy_csv_round_trip(cells: dict[tuple[str, str, int], tuple[float, str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["city", "indicator", "year", "value", "flags"])
    for (city, ind, year), (value, flag) in cells.items():
        w.writerow([city, ind, year, repr(value), flag])
    parsed = parse_csv(buf.getvalue().encode())
    assert parsed.errors == []
    assert {(r.city, r.indicator, r.year): (r.value, r.flags) for r in parsed.rows} == cells


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        codes,
        st.lists(st.one_of(st.none(), st.tuples(values, flags)), min_size=3, max_size=3),
        max_size=15,
    ),
    st.booleans(),
)
def test_eurostat_round_trip(
    series: dict[str, list[tuple[float, str] | None]], with_unit: bool
) -> None:
    head = "indic_ur,unit,cities\\time" if with_unit else "indic_ur,cities\\time"
    lines = [f"{head}\t2019 \t2015 \t2012 "]
    for city, cells in series.items():
        key = f"PS1012V,PC,{city}" if with_unit else f"PS1012V,{city}"
        lines.append(key + "".join("\t: " if c is None else f"\t{c[0]} {c[1]}" for c in cells))
    parsed = parse_eurostat("\n".join(lines).encode())
    assert parsed.errors == []
    expected = {
        (city, year): cell
        for city, cells in series.items()
        for year, cell in zip([2019, 2015, 2012], cells, strict=True)
        if cell is not None
    }
    assert {(r.city, r.year): (r.value, r.flags) for r in parsed.rows} == expected
    assert parsed.missing == sum(c is None for cells in series.values() for c in cells)


def test_flagged_missing_cells_are_missing() -> None:
    parsed = parse_eurostat(b"indic_ur,cities\\time\t2018 \t2017 \nCR2011I,FI001C\t: c\t: ep\n")
    assert parsed.errors == [] and parsed.rows == [] and parsed.missing == 2
