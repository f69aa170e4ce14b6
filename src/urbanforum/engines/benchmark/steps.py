"""The build steps of an index: their typed parameters, how they are parsed and changed.

Every step (denominate, impute, screen, treat, normalise, aggregate) has a frozen dataclass of
parameters. `parse_step` validates a plain mapping into one, `change_steps` applies a run's
changes to a framework's steps, and `parse_uncertainty` reads the Monte Carlo assumptions (the
alternatives of each step). Every refusal raises :class:`EngineError` naming the step and key.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, TypeAlias


class EngineError(ValueError):
    """Bad input to the engine. The message names the node, step, unit or cell at fault."""


ImputeMethod = Literal["none", "mean", "median", "group_mean", "group_median"]
TreatMethod = Literal["none", "winsorise", "winsorise_log"]
NormaliseMethod = Literal[
    "minmax", "zscore", "goalposts", "rank", "percentile_rank", "borda", "none"
]
AggregateMethod = Literal["arithmetic", "geometric", "harmonic"]
MissingRule = Literal["skip", "propagate"]


@dataclass(frozen=True)
class DenominateParams:
    """Divide each indicator by the data column named in its node's ``denominator``.

    Missing or zero denominators give missing values (a ratio to nothing is not a value).
    """

    step: ClassVar[str] = "denominate"


@dataclass(frozen=True)
class ImputeParams:
    """Fill missing cells; ``group`` names a data column for the group methods."""

    step: ClassVar[str] = "impute"
    method: ImputeMethod = "mean"
    group: str | None = None
    indicators: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ScreenParams:
    """Drop units whose share of indicators present is below ``min_availability``."""

    step: ClassVar[str] = "screen"
    min_availability: float = 0.5


@dataclass(frozen=True)
class TreatParams:
    """COINr's outlier rule: winsorise while |skew| >= skew and kurtosis >= kurtosis."""

    step: ClassVar[str] = "treat"
    method: TreatMethod = "winsorise_log"
    skew: float = 2.0
    kurtosis: float = 3.5
    max_points: int = 5
    indicators: tuple[str, ...] | None = None


@dataclass(frozen=True)
class NormaliseParams:
    """Bring indicators to a common scale; see :mod:`.methods` for each formula."""

    step: ClassVar[str] = "normalise"
    method: NormaliseMethod = "minmax"
    range: tuple[float, float] = (0.0, 100.0)
    mean: float = 0.0
    sd: float = 1.0
    clip: bool = True


@dataclass(frozen=True)
class AggregateParams:
    """Weighted means level by level; ``min_share`` is the share of children required."""

    step: ClassVar[str] = "aggregate"
    method: AggregateMethod = "arithmetic"
    missing: MissingRule = "skip"
    min_share: float = 0.0


StepParams: TypeAlias = (
    DenominateParams | ImputeParams | ScreenParams | TreatParams | NormaliseParams | AggregateParams
)
STEP_TYPES: dict[str, type[StepParams]] = {
    t.step: t
    for t in (
        DenominateParams,
        ImputeParams,
        ScreenParams,
        TreatParams,
        NormaliseParams,
        AggregateParams,
    )
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "impute.method": ("none", "mean", "median", "group_mean", "group_median"),
    "treat.method": ("none", "winsorise", "winsorise_log"),
    "normalise.method": (
        "minmax",
        "zscore",
        "goalposts",
        "rank",
        "percentile_rank",
        "borda",
        "none",
    ),
    "aggregate.method": ("arithmetic", "geometric", "harmonic"),
    "aggregate.missing": ("skip", "propagate"),
}


def number(value: object, where: str) -> float:
    """A finite float, or an EngineError naming ``where``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EngineError(f"{where}: expected a number, got {value!r}")
    out = float(value)
    if not math.isfinite(out):
        raise EngineError(f"{where}: expected a finite number, got {value!r}")
    return out


def parse_step(name: str, params: object, base: StepParams | None = None) -> StepParams:
    """Build a typed step from its name and a mapping of parameters.

    ``base`` (same step) supplies the values not given, which is how ``regenerate`` and the
    uncertainty alternatives change one parameter and keep the rest.
    """
    if name not in STEP_TYPES:
        raise EngineError(f"step {name!r}: unknown step (known: {', '.join(STEP_TYPES)})")
    cls = STEP_TYPES[name]
    if isinstance(params, str):  # a bare method name, e.g. `aggregate: geometric`
        params = {"method": params}
    if params is None:
        params = {}
    if not isinstance(params, Mapping):
        raise EngineError(f"step {name!r}: parameters must be a mapping, got {params!r}")
    known = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, raw in params.items():
        where = f"step {name!r}, parameter {key!r}"
        if key not in known:
            raise EngineError(f"{where}: unknown parameter (known: {', '.join(known) or 'none'})")
        choices = _CHOICES.get(f"{name}.{key}")
        if choices is not None:
            if raw not in choices:
                raise EngineError(f"{where}: {raw!r} is not one of {', '.join(choices)}")
            values[key] = raw
        elif key in ("indicators",):
            if raw is None:
                values[key] = None
            elif not isinstance(raw, Sequence) or isinstance(raw, str):
                raise EngineError(f"{where}: expected a list of indicator codes")
            else:
                values[key] = tuple(str(c) for c in raw)
        elif key == "group":
            values[key] = None if raw is None else str(raw)
        elif key == "range":
            if not isinstance(raw, Sequence) or isinstance(raw, str) or len(raw) != 2:
                raise EngineError(f"{where}: expected [low, high]")
            lo, hi = number(raw[0], where), number(raw[1], where)
            if not lo < hi:
                raise EngineError(f"{where}: low must be below high, got {list(raw)}")
            values[key] = (lo, hi)
        elif key == "max_points":
            if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
                raise EngineError(f"{where}: expected a non-negative integer, got {raw!r}")
            values[key] = raw
        elif key == "clip":
            if not isinstance(raw, bool):
                raise EngineError(f"{where}: expected true or false, got {raw!r}")
            values[key] = raw
        else:
            values[key] = number(raw, where)
    if name == "screen" and not 0.0 <= values.get("min_availability", 0.5) <= 1.0:
        raise EngineError("step 'screen', parameter 'min_availability': must be within 0..1")
    if name == "aggregate" and not 0.0 <= values.get("min_share", 0.0) <= 1.0:
        raise EngineError("step 'aggregate', parameter 'min_share': must be within 0..1")
    if name == "normalise" and values.get("sd", 1.0) <= 0:
        raise EngineError("step 'normalise', parameter 'sd': must be positive")
    if base is not None:
        if base.step != name:
            raise EngineError(f"step {name!r}: cannot derive from step {base.step!r}")
        return dataclasses.replace(base, **values)
    step = cls(**values)
    if isinstance(step, ImputeParams) and step.method.startswith("group") and not step.group:
        raise EngineError(f"step 'impute': method {step.method!r} needs a 'group' column")
    return step


def step_to_dict(step: StepParams) -> dict[str, object]:
    """Plain, JSON-serialisable form of a step (for the run log and records)."""
    out: dict[str, object] = {}
    for f in dataclasses.fields(step):
        value = getattr(step, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


STEP_ORDER = ("denominate", "impute", "screen", "treat", "normalise", "aggregate")


def change_steps(
    steps: Sequence[StepParams], changes: Mapping[str, Mapping[str, object] | str | None]
) -> list[StepParams]:
    """Apply ``{step: params | None}`` changes to a step list (see :meth:`regenerate`)."""
    out = list(steps)
    for name, params in changes.items():
        if name not in STEP_TYPES:
            raise EngineError(f"step {name!r}: unknown step")
        idx = next((i for i, s in enumerate(out) if s.step == name), None)
        if params is None:
            if name in ("normalise", "aggregate"):
                raise EngineError(f"step {name!r}: cannot be removed (use method none)")
            if idx is not None:
                out.pop(idx)
            continue
        if idx is not None:
            out[idx] = parse_step(name, params, out[idx])
        else:
            new = parse_step(name, params)
            rank = STEP_ORDER.index(name)
            at = next((i for i, s in enumerate(out) if STEP_ORDER.index(s.step) > rank), len(out))
            out.insert(at, new)
    return out


def step_dicts(steps: Sequence[StepParams]) -> list[dict[str, object]]:
    """Plain forms of steps (for JSON logs)."""
    return [{s.step: step_to_dict(s)} for s in steps]


@dataclass(frozen=True)
class UncertaintySpec:
    """Declared assumptions for Monte Carlo.

    ``weights_perturb`` p multiplies every node weight by an independent U(1-p, 1+p) draw.
    ``alternatives`` maps a step name to the choices drawn uniformly per run; ``None`` as a
    choice means "step switched off".
    """

    weights_perturb: float = 0.0
    alternatives: tuple[tuple[str, tuple[StepParams | None, ...]], ...] = ()


def parse_uncertainty(raw: object, steps: Sequence[StepParams]) -> UncertaintySpec:
    """Parse the ``uncertainty:`` block.

    Each key other than ``weights`` is a step name whose value is either a list of choices
    (a method name, a parameter mapping, ``none``/``false`` for "off", ``true`` for the
    framework's own step) or one mapping whose list-valued parameters expand into choices
    (``treat: {max_points: [1, 2, 3]}`` gives three choices).
    """
    if not isinstance(raw, Mapping):
        raise EngineError("uncertainty: expected a mapping")
    perturb = 0.0
    alts: list[tuple[str, tuple[StepParams | None, ...]]] = []
    own = {s.step: s for s in steps}
    for key, value in raw.items():
        if key == "weights":
            if not isinstance(value, Mapping) or set(value) != {"perturb"}:
                raise EngineError("uncertainty.weights: expected {perturb: fraction}")
            perturb = number(value["perturb"], "uncertainty.weights.perturb")
            if not 0 <= perturb < 1:
                raise EngineError("uncertainty.weights.perturb: must be within [0, 1)")
            continue
        name = str(key)
        if name not in STEP_TYPES or name == "denominate":
            raise EngineError(f"uncertainty.{name}: not a step that can vary")
        base = own.get(name)
        if base is None:
            raise EngineError(f"uncertainty.{name}: the framework has no {name!r} step to vary")
        choices: list[StepParams | None] = []
        if isinstance(value, Mapping):
            keys = list(value)
            lists = [v if isinstance(v, list) else [v] for v in value.values()]
            combos: list[list[object]] = [[]]
            for options in lists:
                combos = [[*c, o] for c in combos for o in options]
            for combo in combos:
                choices.append(parse_step(name, dict(zip(keys, combo, strict=True)), base))
        elif isinstance(value, list) and value:
            for item in value:
                off = item == "none" and name in ("treat", "impute")
                if item is False or item is None or off:
                    choices.append(None)
                elif item is True:
                    choices.append(base)
                else:
                    choices.append(parse_step(name, item, base))
        else:
            raise EngineError(f"uncertainty.{name}: expected a non-empty list or a mapping")
        alts.append((name, tuple(choices)))
    if name_dupes := [n for n, _ in alts if [m for m, _ in alts].count(n) > 1]:
        raise EngineError(f"uncertainty.{name_dupes[0]}: listed twice")
    return UncertaintySpec(weights_perturb=perturb, alternatives=tuple(alts))
