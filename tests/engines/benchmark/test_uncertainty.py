"""Monte Carlo uncertainty and Sobol sensitivity: known answers on toy models."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.engines.benchmark.engine_toys import toy_framework
from urbanforum.engines.benchmark import EngineError
from urbanforum.engines.benchmark.uncertainty import sobol_from_model, uncertainty


def test_sobol_additive_model_known_indices() -> None:
    # Y = X1 + 2 X2 (+ 0 X3), X ~ U(0,1): V_i ∝ a_i², so S = ST = (0.2, 0.8, 0)
    def model(x: np.ndarray) -> np.ndarray:
        return (x[:, 0] + 2 * x[:, 1])[:, None]

    def sampler(rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(size=(n, 3))

    first, total = sobol_from_model(model, sampler, n=20000, seed=7)
    np.testing.assert_allclose(first[:, 0], [0.2, 0.8, 0.0], atol=0.03)
    np.testing.assert_allclose(total[:, 0], [0.2, 0.8, 0.0], atol=0.03)


def test_sobol_interaction_model_total_exceeds_first() -> None:
    # Y = X1·X2 with X ~ U(-1,1): no first-order effect, all variance in the interaction
    def model(x: np.ndarray) -> np.ndarray:
        return (x[:, 0] * x[:, 1])[:, None]

    def sampler(rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.uniform(-1, 1, size=(n, 2))

    first, total = sobol_from_model(model, sampler, n=20000, seed=1)
    np.testing.assert_allclose(first[:, 0], [0, 0], atol=0.03)
    np.testing.assert_allclose(total[:, 0], [1, 1], atol=0.05)


DATA = pd.DataFrame(
    {
        "city": ["A", "B", "C", "D"],
        "a": [10.0, 5.0, 1.0, 2.0],
        "b": [10.0, 1.0, 5.0, 2.0],
        "c": [1.0, 3.0, 3.0, 8.0],  # direction -1: A best
    }
)


def _fw(unc: dict[str, object]) -> object:
    return toy_framework([{"normalise": {"range": [1, 100]}}], uncertainty=unc)


def test_dominant_unit_always_first_and_table_shape() -> None:
    fw = _fw({"weights": {"perturb": 0.25}, "aggregate": ["arithmetic", "geometric"]})
    unc = uncertainty(fw, DATA, runs=300, seed=1)  # type: ignore[arg-type]
    t = unc.ranks
    assert list(t.columns) == [
        "unit",
        "node",
        "rank_nominal",
        "rank_median",
        "rank_p05",
        "rank_p95",
    ]
    assert t["node"].tolist()[:3] == ["idx", "p2", "p1"] and len(t) == 4 * 3
    a = t[(t.unit == "A") & (t.node == "idx")].iloc[0]
    assert (a.rank_nominal, a.rank_median, a.rank_p05, a.rank_p95) == (1, 1, 1, 1)
    # p2 has one child: its ranks never move (C/B tie at rank 2)
    p2 = t[t.node == "p2"].set_index("unit")
    assert p2["rank_p05"].tolist() == p2["rank_p95"].tolist() == [1, 2, 2, 4]


def test_reproducible_with_seed_and_varies_with_seed() -> None:
    fw = _fw({"weights": {"perturb": 0.5}})
    one = uncertainty(fw, DATA, runs=200, seed=5)  # type: ignore[arg-type]
    two = uncertainty(fw, DATA, runs=200, seed=5)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(one.root_ranks, two.root_ranks)
    assert one.record.framework["uncertainty"]["seed"] == 5  # type: ignore[index]


def test_only_weights_vary_gives_weights_all_sensitivity() -> None:
    fw = _fw({"weights": {"perturb": 0.9}, "aggregate": ["arithmetic"]})
    unc = uncertainty(fw, DATA, runs=2000, seed=2, sensitivity=True)  # type: ignore[arg-type]
    assert unc.factors == ("weights", "aggregate")
    s = unc.sensitivity
    assert s is not None
    agg = s[s.factor == "aggregate"].dropna()
    # a factor with a single choice has no effect
    np.testing.assert_allclose(agg["first_order"], 0, atol=1e-12)
    np.testing.assert_allclose(agg["total"], 0, atol=1e-12)
    w = s[s.factor == "weights"].dropna()
    assert len(w) > 0
    # it is the only source of variance: both indices ≈ 1 (up to Monte Carlo error)
    np.testing.assert_allclose(w["total"], 1.0, atol=0.05)
    np.testing.assert_allclose(w["first_order"], 1.0, atol=0.1)


def test_zscore_with_geometric_is_refused_clearly() -> None:
    fw = _fw({"normalise": [{"method": "zscore"}], "aggregate": ["geometric"]})
    with pytest.raises(EngineError, match=r"geometric aggregation needs positive values.*zscore"):
        uncertainty(fw, DATA, runs=10, seed=1)  # type: ignore[arg-type]


def test_zscore_shifted_mean_with_geometric_runs() -> None:
    fw = _fw({"normalise": [{"method": "zscore", "mean": 10, "sd": 2}], "aggregate": ["geometric"]})
    unc = uncertainty(fw, DATA, runs=10, seed=1)  # type: ignore[arg-type]
    assert unc.ranks["rank_median"].notna().all()


def test_no_uncertainty_block_is_refused() -> None:
    with pytest.raises(EngineError, match="declares no 'uncertainty' block"):
        uncertainty(toy_framework(), DATA, runs=10, seed=1)


def test_impute_on_off_is_a_factor() -> None:
    data = DATA.assign(a=[10.0, np.nan, 1.0, 2.0], b=[10.0, 2.0, 3.0, 1.0])
    fw = toy_framework(
        [{"impute": {"method": "mean"}}, {"normalise": {"range": [1, 100]}}],
        uncertainty={"impute": [True, False]},
    )
    unc = uncertainty(fw, data, runs=400, seed=4, sensitivity=True)
    t = unc.ranks.set_index(["unit", "node"])
    # a normalised: A 100, B (imputed 13/3) 37.67, C 1, D 12; b: 100, 12, 23, 1
    # p1 (weights 1:3): B on (37.67 + 36)/4 = 18.4 > C 17.5; off B = b = 12 < C
    assert t.loc[("B", "p1"), "rank_nominal"] == 2
    assert (t.loc[("B", "p1"), "rank_p05"], t.loc[("B", "p1"), "rank_p95"]) == (2, 3)
    assert (t.loc[("B", "idx"), "rank_p05"], t.loc[("B", "idx"), "rank_p95"]) == (2, 3)
    s = unc.sensitivity
    assert s is not None and unc.factors == ("impute",)
    first = s.set_index("unit").loc["B", "first_order"]
    assert first == pytest.approx(1.0, abs=0.15)
