"""Procurement, pilots and reviews inside a collaboration process (app `processes`), and the
follow-up: a finished process becomes a draft good practice pre-filled from what it produced;
adoptions; policy recommendations."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World, api
from tests.processes.conftest import ProcessWorld, build_process_world
from urbanforum.impact import services as impact_services
from urbanforum.impact.schemas import ImpactInput, KpiInput, PilotInput
from urbanforum.practices.models import GoodPractice, PracticeStatus
from urbanforum.practices.schemas import PracticeFields
from urbanforum.practices.services import practice_update
from urbanforum.processes.registry import features_for
from urbanforum.procurement.models import JointProcurement
from urbanforum.procurement.schemas import ProcurementInput
from urbanforum.reviews import followup
from urbanforum.reviews import services as review_services
from urbanforum.reviews.models import Adoption, PolicyRecommendation, ReviewRound
from urbanforum.reviews.schemas import ReviewInput

pytestmark = pytest.mark.django_db
LOGIN = 302
ROLES = ["anonymous", "other", "member", "editor", "admin", "coordinator", "partner"]


def outcome(*codes: int) -> dict[str, int]:
    return dict(zip(ROLES, codes, strict=True))


@pytest.fixture
def pw(world: World) -> ProcessWorld:
    return build_process_world(world)


def test_features_are_registered_on_the_phases(pw: ProcessWorld) -> None:
    assert {f.feature for f in features_for("action")} >= {"procurement", "pilots"}
    assert "review-rounds" in {f.feature for f in features_for("evaluation")}
    assert "good-practice" in {f.feature for f in features_for("follow_up")}
    pw.advance_to("action")
    body = pw.client("editor").get(f"/processes/{pw.process.slug}/").content.decode()
    assert (
        f"/procurement/process/{pw.process.slug}/" in body
        and f"/impact/process/{pw.process.slug}/" in body
    )


CASES = [
    (
        "procurements of the process",
        "GET",
        "/procurement/process/{slug}/",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        False,
    ),
    (
        "procurement form for the process",
        "GET",
        "/procurement/new/?process={slug}",
        outcome(LOGIN, 403, 403, 200, 200, 403, 200),
        None,
        False,
    ),
    (
        "pilots of the process",
        "GET",
        "/impact/process/{slug}/",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        False,
    ),
    (
        "pilot form for the process",
        "GET",
        "/impact/new/?process={slug}",
        outcome(LOGIN, 403, 403, 200, 200, 200, 200),
        None,
        False,
    ),
    (
        "review rounds of the process",
        "GET",
        "/reviews/process/{slug}/",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        False,
    ),
    (
        "start a round",
        "POST",
        "/reviews/process/{slug}/rounds/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 403),
        {"title": "Evaluation"},
        False,
    ),
    (
        "follow-up",
        "GET",
        "/reviews/process/{slug}/follow-up/",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        False,
    ),
    (
        "practice before the end",
        "POST",
        "/reviews/process/{slug}/follow-up/practice/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 403),
        {},
        False,
    ),
    (
        "recommendation",
        "POST",
        "/reviews/process/{slug}/follow-up/recommendations/",
        outcome(LOGIN, 403, 403, 302, 302, 302, 403),
        {"title": "Plough cycle routes first", "body": "1. Priority network."},
        False,
    ),
    (
        "api procurements",
        "GET",
        "/api/v1/processes/{slug}/procurements",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        True,
    ),
    (
        "api pilots",
        "GET",
        "/api/v1/processes/{slug}/pilots",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        True,
    ),
    (
        "api follow-up",
        "GET",
        "/api/v1/processes/{slug}/follow-up",
        outcome(404, 200, 200, 200, 200, 200, 200),
        None,
        True,
    ),
    (
        "api practice before the end",
        "POST",
        "/api/v1/processes/{slug}/good-practice",
        outcome(401, 403, 403, 422, 422, 422, 403),
        None,
        True,
    ),
    (
        "api round",
        "POST",
        "/api/v1/processes/{slug}/review-rounds",
        outcome(401, 403, 403, 201, 201, 201, 403),
        {"title": "Evaluation"},
        True,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_process_matrix(case: Any, role: str, pw: ProcessWorld, unchanged: Any) -> None:
    _name, method, url, expected, data, is_api = case
    url = url.format(slug=pw.process.slug)
    client = pw.client(role)
    code = expected[role]

    def call() -> Any:
        if is_api:
            return api(client, method, url, data if method != "GET" else None)
        return getattr(client, method.lower())(url, data or {})

    refused = (
        code in (401, 403, 404, 422)
        or (code == LOGIN and role == "anonymous")
        or "before the end" in _name
    )
    response = unchanged(call) if refused else call()
    assert response.status_code == code, (role, response.content[:300])


def test_procurement_and_pilot_attach_to_the_process(pw: ProcessWorld, world: World) -> None:
    from urbanforum.procurement import services as procurement_services

    p = procurement_services.procurement_create(
        actor=world.users["editor"],
        lead_organisation=world.org,
        process=pw.process,
        data=ProcurementInput(
            title="Snow sensors",
            clarification_deadline=pw.process.created_at + timedelta(days=10),
            bid_deadline=pw.process.created_at + timedelta(days=20),
            cpv_codes=["38120000-2"],
        ),
    )
    assert p.process == pw.process and p.challenge == pw.challenge
    with pytest.raises(PermissionDenied):  # Riga's admin does not take part
        procurement_services.procurement_create(
            actor=pw.users["other"],
            lead_organisation=world.org,
            process=pw.process,
            data=ProcurementInput(
                title="X",
                clarification_deadline=p.clarification_deadline,
                bid_deadline=p.bid_deadline,
                cpv_codes=["38120000-2"],
            ),
        )
    response = pw.client("partner").get(f"/api/v1/processes/{pw.process.slug}/procurements")
    assert [r["reference"] for r in response.json()] == [p.reference]
    response = pw.client("editor").post(
        f"/impact/new/?process={pw.process.slug}",
        {
            "process": pw.process.slug,
            "title": "Sensor pilot",
            "solution_name": "Sensors",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "budget_eur": "1000",
            "status": "running",
        },
    )
    assert response.status_code == 302
    assert list(pw.process.pilots.values_list("title", flat=True)) == ["Sensor pilot"]
    assert JointProcurement.objects.filter(process=pw.process).count() == 1


def _pilot_with_results(pw: ProcessWorld, world: World) -> Any:
    editor = world.users["editor"]
    pilot = impact_services.pilot_create(
        actor=editor,
        organisation=world.org,
        data=PilotInput(
            title="Winter cycling pilot",
            solution_name="Brush ploughs",
            start_date=date(2025, 11, 1),
            end_date=date(2026, 3, 31),
            budget_eur=Decimal(80000),
        ),
        process=pw.process,
    )
    impact_services.kpi_add(
        actor=editor,
        pilot=pilot,
        data=KpiInput(name="Cycle trips in winter", unit="trips/day", baseline=1200, target=2000),
    )
    impact_services.measurements_import(
        actor=editor, pilot=pilot, text="kpi,date,value\nCycle trips in winter,2026-02-01,1850\n"
    )
    impact_services.impact_set(
        actor=editor,
        pilot=pilot,
        data=ImpactInput(
            investment_eur=Decimal(80000),
            annual_savings_eur=Decimal(20000),
            functional_unit="1 km by car avoided",
            baseline_kg_per_unit=Decimal("0.18"),
            solution_kg_per_unit=Decimal(0),
            units_per_year=Decimal(100000),
        ),
    )
    return pilot


def test_finished_process_becomes_a_prefilled_good_practice(pw: ProcessWorld, world: World) -> None:
    pilot = _pilot_with_results(pw, world)
    pw.advance_to("evaluation")
    r = review_services.round_create(
        actor=world.users["editor"], process=pw.process, pilot=pilot, title="Evaluation"
    )
    assert r.process == pw.process and r.pilot == pilot
    review_services.reviewer_assign(
        actor=world.users["editor"], round=r, reviewer=world.users["other"], kind="peer"
    )
    review_services.invitation_accept(actor=world.users["other"], round=r)
    review_services.review_submit(
        actor=world.users["other"],
        round=r,
        data=ReviewInput(
            findings="Works.",
            what_worked="Brush ploughs clear to asphalt.",
            what_did_not="Salt spreading was late.",
            effectiveness=4,
            cost_efficiency=4,
            transferability=5,
            citizen_benefit=5,
            sustainability=4,
        ),
    )
    with pytest.raises(ValidationError) as exc:
        followup.practice_from_process(actor=world.users["editor"], process=pw.process)
    assert "process" in exc.value.message_dict
    pw.advance_to("follow_up")
    with pytest.raises(PermissionDenied):
        followup.practice_from_process(actor=world.users["member"], process=pw.process)
    response = pw.client("editor").post(f"/reviews/process/{pw.process.slug}/follow-up/practice/")
    practice = GoodPractice.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/practices/{practice.slug}/edit/"
    )
    assert practice.status == PracticeStatus.DRAFT and practice.city == world.city
    assert practice.problem == pw.challenge.problem_statement
    assert practice.kpis == [
        {
            "name": "Cycle trips in winter",
            "unit": "trips/day",
            "baseline": 1200.0,
            "result": 1850.0,
            "year": 2026,
        }
    ]
    assert (
        "Brush ploughs clear to asphalt." in practice.what_worked
        and "Salt spreading was late." in practice.what_did_not_work
    )
    assert (
        "18.0 t CO2e a year" in practice.results
        and "Winter cycling pilot" in practice.what_was_done
    )
    assert (practice.year_start, practice.year_end) == (2025, 2026)
    # One action: running it again returns the same draft.
    assert (
        followup.practice_from_process(actor=world.users["editor"], process=pw.process) == practice
    )
    # The owner edits and publishes it in the practices app; cities then record that they reused it.
    practice_update(
        actor=world.users["editor"],
        practice=practice,
        changes=PracticeFields(status=PracticeStatus.PUBLISHED),
    )
    response = api(
        pw.client("partner"),
        "POST",
        f"/api/v1/practices/{practice.slug}/adoptions",
        {"organisation": world.other_org.slug, "note": "Tallinn bought two brush ploughs."},
    )
    assert response.status_code == 201
    with pytest.raises(ValidationError):  # its own city cannot adopt it
        followup.adoption_record(
            actor=world.users["editor"], practice=practice, organisation=world.org
        )
    assert [a.city.slug for a in Adoption.objects.all()] == ["tallinn-ee"]
    assert (
        pw.client("anonymous").get(f"/api/v1/practices/{practice.slug}/adoptions").json()[0]["city"]
        == "tallinn-ee"
    )


def test_policy_recommendations(pw: ProcessWorld, world: World) -> None:
    rec = followup.recommendation_create(
        actor=world.users["editor"],
        process=pw.process,
        title="Plough first",
        body="**Cycle routes first.**",
    )
    assert (
        pw.client("other").get(f"/reviews/recommendations/{rec.pk}/").status_code == 404
    )  # a draft
    assert pw.client("member").get(f"/api/v1/policy-recommendations/{rec.pk}").status_code == 404
    with pytest.raises(PermissionDenied):
        followup.recommendation_publish(actor=world.users["other"], recommendation=rec)
    response = pw.client("editor").post(f"/reviews/recommendations/{rec.pk}/publish/")
    assert response.status_code == 302
    body = pw.client("other").get(f"/reviews/recommendations/{rec.pk}/").content.decode()
    assert "<strong>Cycle routes first.</strong>" in body
    with pytest.raises(ValidationError):
        PolicyRecommendation(title="Nowhere", body="x").full_clean()
    assert ReviewRound.objects.count() == 0


def test_working_group_recommendations(world: World, unchanged: Any) -> None:
    from urbanforum.community.models import WorkingGroup

    group = WorkingGroup.objects.create(name="Winter cities", lead=world.users["editor"])
    url = f"/api/v1/working-groups/{group.slug}/policy-recommendations"
    refused = unchanged(
        lambda: api(world.client("other"), "POST", url, {"title": "T", "body": "B"})
    )
    assert refused.status_code == 403
    response = api(
        world.client("editor"), "POST", url, {"title": "Clear cycle routes first", "body": "Why."}
    )
    assert response.status_code == 201 and response.json()["working_group"] == group.slug
    assert world.client("other").get(url).json() == []  # a draft
    rec = PolicyRecommendation.objects.get()
    followup.recommendation_publish(actor=world.users["editor"], recommendation=rec)
    assert [r["title"] for r in world.client("anonymous").get(url).json()] == [
        "Clear cycle routes first"
    ]
    assert (
        world.client("editor").get(f"/reviews/groups/{group.slug}/recommendations/").status_code
        == 200
    )
