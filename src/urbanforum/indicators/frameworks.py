"""The one conversion between a framework as people write or store it and the engine's object.

A framework exists in three shapes:

* the **definition** — a plain mapping, what the demo, a YAML upload and `framework_save` take:
  `{code, name, description, steps, uncertainty, nodes: [{code, name, parent, weight,
  direction, indicator, denominator, goalposts: {worst, best}}]}`, parents before children;
* the **stored** framework — a `Framework` row and its `FrameworkNode` rows
  (`definition(framework)` reads it back as a definition);
* the **engine's** `urbanforum.engines.benchmark.Framework`, validated and ready to build.

`engine_mapping` is the single place where a definition becomes the engine's mapping (the YAML
of docs/index-cli.md, data columns named by node code for leaves and by indicator code for
denominators, the unit column `city`), and `to_engine` the single place that builds the engine's
object from it. Indicators validates a framework before saving it, benchmark builds its runs and
the API/YAML export shows the mapping — all through these functions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from urbanforum.engines.benchmark import Framework as EngineFramework
from urbanforum.indicators.models import Framework

UNIT_COLUMN = "city"


def definition(framework: Framework) -> dict[str, Any]:
    """A stored framework as a plain definition (what `framework_save` takes back)."""
    nodes: list[dict[str, Any]] = []
    for n in framework.nodes.select_related("indicator", "denominator", "parent").order_by(
        "position", "code"
    ):
        node: dict[str, Any] = {"code": n.code, "name": n.name}
        if n.parent_id and n.parent:
            node["parent"] = n.parent.code
        node["direction"] = int(n.direction)
        node["weight"] = float(n.weight)
        if n.indicator_id and n.indicator:
            node["indicator"] = n.indicator.code
        if n.denominator_id and n.denominator:
            node["denominator"] = n.denominator.code
        if n.goalpost_worst is not None and n.goalpost_best is not None:
            node["goalposts"] = {"worst": n.goalpost_worst, "best": n.goalpost_best}
        nodes.append(node)
    out: dict[str, Any] = {
        "code": framework.code,
        "name": framework.name,
        "description": framework.description,
        "steps": framework.steps or [],
        "nodes": nodes,
    }
    if framework.uncertainty:
        out["uncertainty"] = framework.uncertainty
    return out


def _engine_node(node: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"code": node["code"], "name": node.get("name") or node["code"]}
    if node.get("parent"):
        out["parent"] = node["parent"]
    out["direction"] = int(node.get("direction", 1))
    out["weight"] = float(node.get("weight", 1))
    if node.get("denominator"):
        out["denominator"] = node["denominator"]
    if node.get("goalposts"):
        out["goalposts"] = node["goalposts"]
    return out


def engine_mapping(
    source: Framework | Mapping[str, Any], *, without: Collection[str] = ()
) -> dict[str, Any]:
    """The engine's mapping of a stored framework or a definition, leaving out the nodes
    `without` (a run drops the indicators its peer group cannot scale)."""
    plain = definition(source) if isinstance(source, Framework) else source
    out: dict[str, Any] = {
        "name": plain.get("name", ""),
        "unit_column": UNIT_COLUMN,
        "nodes": [
            _engine_node(n) for n in plain.get("nodes") or [] if n.get("code") not in without
        ],
        "steps": plain.get("steps") or [],
    }
    if plain.get("uncertainty"):
        out["uncertainty"] = plain["uncertainty"]
    return out


def to_engine(
    source: Framework | Mapping[str, Any], *, without: Collection[str] = ()
) -> EngineFramework:
    """The engine's validated framework. Raises `EngineError` naming the node or step at fault."""
    return EngineFramework.from_dict(engine_mapping(source, without=without))
