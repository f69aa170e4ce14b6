"""`urbanforum demo`: real indicator data for the registry's Eurostat-coded cities and the
"Smart City Profile" framework. Idempotent (upserts); without a data folder it says what is
missing and how to get it, and continues."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
from django.core.management.base import OutputWrapper
from django.core.management.color import Style

from urbanforum.cities.models import City
from urbanforum.core.datadir import HOW_TO_GET_DATA, data_path
from urbanforum.indicators import smart_city
from urbanforum.indicators.parsers import Parsed, RawRow, parse_eurostat
from urbanforum.indicators.services import framework_save, observations_load_system

PANEL_FIRST_YEAR = 2010

TSV_FILES = [
    ("eurostat-urb-percep", "urb_percep.tsv", smart_city.PERCEP_CODES, "Eurostat urb_percep"),
    ("eurostat-urb-ctour-cecfi", "urb_ctour.tsv", smart_city.CTOUR_CODES, "Eurostat urb_ctour"),
]


def panel_rows(path: Path, codes: set[str]) -> Parsed:
    """The panel's city × year table as observations (one per non-missing cell)."""
    df = pd.read_csv(path, usecols=["URAU_CODE", "year", *smart_city.PANEL_COLUMNS])
    df = df[(df["year"] >= PANEL_FIRST_YEAR) & df["URAU_CODE"].isin(codes)]
    long = df.melt(id_vars=["URAU_CODE", "year"], var_name="indicator", value_name="value").dropna()
    units = {i["code"]: i["unit"] for i in smart_city.INDICATORS + smart_city.CONTEXT}
    rows = [
        RawRow(n + 2, "value", code, ind, int(year), float(value), units.get(ind, ""), "", "")
        for n, (code, year, ind, value) in enumerate(long.itertuples(index=False, name=None))
    ]
    return Parsed(
        format="csv",
        rows=rows,
        missing=int(df.shape[0] * len(smart_city.PANEL_COLUMNS) - len(rows)),
    )


def load(*, stdout: OutputWrapper, style: Style) -> None:
    started = time.monotonic()
    catalogue = smart_city.INDICATORS + smart_city.CONTEXT
    codes = {
        c
        for c in City.objects.exclude(eurostat_code=None).values_list("eurostat_code", flat=True)
        if c
    }
    loaded_any = False
    for folder, name, indicator_codes, source in TSV_FILES:
        path = data_path(folder, name)
        if path is None:
            stdout.write(style.WARNING(f"Indicators: {folder}/{name} is missing; skipped."))
            continue
        parsed = parse_eurostat(path.read_bytes(), indicators=set(indicator_codes))
        specs = [i for i in catalogue if i["code"] in indicator_codes]
        report = observations_load_system(
            filename=name, source=source, parsed=parsed, indicators=specs
        )
        loaded_any = True
        stdout.write(
            f"Indicators: {name}: {report['values']} values for {report['cities']} cities "
            f"({report['new']} new, {report['updated']} updated; skipped {report['skipped_not_city']} "
            f"non-city and {report['skipped_unknown_city']} unknown-city values)."
        )
    path = data_path("eu-city-panel-2000-2020", "metacityyear.csv.gz")
    if path is None:
        stdout.write(
            style.WARNING(
                "Indicators: eu-city-panel-2000-2020/metacityyear.csv.gz is missing; skipped."
            )
        )
    else:
        parsed = panel_rows(path, codes)
        specs = [i for i in catalogue if i["code"] in smart_city.PANEL_COLUMNS]
        report = observations_load_system(
            filename="metacityyear.csv.gz", source=smart_city.PANEL, parsed=parsed, indicators=specs
        )
        loaded_any = True
        stdout.write(
            f"Indicators: city panel: {report['values']} values for {report['cities']} cities "
            f"({report['new']} new, {report['updated']} updated)."
        )
    if not loaded_any:
        stdout.write(style.WARNING(f"Indicators: no reference data found. {HOW_TO_GET_DATA}"))
    # The framework needs every indicator in the catalogue, with or without data.
    from urbanforum.indicators.models import Indicator

    for spec in smart_city.INDICATORS:
        Indicator.objects.update_or_create(
            code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"}
        )
    framework_save(definition=smart_city.definition())
    stdout.write(
        style.SUCCESS(
            f"Indicators: framework 'Smart City Profile' ready ({time.monotonic() - started:.1f} s)."
        )
    )
