"""Reading unit tables: CSV parsing and strict numeric conversion with cell-level errors.

A file is parsed once (:func:`read_unit_table`): the columns a framework reads as numbers
(indicators, denominators) become float64 straight from the CSV reader, the unit and group
columns text, and the columns no node or step names are not read at all. Builds and every
uncertainty combination then take numbers from that table without parsing text again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .framework import Framework
from .methods import FloatArray
from .steps import DenominateParams, EngineError, ImputeParams, StepParams

MISSING_TOKENS = ("", "NA", ":")
# pandas' C reader turns a column made only of these into booleans (then 1.0/0.0 as floats);
# the strict conversion refuses them, so such a column is checked as text
_BOOL_TOKENS = frozenset({"true", "false"})
_READ_ERRORS = (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError)


def _csv_options() -> dict[str, object]:
    return {
        "keep_default_na": False,
        "na_values": list(MISSING_TOKENS),
        "skipinitialspace": True,
    }


def read_unit_csv(path: str | Path) -> pd.DataFrame:
    """Read a unit table as strings; empty, ``NA`` and ``:`` become missing.

    Everything is read as text so that conversion to numbers happens once, in
    :func:`coerce_numeric`, which can name the offending cell. :func:`read_unit_table`
    is the faster, leaner reader when the framework is known.
    """
    try:
        frame = pd.read_csv(path, dtype=str, **_csv_options())
    except _READ_ERRORS as exc:
        raise EngineError(f"data {path}: cannot read CSV: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    assert isinstance(frame, pd.DataFrame)
    return frame


def table_columns(
    framework: Framework, steps: Iterable[StepParams | None] = ()
) -> tuple[list[str], list[str]]:
    """(numeric, text) data columns that ``framework`` and the extra ``steps`` read.

    Numeric: every indicator, and every denominator when a ``denominate`` step runs. Text:
    the unit column and every impute ``group``. ``steps`` adds steps that may run besides the
    framework's own (the uncertainty alternatives), so one table serves every combination.
    """
    all_steps = [s for s in (*framework.steps, *steps) if s is not None]
    numeric = list(framework.tree.indicators)
    if any(isinstance(s, DenominateParams) for s in all_steps):
        numeric += sorted({n.denominator for n in framework.nodes if n.denominator})
    text = [framework.unit_column]
    text += sorted({s.group for s in all_steps if isinstance(s, ImputeParams) and s.group})
    numeric = list(dict.fromkeys(c for c in numeric if c not in text))
    return numeric, list(dict.fromkeys(text))


def read_unit_table(
    path: str | Path, framework: Framework, steps: Iterable[StepParams | None] = ()
) -> pd.DataFrame:
    """Parse a unit CSV once, with explicit dtypes, into the table every build reuses.

    The numeric columns of :func:`table_columns` are float64 (missing tokens as NaN), the
    text columns strings, other columns are skipped. When the fast reader refuses a cell (a
    word in a number column), or a column holds only true/false words (which it would read
    as 1/0), the file is read as text instead (:func:`read_unit_csv`), so that the one
    conversion in :func:`~.pipeline.prepare` names the offending cell exactly as before.
    """
    numeric, text = table_columns(framework, steps)
    try:
        header = pd.read_csv(path, nrows=0, **_csv_options())
    except _READ_ERRORS as exc:
        raise EngineError(f"data {path}: cannot read CSV: {exc}") from exc
    raw = {str(c).strip(): c for c in header.columns}
    if len(raw) != len(header.columns):  # two headers equal after stripping: keep it simple
        return read_unit_csv(path)
    wanted = set(numeric) | set(text)
    dtypes: dict[str, object] = {raw[c]: np.float64 for c in numeric if c in raw}
    dtypes.update({raw[c]: str for c in text if c in raw})
    try:
        frame = pd.read_csv(
            path,
            dtype=dtypes,
            usecols=lambda c: str(c).strip() in wanted,
            **_csv_options(),
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, OSError) as exc:
        raise EngineError(f"data {path}: cannot read CSV: {exc}") from exc
    except (ValueError, TypeError):  # a cell that is not a number: let prepare() name it
        return read_unit_csv(path)
    frame.columns = [str(c).strip() for c in frame.columns]
    if _bool_like(frame, [c for c in numeric if c in frame.columns], path, raw):
        return read_unit_csv(path)
    assert isinstance(frame, pd.DataFrame)
    return frame


def _bool_like(
    frame: pd.DataFrame, numeric: Sequence[str], path: str | Path, raw: dict[str, str]
) -> bool:
    """Whether a numeric column that reads as only 0/1 was written as true/false words."""
    suspects = []
    for c in numeric:
        v = frame[c].to_numpy()
        present = v[~np.isnan(v)]
        if len(present) and bool(np.isin(present, (0.0, 1.0)).all()):
            suspects.append(raw[c])
    if not suspects:
        return False
    words = pd.read_csv(path, dtype=str, usecols=suspects, **_csv_options())
    for c in words.columns:
        tokens = words[c].dropna().str.strip().str.lower()
        if tokens.isin(_BOOL_TOKENS).any():
            return True
    return False


def coerce_numeric(data: pd.DataFrame, columns: Sequence[str], units: np.ndarray) -> FloatArray:
    """The given columns as a float matrix; a non-numeric cell is refused by unit and column.

    Numeric dtypes pass through unchanged (vectorised, no parsing: the table of
    :func:`read_unit_table` takes this path); text columns are converted with
    ``pd.to_numeric`` after mapping the missing tokens, and any cell that was not a missing
    token but did not convert is reported.
    """
    out = np.empty((len(data), len(columns)), dtype=np.float64)
    for j, col in enumerate(columns):
        s = data[col]
        if pd.api.types.is_bool_dtype(s.dtype):
            raise EngineError(f"column {col!r}: expected numbers, got true/false values")
        if pd.api.types.is_numeric_dtype(s.dtype):
            out[:, j] = s.to_numpy(dtype=np.float64, na_value=np.nan)
            continue
        out[:, j] = text_to_numbers(s, col, units)
    if np.isinf(out).any():
        i, j = np.argwhere(np.isinf(out))[0]
        raise EngineError(f"cell (unit {units[i]!r}, column {columns[j]!r}): infinite value")
    return out


def text_to_numbers(s: pd.Series, col: str, units: np.ndarray) -> FloatArray:
    """Strictly convert one text column; the first cell that is not a number is refused."""
    text = s.astype("string").str.strip()
    text = text.mask(text.isin(MISSING_TOKENS))
    num = pd.to_numeric(text, errors="coerce")
    bad = num.isna() & text.notna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise EngineError(
            f"cell (unit {units[i]!r}, column {col!r}): {text.iloc[i]!r} is not a number"
        )
    return num.to_numpy(dtype=np.float64, na_value=np.nan)
