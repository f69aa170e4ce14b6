"""Writes for indicator data: imports (preview, then commit: all or nothing), the catalogue and
frameworks.

Import policy (docs/indicators.md):
- Tidy CSV/XLSX name the city by Eurostat code, slug or exact name; an unknown or ambiguous city,
  an unknown indicator, a bad year or value is an error naming the row and column.
- Eurostat bulk TSV: spatial units that are not cities (countries, FUAs, greater-city and
  sub-city variants) are skipped and counted; a city code missing from the registry is skipped
  and reported by code — bulk files cover more of Europe than any registry. Indicators missing
  from the catalogue are created with Eurostat's label (coordinators only import these files).
- Any error refuses the whole file; re-importing is idempotent (upsert on city+indicator+year).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from urbanforum.accounts.models import User
from urbanforum.cities.lookup import CityMatch, resolve_cities
from urbanforum.cities.models import City
from urbanforum.core import audit
from urbanforum.core.datadir import data_path
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error
from urbanforum.engines.benchmark import EngineError
from urbanforum.indicators.frameworks import to_engine
from urbanforum.indicators.models import (
    Framework,
    FrameworkNode,
    ImportBatch,
    ImportFormat,
    ImportStatus,
    Indicator,
    Observation,
)
from urbanforum.indicators.parsers import (
    CITY_CODE,
    Parsed,
    RawRow,
    RowError,
    parse,
    read_dictionary,
)
from urbanforum.indicators.permissions import editable_city_ids
from urbanforum.indicators.plausibility import implausible
from urbanforum.indicators.uploads import parse_upload

MAX_REPORTED_ERRORS = 500
MAX_REPORTED_CHANGES = 500
FIRST_ROWS = 10


@dataclass
class Resolved:
    rows: list[tuple[RawRow, int, str]] = field(
        default_factory=list
    )  # row, city id, indicator code
    errors: list[RowError] = field(default_factory=list)
    unknown_city: Counter[str] = field(default_factory=Counter)
    new_indicators: dict[str, str] = field(default_factory=dict)
    names: dict[str, CityMatch] = field(default_factory=dict)  # references resolved by a name


def _eurostat_labels() -> dict[str, str]:
    path = data_path("eurostat-dictionaries", "indic_ur.dic")
    return read_dictionary(path.read_text(encoding="utf-8")) if path else {}


def _resolve(parsed: Parsed, *, actor: User | None) -> Resolved:
    out = Resolved()
    refs = {r.city for r in parsed.rows}
    codes = {r.indicator for r in parsed.rows}
    catalogue = Indicator.objects.in_bulk(codes, field_name="code")
    known = set(catalogue)
    eurostat = parsed.format == ImportFormat.EUROSTAT
    if eurostat:
        labels = _eurostat_labels()
        out.new_indicators = {c: labels.get(c, c) for c in sorted(codes - known)}
        refs = {r for r in refs if CITY_CODE.match(r)}  # bulk files name cities by code only
    matches = resolve_cities(refs)
    allowed: set[int] | None = None
    if actor is not None and not actor.has_perm("indicators.import_eurostat"):
        allowed = editable_city_ids(actor)  # editors: their own cities only
    seen: dict[tuple[int, str, int], int] = {}
    for row in parsed.rows:
        match = matches.get(row.city.strip())
        city_id = match.pk if match is not None else None
        if city_id is None:
            if eurostat:
                out.unknown_city[row.city] += 1
            else:
                out.errors.append(RowError(row.row, "city", (match or CityMatch(row.city)).error()))
            continue
        if match is not None and match.by_name:
            out.names[row.city] = match
        if row.indicator not in known and not eurostat:
            out.errors.append(
                RowError(
                    row.row,
                    "indicator",
                    _("Unknown indicator '%(indicator)s': it is not in the catalogue.")
                    % {"indicator": row.indicator},
                )
            )
            continue
        bad = implausible(row, catalogue[row.indicator]) if row.indicator in known else None
        if bad is not None:
            out.errors.append(bad)
            continue
        if allowed is not None and city_id not in allowed:
            out.errors.append(
                RowError(
                    row.row,
                    "city",
                    _(
                        "You may import data only for the cities your organisation represents, not '%(city)s'."
                    )
                    % {"city": row.city},
                )
            )
            continue
        key = (city_id, row.indicator, row.year)
        if key in seen:
            out.errors.append(
                RowError(
                    row.row,
                    row.column,
                    _("Duplicate: row %(key)s has the same city, indicator and year.")
                    % {"key": seen[key]},
                )
            )
            continue
        seen[key] = row.row
        out.rows.append((row, city_id, row.indicator))
    return out


def _existing(resolved: Resolved) -> dict[tuple[int, str, int], Observation]:
    if not resolved.rows:
        return {}
    codes = {code for _, _, code in resolved.rows}
    cities = {city for _, city, _ in resolved.rows}
    qs = Observation.objects.filter(indicator__code__in=codes, city_id__in=cities).select_related(
        "indicator"
    )
    return {(o.city_id, o.indicator.code, o.year): o for o in qs}


def _new_values(row: RawRow, old: Observation | None, source: str) -> dict[str, Any]:
    """What the row would store: a unit or source the row leaves empty keeps the old one."""
    return {
        "value": row.value,
        "flags": row.flags,
        "unit": row.unit or (old.unit if old else ""),
        "source": row.source or source or (old.source if old else ""),
    }


def _changed_fields(row: RawRow, old: Observation, source: str) -> list[str]:
    new = _new_values(row, old, source)
    return [name for name, value in new.items() if getattr(old, name) != value]


def _status(row: RawRow, old: Observation | None, source: str) -> str:
    if old is None:
        return "new"
    return "updated" if _changed_fields(row, old, source) else "unchanged"


def _change(row: RawRow, old: Observation, source: str, city: str) -> dict[str, Any]:
    """One changed value, old → new, for the preview (only the fields that change)."""
    new = _new_values(row, old, source)
    changed = _changed_fields(row, old, source)
    return {
        "row": row.row,
        "city": city,
        "indicator": old.indicator.code,
        "year": row.year,
        "fields": [
            {"field": name, "old": getattr(old, name), "new": new[name]} for name in changed
        ],
    }


def _report(parsed: Parsed, resolved: Resolved, source: str) -> dict[str, Any]:
    existing = _existing(resolved)
    counts: Counter[str] = Counter()
    first: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    statuses = []
    for row, city_id, code in resolved.rows:
        old = existing.get((city_id, code, row.year))
        status = _status(row, old, source)
        counts[status] += 1
        statuses.append((row, city_id, code, old, status))
    shown = {c for _, c, _ in resolved.rows[:FIRST_ROWS]} | {
        c for _, c, _, _, s in statuses if s == "updated"
    }
    names = dict(City.objects.filter(pk__in=shown).values_list("pk", "name"))
    for row, city_id, code, old, status in statuses:
        city = names.get(city_id, row.city)
        if len(first) < FIRST_ROWS:
            first.append(
                {
                    "row": row.row,
                    "city": city,
                    "city_ref": row.city,
                    "indicator": code,
                    "year": row.year,
                    "value": row.value,
                    "old_value": old.value if old is not None and status == "updated" else None,
                    "unit": row.unit,
                    "flags": row.flags,
                    "status": status,
                }
            )
        if status == "updated" and old is not None and len(changes) < MAX_REPORTED_CHANGES:
            changes.append(_change(row, old, source, city))
    errors = [e.as_dict() for e in sorted(parsed.errors + resolved.errors, key=lambda e: e.row)]
    years = [r.year for r, _, _ in resolved.rows]
    return {
        "format": parsed.format,
        "values": len(resolved.rows),
        "new": counts["new"],
        "updated": counts["updated"],
        "unchanged": counts["unchanged"],
        "changes": changes,
        "missing": parsed.missing,
        "skipped_not_city": sum(parsed.not_city.values()),
        "skipped_not_city_units": len(parsed.not_city),
        "skipped_unknown_city": sum(resolved.unknown_city.values()),
        "skipped_older_version": parsed.superseded,
        "skipped_lines": [n.as_dict() for n in parsed.notes],
        "unknown_cities": sorted(resolved.unknown_city),
        "cities_by_name": [
            {
                "ref": m.ref,
                "city": m.name,
                "matched": m.matched,
                "by_local_name": m.matched == "local name",
            }
            for m in sorted(resolved.names.values(), key=lambda m: m.ref)
        ],
        "cities": len({c for _, c, _ in resolved.rows}),
        "indicators": sorted({c for _, _, c in resolved.rows}),
        "new_indicators": [{"code": c, "name": n} for c, n in resolved.new_indicators.items()],
        "years": [min(years), max(years)] if years else [],
        "first_rows": first,
        "error_count": len(errors),
        "errors": errors[:MAX_REPORTED_ERRORS],
    }


def _write(resolved: Resolved, *, batch: ImportBatch | None, source: str) -> dict[str, int]:
    """Upsert every resolved row (inside the caller's transaction)."""
    for code, name in resolved.new_indicators.items():
        Indicator.objects.get_or_create(
            code=code,
            defaults={"name": name[:300], "source": source[:200] or "Eurostat", "theme": code[:2]},
        )
    ids = dict(
        Indicator.objects.filter(code__in={c for _, _, c in resolved.rows}).values_list(
            "code", "pk"
        )
    )
    existing = _existing(resolved)
    now = timezone.now()
    new: list[Observation] = []
    changed: list[Observation] = []
    unchanged = 0
    for row, city_id, code in resolved.rows:
        old = existing.get((city_id, code, row.year))
        status = _status(row, old, source)
        if status == "unchanged":
            unchanged += 1
        elif old is None:
            new.append(
                Observation(
                    city_id=city_id,
                    indicator_id=ids[code],
                    year=row.year,
                    value=row.value,
                    unit=row.unit,
                    source=row.source or source,
                    flags=row.flags,
                    batch=batch,
                )
            )
        else:
            for name, value in _new_values(row, old, source).items():
                setattr(old, name, value)
            old.batch, old.updated_at = batch, now
            changed.append(old)
    Observation.objects.bulk_create(new, batch_size=2000)
    Observation.objects.bulk_update(
        changed, ["value", "flags", "unit", "source", "batch", "updated_at"], batch_size=2000
    )
    return {"new": len(new), "updated": len(changed), "unchanged": unchanged}


@transaction.atomic
def import_preview(
    *, actor: User, filename: str, content: bytes, fmt: str | None = None, source: str = ""
) -> ImportBatch:
    """Read the file and keep it as a batch in preview: counts, first rows, every error."""
    require(actor, "indicators.import_observations")
    filename, source = filename.replace("\x00", ""), source.replace("\x00", "")
    parsed = parse_upload(filename, content, fmt)
    if parsed.format == ImportFormat.EUROSTAT:
        require(actor, "indicators.import_eurostat")
    resolved = _resolve(parsed, actor=actor)
    batch = ImportBatch.objects.create(
        created_by=actor,
        filename=filename[:255],
        format=parsed.format,
        source=source[:200],
        status=ImportStatus.PREVIEW,
        content=content,
        report=_report(parsed, resolved, source),
    )
    audit.record(
        actor=actor,
        action="indicators.import_preview",
        target=batch,
        changes={"values": batch.report["values"], "errors": batch.report["error_count"]},
    )
    return batch


@transaction.atomic
def import_commit(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Import a previewed file: every row or, on any error, none."""
    require(actor, "indicators.commit_importbatch", batch)
    require(actor, "indicators.import_observations")
    fresh = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if fresh.status != ImportStatus.PREVIEW:
        raise field_error("batch", _("This file has already been imported."))
    if fresh.format == ImportFormat.EUROSTAT:
        require(actor, "indicators.import_eurostat")
    parsed = parse(bytes(fresh.content), fresh.format)
    resolved = _resolve(parsed, actor=actor)
    report = _report(parsed, resolved, fresh.source)
    if report["error_count"]:
        first = report["errors"][0]
        raise ValidationError(
            {
                "file": [
                    ngettext(
                        "%(n)s error; nothing was imported. First: row %(row)s, "
                        "column '%(column)s': %(message)s",
                        "%(n)s errors; nothing was imported. First: row %(row)s, "
                        "column '%(column)s': %(message)s",
                        report["error_count"],
                    )
                    % {
                        "n": report["error_count"],
                        "row": first["row"],
                        "column": first["column"],
                        "message": first["message"],
                    }
                ]
            }
        )
    written = _write(resolved, batch=fresh, source=fresh.source)
    report.update(written)
    fresh.report, fresh.status, fresh.committed_at = report, ImportStatus.COMMITTED, timezone.now()
    fresh.save(update_fields=["report", "status", "committed_at"])
    audit.record(actor=actor, action="indicators.import_commit", target=fresh, changes=written)
    emit(
        DomainEvent(
            "indicators.imported", actor_id=actor.pk, payload={"batch": fresh.pk, **written}
        )
    )
    return fresh


@transaction.atomic
def observations_load_system(
    *, filename: str, source: str, parsed: Parsed, indicators: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The demo and `urbanforum data` path: no user, the same validation and upsert.

    `indicators` creates or updates catalogue entries first (code, name, unit, direction, …)."""
    for spec in indicators or []:
        Indicator.objects.update_or_create(
            code=spec["code"], defaults={k: v for k, v in spec.items() if k != "code"}
        )
    resolved = _resolve(parsed, actor=None)
    report = _report(parsed, resolved, source)
    if report["error_count"]:
        first = report["errors"][0]
        raise ValidationError(
            _("%(filename)s: row %(row)s, column '%(column)s': %(message)s")
            % {
                "filename": filename,
                "row": first["row"],
                "column": first["column"],
                "message": first["message"],
            }
        )
    batch = ImportBatch.objects.create(
        created_by=None,
        filename=filename,
        format=parsed.format,
        source=source[:200],
        status=ImportStatus.COMMITTED,
        content=b"",
        report={},
        committed_at=timezone.now(),
    )
    report.update(_write(resolved, batch=batch, source=source))
    batch.report = report
    batch.save(update_fields=["report"])
    audit.record(
        actor=None,
        action="indicators.import_commit",
        target=batch,
        changes={k: report[k] for k in ("new", "updated", "unchanged")},
    )
    return report


@transaction.atomic
def framework_save(*, definition: dict[str, Any], actor: User | None = None) -> Framework:
    """Create or replace a framework from a plain definition (the demo, a YAML upload).

    definition: {code, name, description, steps, uncertainty, nodes: [{code, name, parent,
    weight, direction, indicator, denominator, goalposts: {worst, best}}]} — parents before
    children. Validated by the engine before anything is written."""
    if actor is not None:
        require(actor, "indicators.change_framework")
    nodes = definition.get("nodes") or []
    try:
        to_engine(definition)
    except EngineError as exc:
        raise field_error("nodes", str(exc)) from exc
    codes = {n["indicator"] for n in nodes if n.get("indicator")} | {
        n["denominator"] for n in nodes if n.get("denominator")
    }
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    missing = sorted(codes - set(indicators))
    if missing:
        raise field_error(
            "nodes", _("Unknown indicator(s): %(missing)s.") % {"missing": ", ".join(missing)}
        )
    fw, _created = Framework.objects.update_or_create(
        code=definition["code"],
        defaults={
            "name": definition.get("name", definition["code"]),
            "description": definition.get("description", ""),
            "steps": definition.get("steps") or [],
            "uncertainty": definition.get("uncertainty") or {},
        },
    )
    fw.nodes.all().delete()
    made: dict[str, FrameworkNode] = {}
    for position, n in enumerate(nodes):
        gp = n.get("goalposts") or {}
        made[n["code"]] = FrameworkNode.objects.create(
            framework=fw,
            code=n["code"],
            name=n.get("name") or n["code"],
            parent=made.get(n.get("parent") or ""),
            weight=float(n.get("weight", 1)),
            direction=int(n.get("direction", 1)),
            indicator=indicators.get(n.get("indicator") or ""),
            denominator=indicators.get(n.get("denominator") or ""),
            goalpost_worst=gp.get("worst"),
            goalpost_best=gp.get("best"),
            position=position,
        )
    audit.record(
        actor=actor, action="indicators.framework_save", target=fw, changes={"nodes": len(nodes)}
    )
    return fw
