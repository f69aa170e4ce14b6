"""The published good practice keeps its formatting (line breaks, Markdown rendered safely) and
links back to the process, pilot and review it came from — each only for readers who may see it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, api
from tests.processes.conftest import ProcessWorld, build_process_world
from tests.reviews.test_process_integration import _pilot_with_results
from urbanforum.practices.models import PracticeStatus
from urbanforum.practices.schemas import PracticeFields
from urbanforum.practices.services import practice_update
from urbanforum.procurement.models import JointProcurement
from urbanforum.reviews import followup
from urbanforum.reviews import services as review_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(world: World) -> tuple[ProcessWorld, Any, Any, Any]:
    pw = build_process_world(world)
    pw.advance_to("action")
    pilot = _pilot_with_results(pw, world)
    JointProcurement.objects.create(
        reference="jp-brush-ploughs",
        title="Brush ploughs together",
        lead_organisation=world.org,
        lead_city=world.city,
        process=pw.process,
        clarification_deadline="2026-05-01T00:00:00Z",
        bid_deadline="2026-06-01T00:00:00Z",
    )
    pw.advance_to("evaluation")
    review = review_services.round_create(
        actor=world.users["editor"], process=pw.process, pilot=pilot, title="Evaluation round"
    )
    pw.advance_to("follow_up")
    practice = followup.practice_from_process(actor=world.users["editor"], process=pw.process)
    practice_update(
        actor=world.users["editor"],
        practice=practice,
        changes=PracticeFields(
            status=PracticeStatus.PUBLISHED,
            what_worked="Brush ploughs.\nClear to asphalt by 7 am.\n\n- **fast**\n- cheap",
            what_did_not_work="Salt was late.<script>alert(1)</script>",
        ),
    )
    return pw, practice, pilot, review


def test_the_practice_keeps_its_lines_and_markdown_safely(published: Any, world: World) -> None:
    _pw, practice, _pilot, _review = published
    html = world.client("anonymous").get(f"/practices/{practice.slug}/").content.decode()
    assert "Brush ploughs.<br" in html  # the single new line is kept
    assert "<strong>fast</strong>" in html and "<li>cheap</li>" in html
    assert "<script>alert(1)</script>" not in html


def test_the_practice_links_to_its_process_pilot_and_review(published: Any, world: World) -> None:
    pw, practice, pilot, review = published
    url = f"/practices/{practice.slug}/"
    editor = world.client("editor").get(url).content.decode()
    for link in (
        f"/processes/{pw.process.slug}/",
        f"/impact/{pilot.slug}/",
        f"/reviews/{review.pk}/",
        "/procurement/jp-brush-ploughs/",
    ):
        assert link in editor, link
    # the process is for its members: an anonymous reader sees the public pilot, not the process
    anonymous = world.client("anonymous").get(url).content.decode()
    assert f"/impact/{pilot.slug}/" in anonymous
    assert f"/processes/{pw.process.slug}/" not in anonymous
    kinds = {
        r["kind"]
        for r in api(world.client("editor"), "GET", f"/api/v1/practices/{practice.slug}").json()[
            "origin"
        ]
    }
    assert {"process", "pilot", "review", "procurement"} <= kinds
