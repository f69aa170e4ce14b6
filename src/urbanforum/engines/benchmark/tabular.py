"""Reading unit tables: CSV parsing and strict numeric conversion with cell-level errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .methods import FloatArray
from .steps import EngineError

MISSING_TOKENS = ("", "NA", ":")


def read_unit_csv(path: str | Path) -> pd.DataFrame:
    """Read a unit table as strings; empty, ``NA`` and ``:`` become missing.

    Everything is read as text so that conversion to numbers happens once, in
    :func:`coerce_numeric`, which can name the offending cell.
    """
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=list(MISSING_TOKENS),
            skipinitialspace=True,
        )
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise EngineError(f"data {path}: cannot read CSV: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def coerce_numeric(data: pd.DataFrame, columns: Sequence[str], units: np.ndarray) -> FloatArray:
    """The given columns as a float matrix; a non-numeric cell is refused by unit and column.

    Numeric dtypes pass through unchanged (vectorised); text columns are converted with
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
        text = s.astype("string").str.strip()
        text = text.mask(text.isin(MISSING_TOKENS))
        num = pd.to_numeric(text, errors="coerce")
        bad = num.isna() & text.notna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise EngineError(
                f"cell (unit {units[i]!r}, column {col!r}): {text.iloc[i]!r} is not a number"
            )
        out[:, j] = num.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isinf(out).any():
        i, j = np.argwhere(np.isinf(out))[0]
        raise EngineError(f"cell (unit {units[i]!r}, column {columns[j]!r}): infinite value")
    return out
