"""Small hand-checkable frameworks shared by the engine tests."""

from __future__ import annotations

from urbanforum.engines.benchmark.framework import Framework


def toy_framework(steps: list[dict[str, object]] | None = None, **extra: object) -> Framework:
    """Two pillars, three indicators: a, b under p1 (weights 1, 3), c under p2; root idx."""
    raw: dict[str, object] = {
        "name": "toy",
        "unit_column": "city",
        "nodes": [
            {"code": "a", "parent": "p1", "weight": 1},
            {"code": "b", "parent": "p1", "weight": 3},
            {"code": "c", "parent": "p2", "direction": -1},
            {"code": "p1", "parent": "idx"},
            {"code": "p2", "parent": "idx"},
            {"code": "idx"},
        ],
        "steps": steps if steps is not None else [],
        **extra,
    }
    return Framework.from_dict(raw)
