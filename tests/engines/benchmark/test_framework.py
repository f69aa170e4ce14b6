"""Framework parsing and validation: every refusal names the node, step or key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engines.benchmark.engine_toys import toy_framework
from urbanforum.engines.benchmark.framework import (
    AggregateParams,
    EngineError,
    Framework,
    ImputeParams,
    NormaliseParams,
    TreatParams,
)


def _fw(nodes: list[dict[str, object]], **kw: object) -> Framework:
    return Framework.from_dict({"unit_column": "city", "nodes": nodes, **kw})


def test_tree_levels_children_and_default_steps() -> None:
    fw = toy_framework()
    assert fw.tree.indicators == ("a", "b", "c")
    assert fw.tree.aggregates == ("p1", "p2", "idx")
    assert fw.tree.children["p1"] == ("a", "b")
    assert fw.tree.level == {"a": 1, "b": 1, "c": 1, "p1": 2, "p2": 2, "idx": 3}
    assert fw.tree.root == "idx"
    # defaults: no steps beyond normalise (min-max 0-100) and aggregate (arithmetic, skip)
    assert fw.steps == (NormaliseParams("minmax", (0.0, 100.0)), AggregateParams("arithmetic"))
    assert fw.node["c"].direction == -1 and fw.node["a"].weight == 1.0


def test_steps_keep_user_order_and_typed_params() -> None:
    fw = toy_framework(
        [
            {"normalise": {"method": "zscore", "mean": 10, "sd": 2}},
            {"impute": {"method": "median", "indicators": ["a"]}},
            {"treat": {"max_points": 3}},
        ]
    )
    assert [s.step for s in fw.steps] == ["normalise", "impute", "treat", "aggregate"]
    assert fw.steps[1] == ImputeParams("median", None, ("a",))
    assert fw.steps[2] == TreatParams(max_points=3)


@pytest.mark.parametrize(
    ("nodes", "message"),
    [
        (
            [{"code": "a", "parent": "b"}, {"code": "b", "parent": "a"}, {"code": "r"}],
            "cycle in the tree",
        ),
        ([{"code": "a", "parent": "nope"}, {"code": "r"}], "node 'a': unknown parent 'nope'"),
        (
            [{"code": "a", "parent": "r"}, {"code": "a", "parent": "r"}, {"code": "r"}],
            "node 'a': defined twice",
        ),
        (
            [{"code": "a", "parent": "r", "weight": "x"}, {"code": "r"}],
            "node 'a', weight: expected a number",
        ),
        (
            [{"code": "a", "parent": "r", "weight": -1}, {"code": "r"}],
            "node 'a': weight must be >= 0",
        ),
        (
            [{"code": "a", "parent": "r", "direction": 2}, {"code": "r"}],
            "node 'a': direction must be 1 or -1",
        ),
        ([{"code": "a"}, {"code": "b"}], "exactly one root"),
        (
            [{"code": "a", "parent": "r", "goalposts": {"worst": 1, "best": 1}}, {"code": "r"}],
            "node 'a': goalposts worst and best must differ",
        ),
    ],
)
def test_bad_trees_are_refused_naming_the_node(
    nodes: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(EngineError, match=message.replace("(", r"\(")):
        _fw(nodes)


def test_cycle_message_names_the_cycle() -> None:
    with pytest.raises(EngineError) as err:
        _fw([{"code": "a", "parent": "b"}, {"code": "b", "parent": "a"}, {"code": "r"}])
    assert "a -> b -> a" in str(err.value) or "b -> a -> b" in str(err.value)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (
            [{"normalise": {"method": "cubic"}}],
            "step 'normalise', parameter 'method': 'cubic' is not one of",
        ),
        ([{"treat": {"maxpoints": 3}}], "step 'treat', parameter 'maxpoints': unknown parameter"),
        ([{"bake": {}}], "step 'bake': unknown step"),
        ([{"aggregate": {}}, {"normalise": {}}], "step 'aggregate': must be the last step"),
        ([{"impute": {"method": "group_mean"}}], "needs a 'group' column"),
        ([{"impute": {"indicators": ["zz"]}}], "unknown indicator 'zz'"),
        ([{"normalise": {"range": [100, 0]}}], "low must be below high"),
        ([{"screen": {"min_availability": 2}}], "within 0..1"),
        ([{"treat": {}}, {"treat": {}}], "listed more than once"),
    ],
)
def test_bad_steps_are_refused_naming_the_step(
    steps: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(EngineError, match=message.replace("(", r"\(").replace("'", "'")):
        toy_framework(steps)


def test_uncertainty_block_expands_choices() -> None:
    fw = toy_framework(
        [{"treat": {}}, {"normalise": {"range": [1, 100]}}],
        uncertainty={
            "weights": {"perturb": 0.25},
            "normalise": [
                {"method": "minmax", "range": [1, 100]},
                {"method": "zscore", "mean": 10},
            ],
            "aggregate": ["arithmetic", "geometric"],
            "treat": {"max_points": [1, 2, 3]},
        },
    )
    spec = fw.uncertainty
    assert spec is not None and spec.weights_perturb == 0.25
    alts = dict(spec.alternatives)
    assert [a.method for a in alts["aggregate"]] == ["arithmetic", "geometric"]  # type: ignore[union-attr]
    assert [a.max_points for a in alts["treat"]] == [1, 2, 3]  # type: ignore[union-attr]
    z = alts["normalise"][1]
    assert isinstance(z, NormaliseParams) and (z.method, z.mean, z.sd) == ("zscore", 10.0, 1.0)


def test_uncertainty_treat_on_off_and_missing_step() -> None:
    fw = toy_framework([{"treat": {}}], uncertainty={"treat": [True, False]})
    assert fw.uncertainty is not None
    assert dict(fw.uncertainty.alternatives)["treat"] == (TreatParams(), None)
    with pytest.raises(EngineError, match=r"uncertainty\.impute: the framework has no .impute."):
        toy_framework([], uncertainty={"impute": [True, False]})


def test_json_and_yaml_files(tmp_path: Path) -> None:
    import json

    raw = {"unit_column": "city", "nodes": [{"code": "a", "parent": "r"}, {"code": "r"}]}
    (tmp_path / "f.json").write_text(json.dumps(raw))
    (tmp_path / "f.yaml").write_text(
        "unit_column: city\nnodes:\n  - {code: a, parent: r}\n  - {code: r}\n"
    )
    assert Framework.from_yaml(tmp_path / "f.json") == Framework.from_yaml(tmp_path / "f.yaml")
