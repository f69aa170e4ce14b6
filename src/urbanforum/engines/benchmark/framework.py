"""The index framework: the tree of indicators and aggregates plus the ordered build steps.

A framework is read from YAML/JSON (or a plain mapping) and validated once, up front, so that
every later stage can assume a well-formed tree. Every refusal raises :class:`EngineError`
with a message naming the offending node, step or key, because the callers (CLI, Django
forms) show that message to a person who has to fix the file. The steps themselves (their
parameters, parsing and changes) are in :mod:`.steps`; their names are re-exported here.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .steps import (
    STEP_TYPES,
    AggregateMethod,
    AggregateParams,
    DenominateParams,
    EngineError,
    ImputeMethod,
    ImputeParams,
    MissingRule,
    NormaliseMethod,
    NormaliseParams,
    ScreenParams,
    StepParams,
    TreatMethod,
    TreatParams,
    UncertaintySpec,
    number,
    parse_step,
    parse_uncertainty,
    step_to_dict,
)


@dataclass(frozen=True)
class Goalposts:
    """Per-indicator goalposts; direction lives in the order (worst may exceed best)."""

    worst: float
    best: float


@dataclass(frozen=True)
class Node:
    """One indicator (a leaf, read from a data column) or aggregate (has children)."""

    code: str
    parent: str | None = None
    direction: int = 1
    weight: float = 1.0
    denominator: str | None = None
    goalposts: Goalposts | None = None
    name: str | None = None


@dataclass(frozen=True)
class Tree:
    """Derived, index-friendly view of the node tree (computed once per framework)."""

    indicators: tuple[str, ...]
    aggregates: tuple[str, ...]  # ordered so that every child comes before its parent
    children: Mapping[str, tuple[str, ...]]
    level: Mapping[str, int]  # indicators 1, parents 1 + max level of children (COINr style)
    root: str


@dataclass(frozen=True)
class Framework:
    """A validated index framework. Build with :meth:`from_dict` / :meth:`from_yaml`."""

    name: str
    unit_column: str
    nodes: tuple[Node, ...]
    steps: tuple[StepParams, ...]
    uncertainty: UncertaintySpec | None = None
    tree: Tree = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tree", _validate_tree(self.nodes))
        _validate_steps(self.steps, self.nodes)

    # ----------------------------------------------------------------------------------
    @property
    def node(self) -> Mapping[str, Node]:
        """Nodes by code."""
        return {n.code: n for n in self.nodes}

    def step(self, name: str) -> StepParams | None:
        """The step of that name, or None if the framework does not run it."""
        return next((s for s in self.steps if s.step == name), None)

    @classmethod
    def from_yaml(cls, path: str | Path) -> Framework:
        """Read a framework from a YAML or JSON file (JSON is valid YAML 1.2 input)."""
        text = Path(path).read_text(encoding="utf-8")
        try:
            raw = json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)
        except (yaml.YAMLError, json.JSONDecodeError) as exc:
            raise EngineError(f"framework {path}: not valid YAML/JSON: {exc}") from exc
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: object) -> Framework:
        """Validate a mapping shaped like the documented YAML and build a framework."""
        if not isinstance(raw, Mapping):
            raise EngineError("framework: expected a mapping at the top level")
        unknown = set(raw) - {"name", "unit_column", "nodes", "steps", "uncertainty"}
        if unknown:
            raise EngineError(f"framework: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        unit_column = raw.get("unit_column")
        if not isinstance(unit_column, str) or not unit_column:
            raise EngineError("framework: 'unit_column' is required")
        raw_nodes = raw.get("nodes")
        if not isinstance(raw_nodes, Sequence) or isinstance(raw_nodes, str) or not raw_nodes:
            raise EngineError("framework: 'nodes' must be a non-empty list")
        nodes = tuple(_parse_node(i, n) for i, n in enumerate(raw_nodes))
        steps = _parse_steps(raw.get("steps"))
        unc = raw.get("uncertainty")
        return cls(
            name=str(raw.get("name", "index")),
            unit_column=unit_column,
            nodes=nodes,
            steps=steps,
            uncertainty=None if unc is None else parse_uncertainty(unc, steps),
        )

    def to_dict(self) -> dict[str, object]:
        """Plain form (recorded with every run so a result says how it was made)."""
        nodes: list[dict[str, object]] = []
        for n in self.nodes:
            d: dict[str, object] = {"code": n.code, "parent": n.parent}
            d.update(direction=n.direction, weight=n.weight)
            if n.denominator:
                d["denominator"] = n.denominator
            if n.goalposts:
                d["goalposts"] = {"worst": n.goalposts.worst, "best": n.goalposts.best}
            nodes.append(d)
        return {
            "name": self.name,
            "unit_column": self.unit_column,
            "nodes": nodes,
            "steps": [{s.step: step_to_dict(s)} for s in self.steps],
        }

    def with_steps(self, steps: Sequence[StepParams]) -> Framework:
        """Same tree, other steps (validated again)."""
        return Framework(self.name, self.unit_column, self.nodes, tuple(steps), self.uncertainty)

    def with_weights(self, weights: Mapping[str, float]) -> Framework:
        """Same framework with some node weights replaced."""
        codes = self.node
        for code in weights:
            if code not in codes:
                raise EngineError(f"node {code!r}: unknown node in weight changes")
        nodes = tuple(
            dataclasses.replace(n, weight=number(weights[n.code], f"node {n.code!r}, weight"))
            if n.code in weights
            else n
            for n in self.nodes
        )
        return Framework(self.name, self.unit_column, nodes, self.steps, self.uncertainty)


def _parse_node(i: int, raw: object) -> Node:
    if not isinstance(raw, Mapping):
        raise EngineError(f"nodes[{i}]: expected a mapping")
    code = raw.get("code")
    if not isinstance(code, str) or not code:
        raise EngineError(f"nodes[{i}]: 'code' is required")
    where = f"node {code!r}"
    allowed = {"code", "parent", "direction", "weight", "denominator", "goalposts", "name"}
    unknown = set(raw) - allowed
    if unknown:
        raise EngineError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    direction = raw.get("direction", 1)
    if direction not in (1, -1) or isinstance(direction, bool):
        raise EngineError(f"{where}: direction must be 1 or -1, got {direction!r}")
    weight = number(raw.get("weight", 1), f"{where}, weight")
    if weight < 0:
        raise EngineError(f"{where}: weight must be >= 0, got {weight}")
    gp = raw.get("goalposts")
    goalposts = None
    if gp is not None:
        if not isinstance(gp, Mapping) or set(gp) != {"worst", "best"}:
            raise EngineError(f"{where}: goalposts must be {{worst: ..., best: ...}}")
        goalposts = Goalposts(
            number(gp["worst"], f"{where}, goalposts.worst"),
            number(gp["best"], f"{where}, goalposts.best"),
        )
        if goalposts.worst == goalposts.best:
            raise EngineError(f"{where}: goalposts worst and best must differ")
    parent = raw.get("parent")
    den = raw.get("denominator")
    return Node(
        code=code,
        parent=None if parent is None else str(parent),
        direction=int(direction),
        weight=weight,
        denominator=None if den is None else str(den),
        goalposts=goalposts,
        name=None if raw.get("name") is None else str(raw.get("name")),
    )


def _parse_steps(raw: object) -> tuple[StepParams, ...]:
    """Steps in the user's order; normalise and aggregate are appended when absent."""
    if raw is None:
        raw = []
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise EngineError("framework: 'steps' must be a list")
    steps: list[StepParams] = []
    for i, entry in enumerate(raw):
        if isinstance(entry, str):
            entry = {entry: {}}
        if not isinstance(entry, Mapping) or len(entry) != 1:
            raise EngineError(f"steps[{i}]: expected a one-key mapping like {{normalise: {{}}}}")
        ((name, params),) = entry.items()
        steps.append(parse_step(str(name), params))
    names = [s.step for s in steps]
    if "normalise" not in names:
        at = names.index("aggregate") if "aggregate" in names else len(steps)
        steps.insert(at, NormaliseParams())
    if "aggregate" not in names:
        steps.append(AggregateParams())
    return tuple(steps)


def _validate_steps(steps: Sequence[StepParams], nodes: Sequence[Node]) -> None:
    names = [s.step for s in steps]
    for name in set(names):
        if names.count(name) > 1:
            raise EngineError(f"step {name!r}: listed more than once")
    if not names or names[-1] != "aggregate":
        raise EngineError("step 'aggregate': must be the last step")
    codes = {n.code for n in nodes}
    for s in steps:
        inds = getattr(s, "indicators", None)
        for code in inds or ():
            if code not in codes:
                raise EngineError(f"step {s.step!r}: unknown indicator {code!r}")


def _validate_tree(nodes: Sequence[Node]) -> Tree:
    codes = [n.code for n in nodes]
    seen: set[str] = set()
    for c in codes:
        if c in seen:
            raise EngineError(f"node {c!r}: defined twice")
        seen.add(c)
    parent = {n.code: n.parent for n in nodes}
    for n in nodes:
        if n.parent is not None and n.parent not in parent:
            raise EngineError(f"node {n.code!r}: unknown parent {n.parent!r}")
        if n.parent == n.code:
            raise EngineError(f"node {n.code!r}: is its own parent (cycle)")
    # cycle detection: walk up from each node
    for n in nodes:
        path = [n.code]
        cur = n.parent
        while cur is not None:
            if cur in path:
                cycle = " -> ".join([*path[path.index(cur) :], cur])
                raise EngineError(f"node {cur!r}: cycle in the tree ({cycle})")
            path.append(cur)
            cur = parent[cur]
    roots = [c for c in codes if parent[c] is None]
    if len(roots) != 1:
        raise EngineError(f"framework: expected exactly one root node, found {roots}")
    children: dict[str, list[str]] = {c: [] for c in codes}
    for c in codes:
        p = parent[c]
        if p is not None:
            children[p].append(c)
    indicators = tuple(c for c in codes if not children[c])
    if roots[0] in indicators:
        raise EngineError(f"node {roots[0]!r}: the root has no children")
    level: dict[str, int] = {c: 1 for c in indicators}

    def lev(code: str) -> int:
        if code not in level:
            level[code] = 1 + max(lev(ch) for ch in children[code])
        return level[code]

    for c in codes:
        lev(c)
    aggregates = tuple(sorted((c for c in codes if children[c]), key=lambda c: level[c]))
    by_node = {n.code: n for n in nodes}
    for c in aggregates:
        if by_node[c].denominator or by_node[c].goalposts:
            raise EngineError(f"node {c!r}: denominator/goalposts only apply to indicators")
    return Tree(
        indicators=indicators,
        aggregates=aggregates,
        children={c: tuple(v) for c, v in children.items() if v},
        level=level,
        root=roots[0],
    )


__all__ = [
    "STEP_TYPES",
    "AggregateMethod",
    "AggregateParams",
    "DenominateParams",
    "EngineError",
    "Framework",
    "Goalposts",
    "ImputeMethod",
    "ImputeParams",
    "MissingRule",
    "Node",
    "NormaliseMethod",
    "NormaliseParams",
    "ScreenParams",
    "StepParams",
    "TreatMethod",
    "TreatParams",
    "Tree",
    "UncertaintySpec",
    "parse_step",
    "parse_uncertainty",
    "step_to_dict",
]
