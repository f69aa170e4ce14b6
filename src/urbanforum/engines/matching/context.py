"""Context similarity: same country/region, similar size and climate, similar indicator profile.

Each attribute gives a similarity in [0, 1]; the context score is their weighted mean over the
attributes the *query* specifies (an item that lacks an attribute scores 0 on it — unknown is not
similar). Per attribute:

* country, region: 1 if equal (case-insensitive), else 0;
* size class: ordinal position in :data:`SIZE_CLASSES`, ``max(0, 1 - |Δ|/2)`` (same class 1,
  neighbouring class 0.5); labels outside that list only compare for equality;
* climate: 1 if the zone labels are equal, otherwise — when both latitudes are known —
  ``exp(-|Δlatitude| / 5°)`` (Helsinki–Tallinn 0.9, Helsinki–Gdańsk ~0.25);
* profile: NaN-aware mean squared difference ``msd`` over the indicator dimensions both sides
  report, similarity ``1 / (1 + msd)`` (profiles are expected as z-scores, so two random cities
  have msd ≈ 2 → 0.33 and identical ones 1); no shared dimension → 0.

Everything is vectorised over the items: the table keeps integer codes, ordinal floats and a
profile matrix with NaNs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .types import SIZE_CLASSES, Context

F64 = npt.NDArray[np.float64]

ATTRIBUTES: tuple[str, ...] = ("country", "region", "size", "climate", "profile")


@dataclass(frozen=True, slots=True)
class ContextWeights:
    """Relative weights of the context attributes."""

    country: float = 1.0
    region: float = 1.0
    size: float = 1.0
    climate: float = 1.0
    profile: float = 1.0

    def as_array(self) -> F64:
        """Weights in :data:`ATTRIBUTES` order."""
        return np.array([self.country, self.region, self.size, self.climate, self.profile])


def _norm(label: str | None) -> str | None:
    return label.strip().lower() if label and label.strip() else None


def _size_ordinal(label: str | None) -> float:
    lab = _norm(label)
    return float(SIZE_CLASSES.index(lab)) if lab in SIZE_CLASSES else np.nan


@dataclass(frozen=True, slots=True)
class ContextSimilarity:
    """Per-item context score and the per-attribute similarities behind it."""

    score: F64  #: (n,) weighted mean over the query's attributes, in [0, 1]
    parts: F64  #: (n, 5) attribute similarities in :data:`ATTRIBUTES` order
    active: npt.NDArray[np.bool_]  #: (5,) which attributes the query specified
    weights: F64  #: (5,) attribute weights


class ContextTable:
    """Column store of the items' contexts (append-only, arrays rebuilt lazily)."""

    def __init__(self, contexts: Sequence[Context] = ()) -> None:
        self._contexts: list[Context] = []
        self._arrays: dict[str, np.ndarray] | None = None
        self.extend(contexts)

    def __len__(self) -> int:
        return len(self._contexts)

    def extend(self, contexts: Sequence[Context]) -> None:
        """Append contexts (one per item, in item order)."""
        self._contexts.extend(contexts)
        self._arrays = None

    def _build(self) -> dict[str, np.ndarray]:
        if self._arrays is not None:
            return self._arrays
        ctx = self._contexts
        dims = {len(c.profile) for c in ctx if c.profile is not None}
        if len(dims) > 1:
            raise ValueError(f"all profile vectors must have the same length, got {sorted(dims)}")
        d = dims.pop() if dims else 0
        profile = np.full((len(ctx), d), np.nan)
        for i, c in enumerate(ctx):
            if c.profile is not None:
                profile[i] = c.profile
        self._arrays = {
            "country": np.array([_norm(c.country) or "" for c in ctx], dtype=object),
            "region": np.array([_norm(c.region) or "" for c in ctx], dtype=object),
            "size_label": np.array([_norm(c.size_class) or "" for c in ctx], dtype=object),
            "size": np.array([_size_ordinal(c.size_class) for c in ctx], dtype=np.float64),
            "climate": np.array([_norm(c.climate) or "" for c in ctx], dtype=object),
            "lat": np.array(
                [np.nan if c.latitude is None else c.latitude for c in ctx], dtype=np.float64
            ),
            "profile": profile,
        }
        return self._arrays

    def context(self, row: int) -> Context:
        """The stored context of one item."""
        return self._contexts[row]

    def similarity(
        self, query: Context, weights: ContextWeights | None = None, rows: np.ndarray | None = None
    ) -> ContextSimilarity:
        """Context similarity of ``query`` to every item (or to ``rows`` only)."""
        a = self._build()
        idx = np.arange(len(self)) if rows is None else np.asarray(rows, dtype=np.int64)
        n = idx.shape[0]
        parts = np.zeros((n, 5))
        active = np.zeros(5, dtype=bool)
        for col, key in ((0, "country"), (1, "region")):
            q = _norm(getattr(query, key))
            if q is not None:
                active[col] = True
                parts[:, col] = a[key][idx] == q
        q_size = _norm(query.size_class)
        if q_size is not None:
            active[2] = True
            if q_size in SIZE_CLASSES:
                diff = np.abs(a["size"][idx] - SIZE_CLASSES.index(q_size))
                parts[:, 2] = np.nan_to_num(np.clip(1.0 - diff / 2.0, 0.0, 1.0), nan=0.0)
            else:
                parts[:, 2] = a["size_label"][idx] == q_size
        q_clim = _norm(query.climate)
        if q_clim is not None or query.latitude is not None:
            active[3] = True
            same = (a["climate"][idx] == q_clim) if q_clim is not None else np.zeros(n, bool)
            lat_sim = np.zeros(n)
            if query.latitude is not None:
                lat_sim = np.nan_to_num(np.exp(-np.abs(a["lat"][idx] - query.latitude) / 5.0))
            parts[:, 3] = np.maximum(same.astype(float), lat_sim)
        if query.profile is not None:
            active[4] = True
            parts[:, 4] = profile_similarity(a["profile"][idx], np.asarray(query.profile, float))
        w = (weights or ContextWeights()).as_array()
        wa = w * active
        total = wa.sum()
        score = parts @ wa / total if total > 0 else np.zeros(n)
        return ContextSimilarity(score, parts, active, w)


def profile_similarity(profiles: np.ndarray, target: np.ndarray) -> F64:
    """``1 / (1 + msd)`` with msd the mean squared difference over dimensions observed on both
    sides (NaN = missing); 0 where nothing is shared. ``profiles`` (n, d), ``target`` (d,)."""
    profiles = np.asarray(profiles, dtype=np.float64)
    target = np.asarray(target, dtype=np.float64)
    if profiles.ndim != 2 or profiles.shape[1] != target.shape[0]:
        if profiles.shape[1] == 0:
            return np.zeros(profiles.shape[0])
        raise ValueError(f"profile length {target.shape[0]} != index profiles {profiles.shape}")
    diff = profiles - target
    ok = ~np.isnan(diff)
    shared = ok.sum(axis=1)
    msd = np.where(ok, diff * diff, 0.0).sum(axis=1) / np.maximum(shared, 1)
    return np.where(shared > 0, 1.0 / (1.0 + msd), 0.0)


def describe(attribute: str, query: Context, item: Context, similarity: float) -> str:
    """Plain English for one context attribute of a match (see :func:`describe_detail`)."""
    return describe_detail(attribute, query, item, similarity)[0]


def describe_detail(
    attribute: str, query: Context, item: Context, similarity: float
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Plain English for one context attribute of a match, and the same as data (``code`` and
    values) for a user interface that says it in the reader's language. No raw scores."""
    if attribute == "country":
        c = (item.country or "").upper()
        return f"In the same country ({c})", (("code", "same_country"), ("country", c))
    if attribute == "region":
        r = str(item.region or "")
        return f"In the same region ({r})", (("code", "same_region"), ("region", r))
    if attribute == "size":
        size = str(item.size_class or "")
        if similarity >= 1.0:
            return "A city of the same size", (("code", "same_size"), ("size", size))
        return "A city of similar size", (("code", "similar_size"), ("size", size))
    if attribute == "climate":
        if query.climate and item.climate and _norm(query.climate) == _norm(item.climate):
            clim = str(item.climate)
            return f"The same climate ({clim})", (("code", "same_climate"), ("climate", clim))
        return "A similar climate", (("code", "similar_climate"),)
    return "A similar city profile", (("code", "similar_profile"),)
