"""Composite-index engine (a COINr 1.1.14 equivalent) in pure numpy/pandas, no Django.

Public API — see docs/benchmark-engine.md::

    fw = Framework.from_yaml("F.yaml")          # or Framework.from_dict({...})
    result = build(fw, data)                    # IndexResult: stages, scores, ranks, log, ...
    result.contributions("AUT", "Index")        # why this score
    result.regenerate(steps={"normalise": {"method": "zscore"}})
    report = analyse(result)                    # correlations, alpha, PCA, strengths, peers
    unc = uncertainty(fw, data, runs=1000, seed=1)
"""

from .build import IndexResult, RunRecord, StepLog, TreatmentReport, build, data_hash
from .framework import (
    AggregateParams,
    DenominateParams,
    EngineError,
    Framework,
    Goalposts,
    ImputeParams,
    Node,
    NormaliseParams,
    ScreenParams,
    StepParams,
    TreatParams,
    UncertaintySpec,
)
from .tabular import read_unit_csv

__all__ = [
    "AggregateParams",
    "DenominateParams",
    "EngineError",
    "Framework",
    "Goalposts",
    "ImputeParams",
    "IndexResult",
    "Node",
    "NormaliseParams",
    "RunRecord",
    "ScreenParams",
    "StepLog",
    "StepParams",
    "TreatParams",
    "TreatmentReport",
    "UncertaintySpec",
    "build",
    "data_hash",
    "read_unit_csv",
]
