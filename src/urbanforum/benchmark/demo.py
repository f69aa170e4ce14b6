"""`urbanforum demo`: nominal Smart City Profile runs for the latest year with enough coverage
(the Baltic Sea Region and all cities with data) and one Monte Carlo run for the BSR, so the
dashboard shows real numbers at once. They are published as the official runs (the public
default). Idempotent: existing demo runs are kept (and published if they were not)."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import OutputWrapper
from django.core.management.color import Style

from urbanforum.benchmark.models import BenchmarkRun, PeerGroup, RunStatus
from urbanforum.benchmark.services import run_create, run_execute, run_publish
from urbanforum.indicators.models import Framework, Observation
from urbanforum.indicators.smart_city import FRAMEWORK_CODE

DEMO_UNCERTAINTY_RUNS = 200
MIN_CITIES = 10


def demo_year(framework: Framework) -> int | None:
    """The latest year in which at least MIN_CITIES BSR cities have a value for most indicators:
    the year of the latest survey wave (perception indicators drive coverage)."""
    codes = list(framework.nodes.exclude(indicator=None).values_list("indicator__code", flat=True))
    years = (
        Observation.objects.filter(
            indicator__code__in=codes,
            indicator__source__startswith="Eurostat urb_percep",
            city__is_bsr=True,
        )
        .values_list("year", flat=True)
        .distinct()
    )
    candidates = sorted(set(years), reverse=True)
    for year in candidates:
        n = (
            Observation.objects.filter(indicator__code__in=codes, year=year, city__is_bsr=True)
            .values("city")
            .distinct()
            .count()
        )
        if n >= MIN_CITIES:
            return year
    return None


def load(*, stdout: OutputWrapper, style: Style) -> None:
    started = time.monotonic()
    framework = Framework.objects.filter(code=FRAMEWORK_CODE).first()
    if framework is None:
        stdout.write(style.WARNING("Benchmark: no Smart City Profile framework; skipped."))
        return
    year = demo_year(framework)
    if year is None:
        stdout.write(
            style.WARNING(
                "Benchmark: not enough indicator data for a demo run (see the indicator messages above)."
            )
        )
        return
    plans = [(PeerGroup.ALL, 0), (PeerGroup.BSR, 0), (PeerGroup.BSR, DEMO_UNCERTAINTY_RUNS)]
    for group, runs in plans:
        existing = BenchmarkRun.objects.filter(
            framework=framework,
            year=year,
            peer_group=group,
            uncertainty_runs=runs,
            step_changes={},
            created_by=None,
            status=RunStatus.DONE,
        ).first()
        if existing is not None:
            if not existing.is_official:
                run_publish(actor=None, run=existing)
            continue
        try:
            run = run_create(
                actor=None, framework=framework, year=year, peer_group=group, uncertainty_runs=runs
            )
            if runs:
                run = run_execute(run_id=run.pk)  # the demo waits instead of needing a worker
            if run.status == RunStatus.DONE:
                # The demo's runs are the official ones: the public pages show them.
                run = run_publish(actor=None, run=run)
        except ValidationError as exc:
            stdout.write(
                style.WARNING(f"Benchmark: {group} {year} refused: {'; '.join(exc.messages)}")
            )
            continue
        stdout.write(
            f"Benchmark: run {run.pk} ({run.get_peer_group_display()}, {year}{f', {runs} Monte Carlo runs' if runs else ''}): {run.status}."
        )
    stdout.write(style.SUCCESS(f"Benchmark: demo runs ready ({time.monotonic() - started:.1f} s)."))
