"""Demo challenges (illustrative scenarios attributed to real cities), idempotent by id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import OutputWrapper
from django.core.management.color import Style
from django.db import transaction

from urbanforum.challenges.models import Challenge, ChallengeCity
from urbanforum.cities.services import find_or_create_city

FILE = Path(__file__).parent / "demo" / "challenges.jsonl"


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"- {v}" for v in value)
    return str(value or "")


@transaction.atomic
def load(*, stdout: OutputWrapper, style: Style) -> None:
    created = 0
    for line in FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        city = find_or_create_city(raw["owner_city"], raw["owner_country"])
        challenge = Challenge.objects.filter(external_id=raw["id"]).first() or Challenge(
            external_id=raw["id"]
        )
        created += challenge.pk is None
        challenge.title = raw["title"][:200]
        challenge.owner_city = city
        challenge.owner_organisation = city.administration
        challenge.problem_statement = raw["problem_statement"]
        challenge.context = raw.get("context", "")
        challenge.desired_outcomes = _text(raw.get("desired_outcomes"))
        challenge.constraints = _text(raw.get("constraints"))
        challenge.budget_min_eur = raw.get("budget_min_eur")
        challenge.budget_max_eur = raw.get("budget_max_eur")
        challenge.timeline = (raw.get("timeline") or "")[:200]
        challenge.domains = raw.get("domains", [])
        challenge.sdgs = raw.get("sdgs", [])
        challenge.sdg_targets = raw.get("sdg_targets", [])
        challenge.status = raw.get("status", "open")
        challenge.visibility = raw.get("visibility", "public")
        challenge.language = raw.get("language", "en")
        challenge.illustrative = bool(raw.get("illustrative"))
        challenge.save()
        for co in raw.get("co_owner_cities", []):
            co_city = find_or_create_city(co["city"], co["country"])
            ChallengeCity.objects.get_or_create(
                challenge=challenge, city=co_city, defaults={"role": ChallengeCity.Role.CO_OWNER}
            )
    stdout.write(style.SUCCESS(f"Challenges: {created} new, {Challenge.objects.count()} in all."))
