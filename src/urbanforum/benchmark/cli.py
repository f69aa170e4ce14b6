"""``urbanforum index …`` — build a composite index or its uncertainty from files.

Contract (docs/index-cli.md)::

    urbanforum index build --framework F.yaml --data D.csv --out results.csv [--stages DIR]
    urbanforum index uncertainty --framework F.yaml --data D.csv --runs 1000 --seed 1 \
        --out unc.csv [--sensitivity sens.csv]

:func:`main` receives the arguments after the word ``index``. Bad input: a message on stderr
and exit code 2. No Django import here (it must start fast and run anywhere).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from urbanforum.engines.benchmark.build import build
from urbanforum.engines.benchmark.framework import EngineError, Framework
from urbanforum.engines.benchmark.tabular import read_unit_table
from urbanforum.engines.benchmark.uncertainty import uncertainty


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit code and message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise EngineError(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="urbanforum index", description="Composite-index engine.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="build the index; write unit,node,score,rank")
    b.add_argument("--framework", required=True, type=Path)
    b.add_argument("--data", required=True, type=Path)
    b.add_argument("--out", required=True, type=Path)
    b.add_argument(
        "--stages",
        type=Path,
        help="write DIR/<n>-<step>.csv after each step (only then are stages kept in memory)",
    )
    u = sub.add_parser("uncertainty", help="Monte Carlo rank intervals")
    u.add_argument("--framework", required=True, type=Path)
    u.add_argument("--data", required=True, type=Path)
    u.add_argument("--runs", type=int, default=1000)
    u.add_argument("--seed", type=int, default=1)
    u.add_argument("--out", required=True, type=Path)
    u.add_argument("--sensitivity", type=Path, help="also write Sobol indices (unit,factor,...)")
    return p


def _read_inputs(args: argparse.Namespace) -> tuple[Framework, pd.DataFrame]:
    """The framework, then the data parsed once into numbers (the columns it reads)."""
    for name in ("framework", "data"):
        path: Path = getattr(args, name)
        if not path.is_file():
            raise EngineError(f"--{name}: no such file: {path}")
    framework = Framework.from_yaml(args.framework)
    spec = framework.uncertainty
    extra = [a for _, alts in spec.alternatives for a in alts] if spec is not None else []
    return framework, read_unit_table(args.data, framework, extra)


def main(argv: list[str]) -> int:
    """Run ``urbanforum index <argv>``; returns the process exit code (0 ok, 2 bad input)."""
    try:
        args = _parser().parse_args(argv)
        framework, data = _read_inputs(args)
        if args.command == "build":
            # without --stages nothing but the results and a summary is kept in memory
            result = build(framework, data, stages=args.stages is not None)
            result.results_table().to_csv(args.out, index=False)
            if args.stages is not None:
                args.stages.mkdir(parents=True, exist_ok=True)
                for name, frame in result.stages.items():
                    frame.to_csv(args.stages / f"{name}.csv")
        else:
            if args.runs < 2:
                raise EngineError("--runs: must be at least 2")
            unc = uncertainty(
                framework,
                data,
                runs=args.runs,
                seed=args.seed,
                sensitivity=args.sensitivity is not None,
            )
            unc.ranks.to_csv(args.out, index=False)
            if args.sensitivity is not None and unc.sensitivity is not None:
                unc.sensitivity.to_csv(args.sensitivity, index=False)
    except EngineError as exc:
        print(f"urbanforum index: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"urbanforum index: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help prints and exits 0; keep main()'s return contract
        return exc.code if isinstance(exc.code, int) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
