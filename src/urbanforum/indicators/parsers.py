"""Reading observation files: tidy CSV/XLSX and Eurostat's bulk TSV.

Pure functions (no database): they turn bytes into `RawRow`s and `RowError`s naming the row and
column. Resolving cities and indicators against the database is the service's job.

Eurostat bulk TSV (e.g. `urb_percep.tsv`)::

    indic_ur,unit,cities\\time<TAB>2019 <TAB>2015 …        (header cells may end with a space)
    PS1012V,PC,AT001C<TAB>70.0 <TAB>72.0 b<TAB>: …

The first column holds the comma-joined dimension keys (`indic_ur`, optionally `unit`, and the
spatial dimension last: `cities` or `geo`); the others one period each. A cell is a number with
an optional flag after a space (`12.3 e`), or `:` (not available, possibly with a flag).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MISSING = {"", ":", "na", "n/a", "nan"}
REQUIRED_COLUMNS = ("city", "indicator", "year", "value")
OPTIONAL_COLUMNS = ("unit", "source", "flags")
EUROSTAT_UNITS = {"PC": "%", "NR": "number", "RT": "rate", "P_THAB": "per 1000 inhabitants"}
# A city-level Urban Audit code: country, three digits, "C" (FI001C), optionally followed by the
# digit of a boundary version (FI001C2, as in the 2018 extractions of urb_ctour/urb_cecfi): the
# versions are mapped to the city's code; when one file holds several versions of the same city,
# the highest version is kept. Other units are skipped: countries (AT), greater cities (UK001K1),
# functional urban areas (…F, …L).
CITY_CODE = re.compile(r"^([A-Z]{2}\d{3}C)(\d?)$")
FLAG_LETTERS = re.compile(r"^[a-z]{1,5}$")


@dataclass(frozen=True)
class RawRow:
    row: int  # 1-based line of the file (the header is row 1)
    column: str  # the column the value came from
    city: str
    indicator: str
    year: int
    value: float
    unit: str = ""
    source: str = ""
    flags: str = ""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class RowNote:
    """A line that was read and deliberately left out (a title above the header)."""

    row: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "message": self.message}


@dataclass
class Parsed:
    format: str
    rows: list[RawRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    missing: int = 0  # cells marked not available (":", empty)
    not_city: dict[str, int] = field(default_factory=dict)  # Eurostat units that are not cities
    superseded: int = (
        0  # values of an older boundary version of a city (FI001C1 when FI001C2 exists)
    )
    notes: list[RowNote] = field(default_factory=list)  # lines skipped on purpose


def detect_format(filename: str, content: bytes) -> str:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or content[:2] == b"PK":
        return "xlsx"
    first = content[:2000].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    if "\\time" in first or "\\TIME_PERIOD" in first:
        return "eurostat"
    return "csv"


def parse(content: bytes, fmt: str, *, indicators: set[str] | None = None) -> Parsed:
    """Parse a file; `indicators` keeps only those codes (the demo loads a selection)."""
    if fmt == "eurostat":
        return parse_eurostat(content, indicators=indicators)
    if fmt == "xlsx":
        return parse_xlsx(content)
    return parse_csv(content)


_SPACES = str.maketrans("", "", " \xa0\u202f")


def _number(text: str, *, decimal_comma: bool = False) -> float | None:
    """A number as a file writes it. Spaces group digits ("1 234,5"). With `decimal_comma` (a
    file separated by ';' or tabs, as a spreadsheet in fi, et, sv, de, pl, lv, lt, da or nb
    saves it) a comma is the decimal mark and dots group digits: "1.234,5" → 1234.5."""
    text = text.translate(_SPACES)
    if decimal_comma and "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_eurostat(content: bytes, *, indicators: set[str] | None = None) -> Parsed:
    out = Parsed(format="eurostat")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.errors.append(RowError(1, "", _("The file is not UTF-8 text.")))
        return out
    lines = text.splitlines()
    if not lines:
        out.errors.append(RowError(1, "", _("The file is empty.")))
        return out
    header = [c.strip() for c in lines[0].split("\t")]
    dims_cell = header[0]
    if "\\" not in dims_cell:
        out.errors.append(
            RowError(
                1,
                dims_cell,
                _(
                    "Not a Eurostat bulk TSV: the first header cell must look like "
                    "'indic_ur,unit,cities\\time'."
                ),
            )
        )
        return out
    dims = [d.strip() for d in dims_cell.split("\\")[0].split(",")]
    if "indic_ur" not in dims or dims[-1] not in ("cities", "geo"):
        out.errors.append(
            RowError(1, dims_cell, _("Expected the dimensions indic_ur[,unit],cities (or geo)."))
        )
        return out
    i_ind, i_unit, i_geo = (
        dims.index("indic_ur"),
        (dims.index("unit") if "unit" in dims else None),
        len(dims) - 1,
    )
    versions: dict[tuple[str, str, int], tuple[str, RawRow]] = {}
    years: list[int | None] = []
    for col, cell in enumerate(header[1:], start=2):
        year = int(cell) if cell.isdigit() else None
        if year is None:
            out.errors.append(
                RowError(
                    1,
                    cell,
                    _("Column %(col)s: '%(cell)s' is not a year.") % {"col": col, "cell": cell},
                )
            )
        years.append(year)
    if out.errors:
        return out
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        keys = [k.strip() for k in cells[0].split(",")]
        if len(keys) != len(dims):
            out.errors.append(
                RowError(
                    lineno,
                    dims_cell,
                    _("Expected %(dims)s keys (%(names)s), got '%(cells)s'.")
                    % {"dims": len(dims), "names": ",".join(dims), "cells": cells[0]},
                )
            )
            continue
        code = keys[i_ind]
        if indicators is not None and code not in indicators:
            continue
        geo = keys[i_geo]
        if len(cells) - 1 != len(years):
            out.errors.append(
                RowError(
                    lineno,
                    "",
                    _("Expected %(years)s values, found %(cells)s.")
                    % {"years": len(years), "cells": len(cells) - 1},
                )
            )
            continue
        unit_key = keys[i_unit] if i_unit is not None else ""
        unit = EUROSTAT_UNITS.get(unit_key, unit_key)
        match = CITY_CODE.match(geo)
        version = match.group(2) if match else ""
        for year, cell in zip(years, cells[1:], strict=True):
            assert year is not None
            raw = cell.strip()
            number, _sep, flag = raw.partition(" ")
            flag = flag.strip()
            if number in MISSING:
                out.missing += 1
                continue
            if match is None:
                out.not_city[geo] = out.not_city.get(geo, 0) + 1
                continue
            value = _number(number)
            if value is None or (flag and not FLAG_LETTERS.match(flag)):
                out.errors.append(
                    RowError(
                        lineno,
                        str(year),
                        _("'%(raw)s' is not a number with an optional flag (e.g. '12.3 e').")
                        % {"raw": raw},
                    )
                )
                continue
            key = (match.group(1), code, year)
            if key in versions and versions[key][0] >= version:
                out.superseded += 1
                continue
            if key in versions:
                out.superseded += 1
            versions[key] = (
                version,
                RawRow(lineno, str(year), match.group(1), code, year, value, unit, "", flag),
            )
    out.rows = [row for _key, row in versions.values()]
    return out


# A spreadsheet often has a title, a source line or a blank line above its header: the header is
# the first of these many rows that names every required column.
HEADER_SEARCH_ROWS = 20


def _header_row(records: list[list[str]]) -> int:
    """The index of the header row: the first row naming every required column, else the row
    naming the most of them (its missing columns are then the errors), else the first row."""
    best, best_count = 0, -1
    for i, cells in enumerate(records[:HEADER_SEARCH_ROWS]):
        names = {c.strip().lower() for c in cells}
        count = sum(name in names for name in REQUIRED_COLUMNS)
        if count == len(REQUIRED_COLUMNS):
            return i
        if count > best_count:
            best, best_count = i, count
    return best if best_count > 0 else 0


def _tidy(records: list[list[str]], fmt: str, *, decimal_comma: bool = False) -> Parsed:
    out = Parsed(format=fmt)
    if not records:
        out.errors.append(RowError(1, "", _("The file is empty.")))
        return out
    start = _header_row(records)
    header = [h.strip().lower() for h in records[start]]
    for name in REQUIRED_COLUMNS:
        if name not in header:
            out.errors.append(
                RowError(
                    start + 1,
                    name,
                    _("Missing column '%(name)s' (needed: %(needed)s).")
                    % {"name": name, "needed": ", ".join(REQUIRED_COLUMNS)},
                )
            )
    if out.errors:
        return out
    for rowno, cells in enumerate(records[:start], start=1):
        if any(c.strip() for c in cells):
            out.notes.append(
                RowNote(
                    rowno,
                    _("Line %(row)s skipped: it is above the header row (a title or a note).")
                    % {"row": rowno},
                )
            )
    at = {
        name: header.index(name)
        for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
        if name in header
    }
    for rowno, cells in enumerate(records[start + 1 :], start=start + 2):
        if not any(c.strip() for c in cells):
            continue

        def get(name: str, cells: list[str] = cells) -> str:
            i = at.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        city, indicator, year_text, value_text = (get(n) for n in REQUIRED_COLUMNS)
        bad = False
        for name, text in (("city", city), ("indicator", indicator)):
            if not text:
                out.errors.append(
                    RowError(rowno, name, _("The %(name)s is empty.") % {"name": name})
                )
                bad = True
        year_number = _number(year_text)
        if (
            year_number is None
            or year_number != int(year_number)
            or not 1900 <= year_number <= 2100
        ):
            out.errors.append(
                RowError(
                    rowno,
                    "year",
                    _("'%(year_text)s' is not a year (1900–2100).") % {"year_text": year_text},
                )
            )
            bad = True
        if value_text.lower() in MISSING:
            out.missing += 1
            continue
        value = _number(value_text, decimal_comma=decimal_comma)
        if value is None:
            out.errors.append(
                RowError(
                    rowno,
                    "value",
                    _("'%(value_text)s' is not a number.") % {"value_text": value_text}
                    + (
                        ""
                        if decimal_comma or "," not in value_text
                        else " "
                        + _("A decimal comma needs a file separated by semicolons (;) or tabs.")
                    ),
                )
            )
            bad = True
        flags = get("flags")
        if flags and not FLAG_LETTERS.match(flags):
            out.errors.append(
                RowError(
                    rowno,
                    "flags",
                    _("'%(flags)s' is not a set of flag letters (e.g. 'e', 'bp').")
                    % {"flags": flags},
                )
            )
            bad = True
        if bad:
            continue
        assert value is not None and year_number is not None
        out.rows.append(
            RawRow(
                rowno,
                "value",
                city,
                indicator,
                int(year_number),
                value,
                get("unit"),
                get("source"),
                flags,
            )
        )
    return out


def parse_csv(content: bytes) -> Parsed:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Parsed(format="csv", errors=[RowError(1, "", _("The file is not UTF-8 text."))])
    lines = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    # The separator is the header's: a title above it ("Air quality, 2019") must not decide it.
    first = next(
        (line for line in lines if all(name in line.lower() for name in REQUIRED_COLUMNS)),
        lines[0],
    )
    delimiter = (
        ";"
        if first.count(";") > first.count(",")
        else ("\t" if "\t" in first and "," not in first else ",")
    )
    return _tidy(
        list(csv.reader(io.StringIO(text), delimiter=delimiter)),
        "csv",
        decimal_comma=delimiter != ",",
    )


def parse_xlsx(content: bytes) -> Parsed:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        return Parsed(
            format="xlsx",
            errors=[RowError(1, "", _("Not a readable XLSX file (%(exc)s).") % {"exc": exc})],
        )
    sheet = book.worksheets[0]
    records: list[list[str]] = []
    for row in sheet.iter_rows(values_only=True):
        records.append(["" if v is None else str(v) for v in row])
    book.close()
    return _tidy(records, "xlsx")


def read_dictionary(content: str) -> dict[str, str]:
    """Eurostat's `.dic` code lists: `CODE<TAB>label` per line."""
    labels: dict[str, str] = {}
    for line in content.splitlines():
        code, sep, label = line.partition("\t")
        if sep:
            labels[code.strip()] = label.strip()
    return labels
