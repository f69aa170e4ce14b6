"""Writes for the marketplace: solutions of provider organisations and expert profiles."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, validate
from urbanforum.core.taxonomy import validate_domains, validate_sdgs
from urbanforum.marketplace.models import Expert, Maturity, PublicationStatus, Solution
from urbanforum.matching.models import ItemKind
from urbanforum.matching.services import content_saved

SOLUTION_FIELDS = (
    "title",
    "description",
    "domains",
    "sdgs",
    "maturity",
    "trl",
    "references",
    "pricing_model",
    "standards",
    "languages",
    "status",
)
EXPERT_FIELDS = (
    "name",
    "organisation_name",
    "country",
    "expertise",
    "languages",
    "availability",
    "past_engagements",
    "bio",
    "is_published",
)
_LANG = re.compile(r"^[a-z]{2}$")


def _list(field: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v.strip() for v in re.split(r"[,\n]", value)]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise field_error(field, "Give a list of texts.")
    return [v.strip() for v in value if v.strip()]


def _languages(value: Any) -> list[str]:
    langs = [v.lower() for v in _list("languages", value)]
    bad = [v for v in langs if not _LANG.match(v)]
    if bad:
        raise field_error("languages", f"'{bad[0]}' is not a two-letter language code.")
    return langs


def _clean_solution(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    unknown = set(out) - set(SOLUTION_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be set.")
    if "domains" in out:
        try:
            out["domains"] = validate_domains(_list("domains", out["domains"]))
        except ValueError as exc:
            raise field_error("domains", str(exc)) from exc
    if "sdgs" in out:
        try:
            out["sdgs"] = validate_sdgs([int(v) for v in out["sdgs"] or []])
        except (TypeError, ValueError) as exc:
            raise field_error("sdgs", str(exc)) from exc
    if "maturity" in out and out["maturity"] not in Maturity.values:
        raise field_error("maturity", "Choose idea, pilot or deployed.")
    if out.get("trl") is not None and not (isinstance(out["trl"], int) and 1 <= out["trl"] <= 9):
        raise field_error("trl", "The technology readiness level is a whole number from 1 to 9.")
    if "standards" in out:
        out["standards"] = _list("standards", out["standards"])
    if "languages" in out:
        out["languages"] = _languages(out["languages"])
    if "references" in out:
        refs = out["references"] or []
        if not isinstance(refs, list) or not all(
            isinstance(r, dict) and str(r.get("city") or "").strip() for r in refs
        ):
            raise field_error("references", "Each reference needs at least a city.")
        out["references"] = [
            {
                "city": str(r["city"]),
                "country": str(r.get("country") or ""),
                "year": r.get("year"),
                "outcome": str(r.get("outcome") or ""),
            }
            for r in refs
        ]
    if "status" in out and out["status"] not in PublicationStatus.values:
        raise field_error("status", "Choose draft or published.")
    return out


@transaction.atomic
def solution_create(*, actor: User, provider: Organisation, **fields: Any) -> Solution:
    require(actor, "marketplace.add_solution")
    if provider.kind != OrganisationKind.COMPANY:
        raise field_error("provider", "Solutions are offered by companies.")
    if (
        not actor.is_coordinator
        and not Membership.objects.filter(
            user=actor, organisation=provider, role__in=[Role.EDITOR, Role.ADMIN]
        ).exists()
    ):
        raise field_error("provider", "You can add solutions only for your own company.")
    values = _clean_solution(fields)
    solution = Solution(provider=provider, created_by=actor, **values)
    validate(solution, exclude=["slug", "search_text", "domain_tags", "sdg_tags"])
    solution.save()
    audit.record(actor=actor, action="solution.create", target=solution, changes=values)
    content_saved(kind=ItemKind.SOLUTION, pks=[solution.pk])
    return solution


@transaction.atomic
def solution_update(*, actor: User, solution: Solution, **fields: Any) -> Solution:
    require(actor, "marketplace.change_solution", solution)
    values = _clean_solution(fields)
    fresh = Solution.objects.select_for_update().select_related("provider").get(pk=solution.pk)
    changes = audit.diff(fresh, values)
    if not changes:
        return fresh
    for k, v in values.items():
        setattr(fresh, k, v)
    validate(fresh, exclude=["slug", "search_text", "domain_tags", "sdg_tags"])
    fresh.save()
    audit.record(actor=actor, action="solution.update", target=fresh, changes=changes)
    content_saved(kind=ItemKind.SOLUTION, pks=[fresh.pk])
    return fresh


def _clean_expert(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    unknown = set(out) - set(EXPERT_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], "This field cannot be set.")
    if "expertise" in out:
        out["expertise"] = _list("expertise", out["expertise"])
    if "past_engagements" in out:
        out["past_engagements"] = _list("past_engagements", out["past_engagements"])
    if "languages" in out:
        out["languages"] = _languages(out["languages"])
    if "country" in out:
        out["country"] = (out["country"] or "").upper()
        if out["country"] and len(out["country"]) != 2:
            raise field_error("country", "Use a two-letter country code.")
    return out


@transaction.atomic
def expert_create(*, actor: User, user: User | None = None, **fields: Any) -> Expert:
    """An expert creates their own profile (coordinators may create standalone ones)."""
    require(actor, "marketplace.add_expert")
    owner = actor if user is None and not actor.is_coordinator else user
    if owner is not None and owner != actor and not actor.is_coordinator:
        raise field_error("user", "You can create only your own expert profile.")
    if owner is not None and Expert.objects.filter(user=owner).exists():
        raise field_error("user", "This user already has an expert profile.")
    values = _clean_expert(fields)
    values.setdefault("name", owner.display_name if owner is not None else "")
    expert = Expert(user=owner, **values)
    validate(expert, exclude=["slug", "search_text", "domain_tags", "user"])
    expert.save()
    audit.record(actor=actor, action="expert.create", target=expert, changes=values)
    content_saved(kind=ItemKind.EXPERT, pks=[expert.pk])
    return expert


@transaction.atomic
def expert_update(*, actor: User, expert: Expert, **fields: Any) -> Expert:
    require(actor, "marketplace.change_expert", expert)
    values = _clean_expert(fields)
    fresh = Expert.objects.select_for_update().get(pk=expert.pk)
    changes = audit.diff(fresh, values)
    if not changes:
        return fresh
    for k, v in values.items():
        setattr(fresh, k, v)
    validate(fresh, exclude=["slug", "search_text", "domain_tags", "user"])
    fresh.save()
    audit.record(actor=actor, action="expert.update", target=fresh, changes=changes)
    content_saved(kind=ItemKind.EXPERT, pks=[fresh.pk])
    return fresh
