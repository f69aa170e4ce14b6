"""A world with public content and, next to it, private, members-only, draft and sealed content,
each private thing carrying a marker that must never reach a dump; and a dump folder per test."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest

from tests.benchmark.factories import make_data
from tests.conftest import World
from tests.procurement.conftest import T0, Clock, build_tender, sealed_bid
from urbanforum.benchmark import services as benchmark_services
from urbanforum.benchmark.models import PeerGroup
from urbanforum.challenges.models import Challenge, ChallengeStatus, Visibility
from urbanforum.community.models import Event, EventKind, GroupVisibility, WorkingGroup
from urbanforum.impact.models import KPI, ImpactAssessment, Measurement, Pilot
from urbanforum.indicators.models import Observation
from urbanforum.indicators.smart_city import PANEL
from urbanforum.marketplace.models import PublicationStatus, Solution
from urbanforum.practices.models import GoodPractice, PracticeStatus
from urbanforum.procurement import services as procurement_services
from urbanforum.procurement.schemas import ProcurementInput

# Never in any file: each marks private, members-only, draft or sealed content.
SECRETS = [
    "ZZSECRET-DRAFT-PRACTICE",
    "ZZSECRET-MEMBERS-CHALLENGE",
    "ZZSECRET-PRIVATE-CHALLENGE",
    "ZZSECRET-DRAFT-CHALLENGE",
    "ZZSECRET-DRAFT-SOLUTION",
    "ZZSECRET-DRAFT-PROCUREMENT",
    "ZEBRA-SECRET-OFFER",  # the sealed bid's offer (tests.procurement.conftest.SECRET_OFFER)
    "912345.67",  # the sealed bid's amount
    "ZZSECRET-PRIVATE-GROUP-EVENT",
]
# The panel (GPL-3.0) values: never redistributed. A value no Eurostat row has.
PANEL_VALUE = 4242.4242
# What must be there.
PUBLIC = [
    "ZZPUBLIC-PRACTICE",
    "ZZPUBLIC-CHALLENGE",
    "ZZPUBLIC-SOLUTION",
    "Smart street lighting controllers",  # the published procurement
    "ZZPUBLIC-PILOT",
    "ZZPUBLIC-EVENT",
]
T = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class Content:
    world: World
    practice: GoodPractice
    challenge: Challenge
    pilot: Pilot


def text_of(path: Path) -> str:
    """A file's text; an XLSX's is the text of every XML part inside it."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    return data.decode("utf-8")


@pytest.fixture
def clock() -> Iterator[Clock]:
    """The procurement clock before the bid deadline: the bid stays sealed."""
    c = Clock(T0)
    with patch("urbanforum.procurement.clock.now", c):
        yield c


@pytest.fixture
def dumps(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "opendata"
    settings.URBANFORUM_OPENDATA_DIR = str(folder)
    settings.URBANFORUM_SITE_URL = "https://forum.example.org"
    return folder


def build_content(world: World, clock: Clock) -> Content:
    org, city = world.org, world.city
    practice = GoodPractice.objects.create(
        title="ZZPUBLIC-PRACTICE Winter cycling",
        slug="winter-cycling",
        summary="Snow ploughing of cycle paths first.",
        city=city,
        what_worked="Ploughing before 7 am.",
        what_did_not_work="Salt on wooden bridges.",
        kpis=[
            {"name": "Cyclists", "unit": "per day", "baseline": 100, "result": 180, "year": 2024}
        ],
        sources=["City of Helsinki, annual report 2024"],
        year_start=2021,
        year_end=2024,
        status=PracticeStatus.PUBLISHED,
        author_organisation=org,
    )
    GoodPractice.objects.create(
        title="ZZSECRET-DRAFT-PRACTICE",
        slug="draft-practice",
        summary="not yet",
        city=city,
        status=PracticeStatus.DRAFT,
        author_organisation=org,
    )
    challenge = Challenge.objects.create(
        title="ZZPUBLIC-CHALLENGE Icy pavements",
        slug="icy-pavements",
        owner_city=city,
        owner_organisation=org,
        problem_statement="Falls on ice.",
        status=ChallengeStatus.OPEN,
        visibility=Visibility.PUBLIC,
    )
    for slug, title, status, visibility in [
        ("members", "ZZSECRET-MEMBERS-CHALLENGE", ChallengeStatus.OPEN, Visibility.MEMBERS),
        ("private", "ZZSECRET-PRIVATE-CHALLENGE", ChallengeStatus.OPEN, Visibility.PRIVATE),
        ("draft", "ZZSECRET-DRAFT-CHALLENGE", ChallengeStatus.DRAFT, Visibility.PUBLIC),
    ]:
        Challenge.objects.create(
            title=title,
            slug=slug,
            owner_city=city,
            owner_organisation=org,
            problem_statement=title,
            status=status,
            visibility=visibility,
        )
    for slug, title, status in [
        ("sensor", "ZZPUBLIC-SOLUTION Ice sensors", PublicationStatus.PUBLISHED),
        ("draft-solution", "ZZSECRET-DRAFT-SOLUTION", PublicationStatus.DRAFT),
    ]:
        Solution.objects.create(
            title=title, slug=slug, provider=world.other_org, description=title, status=status
        )

    tender = build_tender(world, clock)
    sealed_bid(tender)
    procurement_services.procurement_create(
        actor=world.users["editor"],
        lead_organisation=org,
        data=ProcurementInput(
            title="ZZSECRET-DRAFT-PROCUREMENT",
            description="Not published.",
            clarification_deadline=T0 + timedelta(days=20),
            bid_deadline=T0 + timedelta(days=30),
            cpv_codes=["34993000-4"],
        ),
    )

    pilot = Pilot.objects.create(
        title="ZZPUBLIC-PILOT Heated ramps",
        slug="heated-ramps",
        city=city,
        organisation=org,
        solution_name="Ice sensors",
        start_date=date(2025, 11, 1),
        end_date=date(2026, 3, 31),
    )
    kpi = KPI.objects.create(
        pilot=pilot, name="Falls", unit="per month", baseline=Decimal(40), target=Decimal(20)
    )
    Measurement.objects.create(kpi=kpi, date=date(2026, 1, 31), value=Decimal(30))
    ImpactAssessment.objects.create(
        pilot=pilot,
        investment_eur=Decimal(100000),
        annual_savings_eur=Decimal(30000),
        annual_operating_cost_eur=Decimal(5000),
        horizon_years=10,
    )

    Event.objects.create(
        title="ZZPUBLIC-EVENT Winter maintenance webinar",
        slug="webinar",
        kind=EventKind.WEBINAR,
        starts_at=T,
        ends_at=T + timedelta(hours=1),
    )
    group = WorkingGroup.objects.create(
        name="Closed group", slug="closed", visibility=GroupVisibility.PRIVATE
    )
    Event.objects.create(
        title="ZZSECRET-PRIVATE-GROUP-EVENT",
        slug="private-event",
        kind=EventKind.WORKSHOP,
        starts_at=T,
        ends_at=T + timedelta(hours=2),
        group=group,
    )

    fw = make_data()
    Observation.objects.filter(year=2019).update(source="Eurostat urb_percep")
    Observation.objects.filter(year=2016, indicator__code="green").update(
        source=PANEL, value=PANEL_VALUE
    )
    benchmark_services.run_create(actor=None, framework=fw, year=2019, peer_group=PeerGroup.BSR)
    return Content(world, practice, challenge, pilot)


@pytest.fixture
def content(world: World, clock: Clock) -> Content:
    return build_content(world, clock)
