"""Writes for good practices: create, update, and the JSON Lines import (the CLI contract)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User
from urbanforum.cities.models import City
from urbanforum.cities.selectors import cities_edited_by
from urbanforum.cities.services import find_or_create_city
from urbanforum.core import audit
from urbanforum.core.countries import is_country_code
from urbanforum.core.domain_labels import domain_for
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.permissions import require
from urbanforum.core.schemas import parse
from urbanforum.core.services import field_error, update, validate
from urbanforum.matching.services import content_saved
from urbanforum.practices.models import GoodPractice, PracticeStatus
from urbanforum.practices.schemas import PracticeFields
from urbanforum.practices.searchable import KIND

# Derived columns: computed on save, never validated as input.
DERIVED = ["slug", "search_text", "domain_tags", "sdg_tags"]


@transaction.atomic
def practice_create(*, actor: User, city: City, fields: PracticeFields) -> GoodPractice:
    """A new practice for `city`, authored by its administration. City editors may only create
    practices for their own city."""
    require(actor, "practices.add_goodpractice")
    if not actor.is_coordinator and not cities_edited_by(actor).filter(pk=city.pk).exists():
        raise field_error(
            "city", _("You can add practices only for the city your organisation represents.")
        )
    values = fields.values()
    practice = GoodPractice(
        city=city, author_organisation=city.administration, created_by=actor, **values
    )
    validate(practice, exclude=DERIVED)
    practice.save()
    audit.record(actor=actor, action="practice.create", target=practice, changes=values)
    emit(DomainEvent("practice.created", actor.pk, {"practice_id": practice.pk}))
    content_saved(kind=KIND, pks=[practice.pk])
    return practice


@transaction.atomic
def practice_update(
    *, actor: User, practice: GoodPractice, changes: PracticeFields
) -> GoodPractice:
    require(actor, "practices.change_goodpractice", practice)
    updated = update(
        practice,
        actor=actor,
        values=changes.values(),
        action="practice.update",
        validate_exclude=DERIVED,
    )
    fresh = updated.instance
    if not updated.changed:
        return fresh
    if "status" in updated.changes and fresh.status == PracticeStatus.PUBLISHED:
        emit(DomainEvent("practice.published", actor.pk, {"practice_id": fresh.pk}))
    content_saved(kind=KIND, pks=[fresh.pk])
    return fresh


# --------------------------------------------------------------------------- import
@dataclass
class ImportStats:
    created: int
    updated: int
    cities_created: int
    warnings: list[str] = field(default_factory=list)


REQUIRED = ("id", "title", "summary", "city", "country")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,119}$")


def _domains_as_written(n: int, values: list[Any]) -> tuple[list[str], list[str], list[str]]:
    """Domains as people write them (any case, spaces or hyphens, a label in any of the site's
    languages, a common synonym) → (domain slugs, the values that name no domain — kept as
    keywords —, warnings naming the line)."""
    domains: list[str] = []
    keywords: list[str] = []
    warnings: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise ValidationError(
                _("line %(n)s: %(field)s: %(message)s")
                % {
                    "n": n,
                    "field": "domains",
                    "message": _("'%(value)s' is not a text") % {"value": value},
                }
            )
        if not value.strip():
            continue
        slug = domain_for(value)
        if slug is None:
            keywords.append(value.strip()[:100])
            warnings.append(
                _(
                    "line %(n)s: domains: '%(value)s' is not a domain of the platform; "
                    "kept as a keyword"
                )
                % {"n": n, "value": value.strip()}
            )
        elif slug not in domains:
            domains.append(slug)
    return domains, keywords, warnings


def _import_values(n: int, raw: dict[str, Any]) -> dict[str, Any]:
    def err(field: str, message: str) -> ValidationError:
        return ValidationError(
            _("line %(n)s: %(field)s: %(message)s") % {"n": n, "field": field, "message": message}
        )

    for f in REQUIRED:
        if not isinstance(raw.get(f), str) or not raw[f].strip():
            raise err(f, _("is required (a non-empty text)"))
    if not _ID.match(raw["id"]):
        raise err(
            "id", _("'%(raw)s' is not a valid id (letters, digits, - _ . :)") % {"raw": raw["id"]}
        )
    country = raw["country"].strip().upper()
    if len(country) != 2 or not is_country_code(country):
        raise err(
            "country",
            _("'%(country)s' is not an ISO 3166-1 alpha-2 country code")
            % {"country": raw["country"]},
        )
    for f in ("domains", "sdgs", "keywords"):
        if f in raw and raw[f] is not None and not isinstance(raw[f], list):
            raise err(f, _("must be a list"))
    domains, keywords, warnings = _domains_as_written(n, raw.get("domains") or [])
    for k in raw.get("keywords") or []:
        if not isinstance(k, str):
            raise err("keywords", _("'%(value)s' is not a text") % {"value": k})
        if k.strip() and k.strip() not in keywords:
            keywords.append(k.strip()[:100])
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise err("year", _("'%(year)s' is not a year") % {"year": year})
    years = raw.get("years") if isinstance(raw.get("years"), dict) else {}
    transfer = raw.get("transfer") or raw.get("transferability") or {}
    fields: dict[str, Any] = {
        "title": raw["title"].strip()[:250],
        "summary": raw["summary"].strip(),
        "description": raw.get("description") or "",
        "domains": domains,
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
        fields = parse(PracticeFields, fields).values()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise err(field, messages[0]) from exc
    if fields["year_start"] and fields["year_end"] and fields["year_start"] > fields["year_end"]:
        raise err("years", _("the practice ends before it starts"))
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
        "keywords": keywords,
        "warnings": warnings,
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
            raise ValidationError(
                _("line %(n)s: not valid JSON (%(msg)s)") % {"n": n, "msg": exc.msg}
            ) from exc
        if not isinstance(raw, dict):
            raise ValidationError(_("line %(n)s: not a JSON object") % {"n": n})
        record = _import_values(n, raw)
        if record["external_id"] in seen:
            raise ValidationError(
                _("line %(n)s: id: '%(external_id)s' was already on line %(line)s")
                % {
                    "n": n,
                    "external_id": record["external_id"],
                    "line": seen[record["external_id"]],
                }
            )
        seen[record["external_id"]] = n
        record["line"] = n
        records.append(record)
    return records


def _city_of_line(line: int, name: str, country: str, new_cities: list[City]) -> City:
    """The city a line names (cities.lookup: local names work); a name that fits several
    cities of the country is refused naming the line and the candidates."""
    try:
        return find_or_create_city(name, country, new_cities)
    except ValidationError as exc:
        raise ValidationError(
            _("line %(n)s: city: %(message)s") % {"n": line, "message": " ".join(exc.messages)}
        ) from exc


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
        city = _city_of_line(r["line"], r["city_name"], r["country"], new_cities)
        practice: GoodPractice = existing.get(r["external_id"]) or GoodPractice(
            external_id=r["external_id"]
        )
        is_new = practice.pk is None
        for k, v in r["fields"].items():
            setattr(practice, k, v)
        practice.city = city
        practice.keywords = r["keywords"]
        practice.illustrative = r["illustrative"]
        practice.illustrative_fields = r["illustrative_fields"]
        practice.status = PracticeStatus.PUBLISHED
        if practice.author_organisation_id is None:
            practice.author_organisation = city.administration
        practice.save()
        practice.partner_cities.set(
            [
                _city_of_line(r["line"], name, country, new_cities)
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
        content_saved(kind=KIND, pks=touched)
    return ImportStats(
        created=created,
        updated=updated,
        cities_created=len(new_cities),
        warnings=[w for r in records for w in r["warnings"]],
    )
