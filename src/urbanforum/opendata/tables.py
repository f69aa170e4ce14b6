"""Tables with documented columns, written as CSV, JSON and XLSX, and described by a CSV on the Web
(CSVW, W3C) table schema.

A `Table` is the one description of a tabular distribution: its columns (name, data type, what the
column means) and its rows. Every writer here is deterministic — the same rows give the same bytes
— so a dump's checksums change only when the data does.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

# CSVW / XML Schema data types the columns use.
STRING, INTEGER, NUMBER, DATE, DATETIME, BOOLEAN, JSON = (
    "string",
    "integer",
    "number",
    "date",
    "datetime",
    "boolean",
    "json",
)


@dataclass(frozen=True)
class Column:
    name: str
    datatype: str
    description: str | Promise  # lazily translated


@dataclass
class Table:
    columns: Sequence[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def cells(self, row: dict[str, Any]) -> list[Any]:
        return [row.get(c.name) for c in self.columns]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def to_csv(table: Table) -> bytes:
    """RFC 4180 CSV, UTF-8, a header row with the column names; lists and objects as JSON text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.name for c in table.columns])
    for row in table.rows:
        w.writerow([_text(v) for v in table.cells(row)])
    return buf.getvalue().encode("utf-8")


def to_json(data: Any) -> bytes:
    """Indented UTF-8 JSON with sorted keys (stable bytes)."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def to_xlsx(table: Table, *, sheet: str) -> bytes:
    """One sheet with a header row; lists and objects as JSON text. The workbook's timestamps are
    fixed, so the file's bytes depend on the rows only."""
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet[:31])
    ws.append([c.name for c in table.columns])
    for row in table.rows:
        ws.append(
            [
                v if isinstance(v, int | float | str) or v is None else _text(v)
                for v in table.cells(row)
            ]
        )
    fixed = datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.creator = "urbanforum"
    buf = io.BytesIO()
    wb.save(buf)
    return _zip_fixed(buf.getvalue())


def _zip_fixed(data: bytes) -> bytes:
    """Rewrite a ZIP (the XLSX container) with every member's time fixed, so equal content gives
    equal bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving; the data's bytes must not depend on it.
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    data,
                )
            dst.writestr(fixed, data)
    return out.getvalue()


CSVW_TYPES = {JSON: "json", DATETIME: "datetime"}


def csvw_metadata(table: Table, *, url: str, title: str, licence: str) -> dict[str, Any]:
    """The CSVW metadata document of the CSV at `url`: one column description per column."""
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": url,
        "dc:title": title,
        "dc:license": {"@id": licence},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": [
                {
                    "name": c.name,
                    "titles": c.name,
                    "datatype": CSVW_TYPES.get(c.datatype, c.datatype),
                    "dc:description": str(c.description),
                }
                for c in table.columns
            ]
        },
    }
