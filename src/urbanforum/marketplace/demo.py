"""Demo solutions (fictional providers) and expert profiles (fictional people), idempotent by id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import OutputWrapper
from django.core.management.color import Style
from django.db import transaction

from urbanforum.accounts.models import Organisation, OrganisationKind
from urbanforum.marketplace.models import Expert, Maturity, Solution

DIR = Path(__file__).parent / "demo"


def _lines(name: str) -> list[dict[str, Any]]:
    text = (DIR / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@transaction.atomic
def load(*, stdout: OutputWrapper, style: Style) -> None:
    new_solutions = new_experts = 0
    for raw in _lines("solutions.jsonl"):
        provider, _ = Organisation.objects.get_or_create(
            name=raw["provider"],
            defaults={
                "kind": OrganisationKind.COMPANY,
                "country": raw.get("provider_country", ""),
                "description": "A fictional solution provider used in the demo.",
            },
        )
        solution = Solution.objects.filter(external_id=raw["id"]).first() or Solution(
            external_id=raw["id"]
        )
        new_solutions += solution.pk is None
        solution.title = raw["title"][:250]
        solution.provider = provider
        solution.description = raw["description"]
        solution.domains = raw.get("domains", [])
        maturity = str(raw.get("maturity") or "")
        solution.maturity = maturity if maturity in Maturity.values else Maturity.PILOT
        solution.trl = raw.get("trl")
        solution.references = raw.get("references", [])
        solution.pricing_model = (raw.get("pricing_model") or "")[:300]
        solution.standards = raw.get("standards", [])
        solution.languages = raw.get("languages", [])
        solution.illustrative = bool(raw.get("illustrative"))
        solution.save()
    for raw in _lines("experts.jsonl"):
        expert = Expert.objects.filter(external_id=raw["id"]).first() or Expert(
            external_id=raw["id"]
        )
        new_experts += expert.pk is None
        expert.name = raw["name"]
        expert.organisation_name = raw.get("organisation", "")
        expert.country = raw.get("country", "")
        expert.expertise = raw.get("expertise", [])
        expert.languages = raw.get("languages", [])
        expert.availability = raw.get("availability", "")
        expert.past_engagements = raw.get("past_engagements", [])
        expert.bio = raw.get("bio", "")
        expert.is_fictional = bool(raw.get("is_fictional"))
        expert.save()
    stdout.write(
        style.SUCCESS(
            f"Marketplace: {new_solutions} new solutions, {new_experts} new experts "
            f"({Solution.objects.count()} and {Expert.objects.count()} in all)."
        )
    )
