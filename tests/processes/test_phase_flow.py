"""Processes that follow reality: open tasks are carried over or closed when a phase advances (the
form asks which), the actual phase dates are recorded, and the challenge's status follows its
process (in process while it runs, closed when it completes)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import api
from tests.processes.conftest import ProcessWorld, build_process_world, make_challenge
from urbanforum.challenges.models import ChallengeStatus
from urbanforum.processes import services
from urbanforum.processes.models import ChecklistItem, Task


def _tick(pworld: ProcessWorld) -> None:
    ChecklistItem.objects.filter(phase__process=pworld.process).update(done_at=timezone.now())


def _tasks(pworld: ProcessWorld) -> tuple[Task, Task]:
    editor = pworld.users["editor"]
    assert editor is not None
    done = services.task_create(actor=editor, process=pworld.process, title="Collect the data")
    services.task_set_done(actor=editor, task=done)
    open_ = services.task_create(actor=editor, process=pworld.process, title="Map the routes")
    return done, open_


def test_open_tasks_need_a_choice_and_nothing_moves_without_one(
    pworld: ProcessWorld, unchanged: Any
) -> None:
    _tick(pworld)
    _tasks(pworld)
    client = pworld.client("editor")
    url = f"/api/v1/processes/{pworld.process.slug}/advance"
    response = unchanged(lambda: api(client, "POST", url, {}))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "open_tasks"
    assert "Map the routes" in response.json()["detail"]
    assert "Collect the data" not in response.json()["detail"]  # done tasks are not asked about


def test_carry_over_moves_the_open_tasks_to_the_next_phase(pworld: ProcessWorld) -> None:
    _tick(pworld)
    done, open_ = _tasks(pworld)
    starting = pworld.process.phases.get(phase_type="starting")
    assert starting.started_at is not None  # recorded when the process was opened
    response = api(
        pworld.client("editor"),
        "POST",
        f"/api/v1/processes/{pworld.process.slug}/advance",
        {"open_tasks": "carry"},
    )
    assert response.status_code == 200
    open_.refresh_from_db()
    done.refresh_from_db()
    starting.refresh_from_db()
    intervention = pworld.process.phases.get(phase_type="intervention")
    assert (open_.phase, open_.carried_from, open_.done_at) == (intervention, starting, None)
    assert done.phase == starting  # finished work stays where it was done
    assert starting.completed_at is not None
    assert intervention.started_at == starting.completed_at
    row = next(p for p in response.json()["phases"] if p["phase_type"] == "intervention")
    assert row["started_at"] is not None
    # …and the carried task can be closed in its new phase
    services.task_set_done(actor=pworld.users["editor"], task=open_)  # type: ignore[arg-type]
    open_.refresh_from_db()
    assert open_.done_at is not None and not open_.closed_unfinished


def test_close_marks_the_open_tasks_closed_unfinished(pworld: ProcessWorld) -> None:
    _tick(pworld)
    done, open_ = _tasks(pworld)
    page = pworld.client("editor").post(
        f"/processes/{pworld.process.slug}/advance/", {"advance-open_tasks": "close"}
    )
    assert page.status_code == 302
    open_.refresh_from_db()
    done.refresh_from_db()
    assert open_.closed_unfinished and open_.done_at is not None
    assert not done.closed_unfinished
    detail = pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
    assert "closed unfinished" in detail


def test_the_advance_form_asks_what_happens_to_open_tasks(pworld: ProcessWorld) -> None:
    url = f"/processes/{pworld.process.slug}/"
    assert 'data-testid="open-tasks"' not in pworld.client("editor").get(url).content.decode()
    _tasks(pworld)
    html = pworld.client("editor").get(url).content.decode()
    assert 'data-testid="open-tasks"' in html
    assert 'value="carry"' in html and 'value="close"' in html and "Map the routes" in html


def test_the_last_phase_cannot_carry_over(pworld: ProcessWorld) -> None:
    pworld.advance_to("follow_up")
    editor = pworld.users["editor"]
    assert editor is not None
    services.task_create(actor=editor, process=pworld.process, title="Write the report")
    _tick(pworld)
    with pytest.raises(ValidationError) as err:
        services.phase_advance(actor=editor, process=pworld.process, open_tasks="carry")
    assert "open_tasks" in err.value.message_dict
    html = pworld.client("editor").get(f"/processes/{pworld.process.slug}/").content.decode()
    assert 'value="carry"' not in html


def test_the_challenge_follows_its_process(world: Any) -> None:
    pw = build_process_world(world)
    pw.challenge.refresh_from_db()
    assert pw.challenge.status == ChallengeStatus.IN_PROCESS
    pw.finish()
    pw.challenge.refresh_from_db()
    assert pw.challenge.status == ChallengeStatus.CLOSED
    page = pw.client("anonymous").get(f"/challenges/{pw.challenge.slug}/")
    assert page.status_code == 200 and "Closed" in page.content.decode()


def test_a_draft_challenge_is_not_published_by_a_process(world: Any) -> None:
    from urbanforum.challenges.services import challenge_follow_process

    draft = make_challenge(world, status=ChallengeStatus.DRAFT)
    challenge_follow_process(
        actor=world.users["editor"], challenge=draft, status=ChallengeStatus.IN_PROCESS
    )
    draft.refresh_from_db()
    assert draft.status == ChallengeStatus.DRAFT
