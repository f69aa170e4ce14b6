"""Writes for good practices: create, update, and the JSON Lines import (the CLI contract)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.cities.models import City
from urbanforum.core import audit
from urbanforum.core.countries import is_country_code
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.core.taxonomy import validate_domains, validate_sdg_targets, validate_sdgs
from urbanforum.core.text import fold
from urbanforum.matching.models import ItemKind
from urbanforum.matching.services import content_saved
from urbanforum.practices.models import CITY_SIZES, GoodPractice, PracticeStatus

EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "organisations",
    "year_start",
    "year_end",
    "domains",
    "sdgs",
    "sdg_targets",
    "problem",
    "what_was_done",
    "costs",
    "results",
    "kpis",
    "what_worked",
    "what_did_not_work",
    "transfer_conditions",
    "transfer_city_sizes",
    "transfer_climate",
    "contacts",
    "sources",
    "language",
    "status",
)


def _str_list(field: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.splitlines()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise field_error(field, "Give a list of texts.")
    return [v for v in value if v]


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """Normalise and validate the practice fields; errors name the field."""
    out = dict(fields)
    try:
        if "domains" in out:
            out["domains"] = validate_domains(list(out["domains"] or []))
    except ValueError as exc:
        raise field_error("domains", str(exc)) from exc
    try:
        if "sdgs" in out:
            out["sdgs"] = validate_sdgs([int(v) for v in out["sdgs"] or []])
    except (TypeError, ValueError) as exc:
        raise field_error("sdgs", str(exc)) from exc
    try:
        if "sdg_targets" in out:
            out["sdg_targets"] = validate_sdg_targets(list(out["sdg_targets"] or []))
    except ValueError as exc:
        raise field_error("sdg_targets", str(exc)) from exc
    if out.get("sdg_targets") and "sdgs" in out:
        goals = set(out["sdgs"])
        for target in out["sdg_targets"]:
            if int(target.split(".")[0]) not in goals:
                raise field_error(
                    "sdg_targets", f"Target {target}'s goal is not among the SDG goals."
                )
    for name in ("organisations", "contacts", "sources"):
        if name in out:
            out[name] = _str_list(name, out[name])
    if "transfer_city_sizes" in out:
        sizes = _str_list("transfer_city_sizes", out["transfer_city_sizes"])
        bad = [s for s in sizes if s not in CITY_SIZES]
        if bad:
            raise field_error(
                "transfer_city_sizes", f"'{bad[0]}' is not a city size ({', '.join(CITY_SIZES)})."
            )
        out["transfer_city_sizes"] = sizes
    if "kpis" in out:
        out["kpis"] = _clean_kpis(out["kpis"])
    for name in ("year_start", "year_end"):
        year = out.get(name)
        if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
            raise field_error(name, "Give a year between 1900 and 2100.")
    if "language" in out and not re.fullmatch(r"[a-z]{2}", out["language"] or ""):
        raise field_error("language", "Use a two-letter ISO 639-1 code such as en or fi.")
    if "status" in out and out["status"] not in PracticeStatus.values:
        raise field_error("status", "Choose draft or published.")
    return out


def _clean_kpis(value: Any) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise field_error("kpis", "Give a list of KPIs {name, unit, baseline, result, year}.")
    rows = []
    for i, kpi in enumerate(value, start=1):
        if not isinstance(kpi, dict) or not str(kpi.get("name") or "").strip():
            raise field_error("kpis", f"KPI {i}: a name is required.")
        row = {
            "name": str(kpi["name"]).strip(),
            "unit": str(kpi.get("unit") or ""),
            "baseline": kpi.get("baseline"),
            "result": kpi.get("result"),
            "year": kpi.get("year"),
        }
        for num in ("baseline", "result"):
            if row[num] is not None and not isinstance(row[num], int | float | str):
                raise field_error("kpis", f"KPI {i}: {num} must be a number or text.")
        if row["year"] is not None and not isinstance(row["year"], int):
            raise field_error("kpis", f"KPI {i}: year must be a whole number.")
        rows.append(row)
    return rows


def _author_for(actor: User, city: City) -> Organisation | None:
    if (
        city.administration_id
        and Membership.objects.filter(
            user=actor,
            organisation_id=city.administration_id or 0,
            role__in=[Role.EDITOR, Role.ADMIN],
        ).exists()
    ):
        return city.administration
    return city.administration


@transaction.atomic
def practice_create(*, actor: User, city: City, **fields: Any) -> GoodPractice:
    """A new practice for `city`. City editors may only create practices for their own city."""
    require(actor, "practices.add_goodpractice")
    if (
        not actor.is_coordinator
        and not Membership.objects.filter(
            user=actor,
            organisation_id=city.administration_id or 0,
            role__in=[Role.EDITOR, Role.ADMIN],
        ).exists()
    ):
        raise field_error(
            "city", "You can add practices only for the city your organisation represents."
        )
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be set.")
    values = _clean(fields)
    practice = GoodPractice(
        city=city, author_organisation=_author_for(actor, city), created_by=actor, **values
    )
    validate(practice, exclude=["slug", "search_text", "domain_tags", "sdg_tags"])
    practice.save()
    audit.record(actor=actor, action="practice.create", target=practice, changes=values)
    emit(DomainEvent("practice.created", actor.pk, {"practice_id": practice.pk}))
    content_saved(kind=ItemKind.PRACTICE, pks=[practice.pk])
    return practice


@transaction.atomic
def practice_update(*, actor: User, practice: GoodPractice, **fields: Any) -> GoodPractice:
    require(actor, "practices.change_goodpractice", practice)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be changed.")
    values = _clean(fields)
    fresh = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    changes = audit.diff(fresh, values)
    if not changes:
        return fresh
    for k, v in values.items():
        setattr(fresh, k, v)
    validate(fresh, exclude=["slug", "search_text", "domain_tags", "sdg_tags"])
    fresh.save()
    audit.record(actor=actor, action="practice.update", target=fresh, changes=changes)
    if "status" in changes and fresh.status == PracticeStatus.PUBLISHED:
        emit(DomainEvent("practice.published", actor.pk, {"practice_id": fresh.pk}))
    content_saved(kind=ItemKind.PRACTICE, pks=[fresh.pk])
    return fresh


# --------------------------------------------------------------------------- import
@dataclass
class ImportStats:
    created: int
    updated: int
    cities_created: int


REQUIRED = ("id", "title", "summary", "city", "country")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$")


def find_or_create_city(name: str, country: str, created: list[City] | None = None) -> City:
    """A city by name (or local name) and country, the most populous if several; else a new
    registry entry with just the name and the country."""
    folded = fold(name)
    candidates = [
        c
        for c in City.objects.filter(country=country, search_text__contains=folded).order_by(
            "-population", "pk"
        )
        if folded in c.search_text.split(" | ")
    ]
    if candidates:
        return candidates[0]
    base = slugify(f"{name}-{country}") or f"city-{country.lower()}"
    slug, n = base, 2
    while City.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    city = City(name=name, slug=slug, country=country)
    city.save()
    if created is not None:
        created.append(city)
    return city


def _import_values(n: int, raw: dict[str, Any]) -> dict[str, Any]:
    def err(field: str, message: str) -> ValidationError:
        return ValidationError(f"line {n}: {field}: {message}")

    for f in REQUIRED:
        if not isinstance(raw.get(f), str) or not raw[f].strip():
            raise err(f, "is required (a non-empty text)")
    if not _ID.match(raw["id"]):
        raise err("id", f"'{raw['id']}' is not a valid id (letters, digits, - _ . :)")
    country = raw["country"].strip().upper()
    if len(country) != 2 or not is_country_code(country):
        raise err("country", f"'{raw['country']}' is not an ISO 3166-1 alpha-2 country code")
    for f in ("domains", "sdgs"):
        if f in raw and not isinstance(raw[f], list):
            raise err(f, "must be a list")
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise err("year", f"'{year}' is not a year")
    years = raw.get("years") if isinstance(raw.get("years"), dict) else {}
    transfer = raw.get("transfer") or raw.get("transferability") or {}
    fields: dict[str, Any] = {
        "title": raw["title"].strip()[:250],
        "summary": raw["summary"].strip(),
        "description": raw.get("description") or "",
        "domains": raw.get("domains") or [],
        "sdgs": raw.get("sdgs") or [],
        "sdg_targets": raw.get("sdg_targets") or [],
        "year_start": years.get("start", year) if years else year,
        "year_end": years.get("end") if years else None,
        "organisations": raw.get("organisations") or [],
        "problem": raw.get("problem") or "",
        "what_was_done": raw.get("what_was_done") or "",
        "costs": raw.get("costs") or "",
        "results": raw.get("results") or "",
        "kpis": raw.get("kpis") or [],
        "what_worked": raw.get("what_worked") or "",
        "what_did_not_work": raw.get("what_did_not_work") or "",
        "transfer_conditions": (transfer.get("conditions") or "")
        if isinstance(transfer, dict)
        else "",
        "transfer_city_sizes": (transfer.get("city_size") or [])
        if isinstance(transfer, dict)
        else [],
        "transfer_climate": (transfer.get("climate") or "") if isinstance(transfer, dict) else "",
        "contacts": raw.get("contacts") or [],
        "sources": raw.get("sources") or [],
        "language": raw.get("language") or "en",
    }
    try:
        fields = _clean(fields)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise err(field, messages[0]) from exc
    if fields["year_start"] and fields["year_end"] and fields["year_start"] > fields["year_end"]:
        raise err("years", "the practice ends before it starts")
    return {
        "external_id": raw["id"],
        "city_name": raw["city"].strip(),
        "country": country,
        "partner_cities": [
            (str(p.get("city", "")).strip(), str(p.get("country", "")).strip().upper())
            for p in raw.get("partner_cities") or []
            if isinstance(p, dict)
            and p.get("city")
            and is_country_code(str(p.get("country", "")).upper())
        ],
        "illustrative": bool(raw.get("illustrative")),
        "illustrative_fields": [str(f) for f in raw.get("illustrative_fields") or []],
        "fields": fields,
    }


def parse_jsonl(text: str) -> list[dict[str, Any]]:
    """Parse and validate every line first; the first bad line raises ValidationError naming it."""
    records = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"line {n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(raw, dict):
            raise ValidationError(f"line {n}: not a JSON object")
        record = _import_values(n, raw)
        if record["external_id"] in seen:
            raise ValidationError(
                f"line {n}: id: '{record['external_id']}' was already on line {seen[record['external_id']]}"
            )
        seen[record["external_id"]] = n
        records.append(record)
    return records


@transaction.atomic
def practices_import(*, actor: User | None, text: str) -> ImportStats:
    """Import JSON Lines; idempotent by "id" (kept as external_id). All or nothing.

    `actor=None` is the command line (the operator); from the web or API the actor must be a
    coordinator. Imported practices are published and authored by the city's administration."""
    if actor is not None:
        require(actor, "practices.import_goodpractice")
    records = parse_jsonl(text)
    existing = GoodPractice.objects.in_bulk(
        [r["external_id"] for r in records], field_name="external_id"
    )
    new_cities: list[City] = []
    created = updated = 0
    touched: list[int] = []
    for r in records:
        city = find_or_create_city(r["city_name"], r["country"], new_cities)
        practice: GoodPractice = existing.get(r["external_id"]) or GoodPractice(
            external_id=r["external_id"]
        )
        is_new = practice.pk is None
        for k, v in r["fields"].items():
            setattr(practice, k, v)
        practice.city = city
        practice.illustrative = r["illustrative"]
        practice.illustrative_fields = r["illustrative_fields"]
        practice.status = PracticeStatus.PUBLISHED
        if practice.author_organisation_id is None:
            practice.author_organisation = city.administration
        practice.save()
        practice.partner_cities.set(
            [
                find_or_create_city(name, country, new_cities)
                for name, country in r["partner_cities"]
            ]
        )
        touched.append(practice.pk)
        created += is_new
        updated += not is_new
    audit.record(
        actor=actor,
        action="practice.import",
        target_type="practices.goodpractice",
        target_label="JSON Lines import",
        changes={"created": created, "updated": updated, "cities_created": len(new_cities)},
    )
    if touched:
        content_saved(kind=ItemKind.PRACTICE, pks=touched)
    return ImportStats(created=created, updated=updated, cities_created=len(new_cities))


def is_city_administration(org: Organisation | None) -> bool:
    return org is not None and org.kind == OrganisationKind.CITY_ADMINISTRATION
