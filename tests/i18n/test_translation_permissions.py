"""Permission matrix of the translations screen and its API twin: anyone who may see a piece of
content may read its translations; only those who may edit it (the editors of the owning
organisation, or its group lead/organiser, and coordinators) may add, change or remove them.
Private and draft content stays hidden (404) from those who may not see it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import ROLES, outcome
from tests.practices.kb import KB
from tests.practices.matrix import ALL_200, LOGIN, Case, run_case
from urbanforum.community import services as community
from urbanforum.core.models import ContentTranslation

ET = {"language": "et", "title": "Eestikeelne pealkiri", "body": "Eestikeelne tekst"}
ET_PRACTICE = {**ET, "summary": "Kokkuvõte"}


def translated(kb: KB) -> dict[str, Any]:
    ContentTranslation.objects.create(
        kind="practice", object_id=kb.practice.pk, language="et", title="Olemas"
    )
    return {}


def group(kb: KB) -> dict[str, Any]:
    made = community.group_create(actor=kb.world.users["editor"], name="Winter maintenance")
    private = community.group_create(
        actor=kb.world.users["editor"], name="Closed group", visibility="private"
    )
    return {"group": made.pk, "private_group": private.pk}


def event(kb: KB) -> dict[str, Any]:
    start = timezone.now() + timedelta(days=3)
    made = community.event_create(
        actor=kb.world.users["editor"],
        title="Winter forum",
        kind="forum_day",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Tallinn",
    )
    return {"event": made.pk}


EDITORS = outcome(LOGIN, 403, 403, 200, 200, 200)
API_EDITORS = outcome(401, 403, 403, 200, 200, 200)

CASES = [
    # the screen
    Case("screen", "GET", "/translations/practice/{kb.practice.pk}/", EDITORS),
    Case(
        "screen draft",
        "GET",
        "/translations/practice/{kb.draft.pk}/",
        outcome(LOGIN, 404, 403, 200, 200, 200),
    ),
    Case(
        "screen private challenge",
        "GET",
        "/translations/challenge/{kb.private.pk}/",
        outcome(LOGIN, 404, 403, 200, 200, 200),
    ),
    Case(
        "screen unknown kind",
        "GET",
        "/translations/nothing/1/",
        outcome(LOGIN, 404, 404, 404, 404, 404),
    ),
    Case(
        "save",
        "POST",
        "/translations/practice/{kb.practice.pk}/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        ET_PRACTICE,
    ),
    Case(
        "save private challenge",
        "POST",
        "/translations/challenge/{kb.private.pk}/",
        outcome(LOGIN, 404, 403, 302, 302, 302),
        ET,
    ),
    Case(
        "remove",
        "POST",
        "/translations/practice/{kb.practice.pk}/et/delete/",
        outcome(LOGIN, 403, 403, 302, 302, 302),
        setup=translated,
    ),
    # the API
    Case("api read", "GET", "/api/v1/translations/practice/{kb.practice.pk}", ALL_200, json=True),
    Case(
        "api read draft",
        "GET",
        "/api/v1/translations/practice/{kb.draft.pk}",
        outcome(404, 404, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api read private challenge",
        "GET",
        "/api/v1/translations/challenge/{kb.private.pk}",
        outcome(404, 404, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api put",
        "PUT",
        "/api/v1/translations/practice/{kb.practice.pk}",
        API_EDITORS,
        ET_PRACTICE,
        json=True,
    ),
    Case(
        "api put draft",
        "PUT",
        "/api/v1/translations/practice/{kb.draft.pk}",
        outcome(401, 404, 403, 200, 200, 200),
        ET_PRACTICE,
        json=True,
    ),
    Case(
        "api put private challenge",
        "PUT",
        "/api/v1/translations/challenge/{kb.private.pk}",
        outcome(401, 404, 403, 200, 200, 200),
        ET,
        json=True,
    ),
    # a company's solution and an expert's own profile: none of the Helsinki roles edits them
    Case(
        "api put solution",
        "PUT",
        "/api/v1/translations/solution/{kb.solution.pk}",
        outcome(401, 403, 403, 403, 403, 200),
        ET,
        json=True,
    ),
    Case(
        "api put expert",
        "PUT",
        "/api/v1/translations/expert/{kb.expert.pk}",
        outcome(401, 403, 403, 403, 403, 200),
        {"language": "et", "body": "Elulugu"},
        json=True,
    ),
    # a working group's lead (the editor who created it) and an event's organiser
    Case(
        "api put group",
        "PUT",
        "/api/v1/translations/group/{group}",
        outcome(401, 403, 403, 200, 403, 200),
        ET,
        json=True,
        setup=group,
    ),
    Case(
        "api read private group",
        "GET",
        "/api/v1/translations/group/{private_group}",
        outcome(404, 404, 404, 200, 404, 200),
        json=True,
        setup=group,
    ),
    Case(
        "api put event",
        "PUT",
        "/api/v1/translations/event/{event}",
        outcome(401, 403, 403, 200, 403, 200),
        ET,
        json=True,
        setup=event,
    ),
    Case(
        "api delete",
        "DELETE",
        "/api/v1/translations/practice/{kb.practice.pk}/et",
        outcome(401, 403, 403, 204, 204, 204),
        json=True,
        setup=translated,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, role: str, kb: KB, unchanged: Any) -> None:
    run_case(case, role, kb, unchanged)
