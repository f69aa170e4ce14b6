"""Composite-index engine (a COINr 1.1.14 equivalent) in pure numpy/pandas, no Django.

Public API — see docs/benchmark-engine.md::

    fw = Framework.from_yaml("F.yaml")          # or Framework.from_dict({...})
    result = build(fw, data)                    # IndexResult: stages, scores, ranks, log, ...
    result.contributions("AUT", "Index")        # why this score
    result.regenerate(steps={"normalise": {"method": "zscore"}})
    change_steps(fw.steps, {"normalise": {"method": "rank"}})  # a run's step changes
    report = analyse(result)                    # correlations, alpha, PCA, strengths, peers
    unc = uncertainty(fw, data, runs=1000, seed=1)
"""

from .analysis import Analysis, analyse, peers
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
from .steps import change_steps
from .tabular import read_unit_csv
from .uncertainty import UncertaintyResult, uncertainty

__all__ = [
    "AggregateParams",
    "Analysis",
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
    "UncertaintyResult",
    "UncertaintySpec",
    "analyse",
    "build",
    "change_steps",
    "data_hash",
    "peers",
    "read_unit_csv",
    "uncertainty",
]
