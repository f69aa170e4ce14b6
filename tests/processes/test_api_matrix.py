"""The remaining process endpoints per role (Intervention phase, members-only process): blueprints,
edit, my invitations, participants, deliverables list and the permission-checked download."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_user
from tests.processes.conftest import ROLES, ProcessWorld
from tests.processes.matrix import expect, run
from urbanforum.processes import services

EVERYONE = dict.fromkeys(ROLES, 200)
SEE = expect(set(ROLES) - {"anonymous"}, 200, anonymous=403)
LOGGED_IN = expect(set(ROLES) - {"anonymous"}, 200)
LEAD = {"editor", "admin", "coordinator"}

CASES: list[tuple[str, str, str, dict[str, Any] | None, dict[str, int], bool]] = [
    ("blueprints", "GET", "/api/v1/process-blueprints", None, EVERYONE, True),
    ("list", "GET", "/api/v1/processes?phase=intervention&search=winter", None, EVERYONE, True),
    (
        "edit",
        "PATCH",
        "/api/v1/processes/{slug}",
        {"description": "Now with Riga."},
        expect(LEAD, 200),
        True,
    ),
    ("my invitations", "GET", "/api/v1/process-invitations", None, LOGGED_IN, True),
    (
        "add participant",
        "POST",
        "/api/v1/processes/{slug}/participants",
        {"role": "observer", "user": "second@experts.example"},
        expect(LEAD, 201),
        True,
    ),
    ("deliverables", "GET", "/api/v1/processes/{slug}/deliverables", None, SEE, True),
    (
        "download (a link)",
        "GET",
        "/processes/deliverables/{deliverable}/download/",
        None,
        expect(set(ROLES) - {"anonymous"}, 302, anonymous=302),
        False,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_api(pworld: ProcessWorld, unchanged: Any, case: Any, role: str) -> None:
    make_user("second@experts.example", is_expert=True)
    pworld.advance_to("intervention")
    deliverable = services.deliverable_add(
        actor=pworld.users["editor"],  # type: ignore[arg-type]
        process=pworld.process,
        title="Call",
        url="https://example.org/call.pdf",
    )
    _name, method, url, data, table, is_json = case
    url = url.format(slug=pworld.process.slug, deliverable=deliverable.pk)
    response = run(
        pworld,
        unchanged,
        role=role,
        expected=table[role],
        method=method,
        url=url,
        data=data,
        json=is_json,
    )
    if _name.startswith("download"):
        expected_target = (
            "/accounts/login/" if role == "anonymous" else "https://example.org/call.pdf"
        )
        assert response["Location"].startswith(expected_target)


UPLOAD = expect({"editor", "admin", "coordinator", "partner", "expert", "provider"}, 201)


@pytest.mark.parametrize("role", ROLES)
def test_upload_matrix(
    pworld: ProcessWorld, unchanged: Any, role: str, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("notes.txt", b"notes", content_type="text/plain")
    run(
        pworld,
        unchanged,
        role=role,
        expected=UPLOAD[role],
        method="POST",
        url=f"/api/v1/processes/{pworld.process.slug}/deliverables/upload",
        data={"title": "Notes", "file": upload},
        json=False,
    )
