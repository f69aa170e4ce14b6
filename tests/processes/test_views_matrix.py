"""Every process page and form action, per role, in the Intervention phase (members-only process).
Anonymous people are sent to log in on actions; a refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, run
from urbanforum.processes import services

ALL = dict.fromkeys(ROLES, 200)
SEE = expect(set(ROLES) - {"anonymous"}, 200, anonymous=403)
LEAD = expect({"editor", "admin", "coordinator"}, 302, anonymous=302)
CITIES = expect({"editor", "admin", "coordinator", "partner"}, 302, anonymous=302)
CONTRIB = expect(
    {"editor", "admin", "coordinator", "partner", "expert", "provider"}, 302, anonymous=302
)

CASES: list[tuple[str, str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("list", "GET", "/processes/", None, ALL),
    ("list filtered", "GET", "/processes/?q=winter&phase=intervention&mine=1", None, ALL),
    ("detail", "GET", "/processes/{slug}/", None, SEE),
    ("timeline", "GET", "/processes/{slug}/timeline/", None, SEE),
    (
        "edit form",
        "GET",
        "/processes/{slug}/edit/",
        None,
        expect({"editor", "admin", "coordinator"}, 200, anonymous=302),
    ),
    (
        "edit",
        "POST",
        "/processes/{slug}/edit/",
        {"title": "Winter cycling, renamed", "description": "", "visibility": "private"},
        LEAD,
    ),
    ("add task", "POST", "/processes/{slug}/tasks/", {"task-title": "Draft the call"}, CITIES),
    (
        "task done",
        "POST",
        "/processes/tasks/{task}/done/",
        {"done": "1"},
        expect({"editor", "admin", "coordinator", "partner"}, 302, anonymous=302),
    ),
    (
        "deliverable",
        "POST",
        "/processes/{slug}/deliverables/",
        {
            "deliverable-title": "Call text",
            "deliverable-url": "https://example.org/call",
            "deliverable-kind": "document",
        },
        CONTRIB,
    ),
    (
        "decision",
        "POST",
        "/processes/{slug}/decisions/",
        {"decision-text": "Call opens in May."},
        LEAD,
    ),
    (
        "review (closed in Intervention)",
        "POST",
        "/processes/{slug}/reviews/",
        {"review-text": "x"},
        expect((), 0, anonymous=302),
    ),
    ("tick", "POST", "/processes/checklist/{item}/tick/", {"done": "1"}, LEAD),
    ("advance", "POST", "/processes/{slug}/advance/", {}, LEAD),
    (
        "publish (closed)",
        "POST",
        "/processes/{slug}/publish/",
        {"publish-summary": "x"},
        expect((), 0, anonymous=302),
    ),
    (
        "add expert",
        "POST",
        "/processes/{slug}/participants/",
        {"participant-email": "second@experts.example", "participant-role": "expert"},
        LEAD,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_views(pworld: ProcessWorld, unchanged: Any, case: Any, role: str) -> None:
    from tests.conftest import make_user

    make_user("second@experts.example", is_expert=True)
    pworld.advance_to("intervention")
    process = pworld.process
    task = services.task_create(actor=pworld.users["editor"], process=process, title="T")  # type: ignore[arg-type]
    item = process.phases.get(phase_type="intervention").checklist.first()
    _name, method, url, data, table = case
    url = url.format(slug=process.slug, task=task.pk, item=item.pk)
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=table[role],
        method=method,
        url=url,
        data=data,
        json=False,
    )
    if role == "anonymous" and method == "POST":
        assert response["Location"].startswith("/accounts/login/")
