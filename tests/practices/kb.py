"""Shared content for the knowledge-base tests: practices, challenges, a solution and an expert
around the `world` fixture (Helsinki's administration under test, Tallinn's as the other)."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest

from tests.conftest import World, make_user
from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role
from urbanforum.challenges.models import Challenge
from urbanforum.cities.models import City
from urbanforum.marketplace.models import Expert, Solution
from urbanforum.matching import index
from urbanforum.practices.models import GoodPractice


@dataclass
class KB:
    world: World
    practice: GoodPractice  # published, Helsinki
    draft: GoodPractice  # draft, Helsinki
    other_practice: GoodPractice  # published, Tallinn
    public: Challenge  # Helsinki, open, public
    members: Challenge  # Helsinki, open, members only
    private: Challenge  # Helsinki, open, private
    draft_challenge: Challenge  # Helsinki, draft, public
    tallinn_challenge: Challenge  # Tallinn, open, public
    company: Organisation
    solution: Solution
    draft_solution: Solution
    expert: Expert


@pytest.fixture(autouse=True)
def fake_embedder(settings: Any) -> Iterator[None]:
    """Tests use the deterministic hashing embedder (no model download, fast)."""
    settings.URBANFORUM_EMBEDDER = "fake"
    index.invalidate()
    yield
    index.invalidate()


def build(world: World) -> KB:
    hel, tal = world.city, world.other_city
    practice = GoodPractice.objects.create(
        external_id="kb-hel-winter-cycling",
        title="Winter cycling: snow ploughing of cycle routes first",
        summary="Cycle routes are cleared of snow before car lanes, so people cycle all winter.",
        what_worked="Clear priority network.",
        what_did_not_work="Contractors measured response times for roads only.",
        city=hel,
        domains=["mobility", "living-health"],
        sdgs=[11],
        status="published",
        author_organisation=world.org,
        year_start=2015,
        sources=[
            {
                "title": "Winter cycling in Helsinki",
                "url": "https://example.org/winter-cycling",
                "publisher": "City of Helsinki",
                "date": "2021-03",
                "supports": ["what_worked", "kpis", "years"],
            }
        ],
        kpis=[
            {"name": "Winter cycling share", "unit": "%", "baseline": 4, "result": 7, "year": 2020}
        ],
    )
    draft = GoodPractice.objects.create(
        title="Secret draft about district heating peaks",
        summary="Not published yet.",
        city=hel,
        domains=["energy"],
        status="draft",
        author_organisation=world.org,
    )
    other_practice = GoodPractice.objects.create(
        external_id="kb-tal-free-transport",
        title="Free public transport for residents",
        summary="Residents ride buses and trams for free since 2013.",
        city=tal,
        domains=["mobility"],
        sdgs=[11],
        status="published",
        author_organisation=world.other_org,
    )

    def challenge(
        title: str, city: Any, org: Organisation, visibility: str, status: str = "open"
    ) -> Challenge:
        return Challenge.objects.create(
            title=title,
            owner_city=city,
            owner_organisation=org,
            problem_statement=f"{title}: snow and ice on cycle routes in winter.",
            domains=["mobility"],
            sdgs=[11],
            status=status,
            visibility=visibility,
        )

    public = challenge("Icy cycle routes (public)", hel, world.org, "public")
    members = challenge("Icy cycle routes (members)", hel, world.org, "members")
    private = challenge("Icy cycle routes (private)", hel, world.org, "private")
    draft_challenge = challenge("Icy cycle routes (draft)", hel, world.org, "public", "draft")
    tallinn_challenge = challenge(
        "Winter maintenance of bike lanes", tal, world.other_org, "public"
    )
    company = Organisation.objects.create(
        name="Snow Sensors Oy", kind=OrganisationKind.COMPANY, country="FI"
    )
    solution = Solution.objects.create(
        title="Snow route monitor",
        provider=company,
        description="Sensors on ploughs show when each cycle route was cleared of snow.",
        domains=["mobility", "data"],
        maturity="deployed",
        trl=8,
    )
    draft_solution = Solution.objects.create(
        title="Unreleased ice predictor",
        provider=company,
        description="Predicts black ice.",
        domains=["mobility"],
        status="draft",
    )
    expert_user = make_user("expert@kb.example", is_expert=True, full_name="Eeva Expert")
    expert = Expert.objects.create(
        user=expert_user,
        name="Eeva Expert",
        expertise=["mobility", "winter maintenance contracts"],
        languages=["fi", "en"],
        bio="Winter maintenance of cycle routes.",
        country="FI",
    )
    return KB(
        world,
        practice,
        draft,
        other_practice,
        public,
        members,
        private,
        draft_challenge,
        tallinn_challenge,
        company,
        solution,
        draft_solution,
        expert,
    )


def company_editor(kb: KB, role: str = Role.EDITOR) -> Any:
    user = make_user(f"{role}@snowsensors.example")
    Membership.objects.create(user=user, organisation=kb.company, role=role, verified_via="admin")
    return user


@pytest.fixture
def benchmark(kb: KB, monkeypatch: Any) -> pd.DataFrame:
    """A stand-in for urbanforum.benchmark.selectors (another engineer's app)."""
    espoo = City.objects.create(
        name="Espoo", slug="espoo-fi", country="FI", population=300_000, latitude=60.2
    )
    riga = City.objects.create(
        name="Riga", slug="riga-lv", country="LV", population=600_000, latitude=56.9
    )
    cols = ["economy", "people", "governance", "mobility", "environment", "living"]
    frame = pd.DataFrame(
        [
            [80, 80, 80, 20, 80, 80],  # Helsinki: weak in mobility
            [50, 50, 50, 95, 50, 50],  # Tallinn: strong in mobility
            [60, 60, 60, 40, 60, 60],  # Espoo
            [20, 30, 90, 90, 20, 30],  # Riga: complementary to Helsinki
        ],
        index=[kb.world.city.pk, kb.world.other_city.pk, espoo.pk, riga.pk],
        columns=cols,
    )
    module = types.ModuleType("urbanforum.benchmark.selectors")
    module.latest_characteristic_scores = lambda: frame  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "urbanforum.benchmark.selectors", module)
    return frame
