"""Every community page and endpoint per role (anonymous, other, member, editor, admin,
coordinator), exact status codes; a refusal changes nothing.

In the fixture: the public group "Winter mobility" is led by editor with member in it; the private
group "Helsinki internal" is led by admin with member in it; member wrote the discussion's first
post; editor organises the public event (capacity 2); admin the private-group event; an expert was
asked to mentor Helsinki (the mentee) on its challenge."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.community.conftest import Community
from tests.conftest import ROLES, api

LOGIN = 302


def o(
    anonymous: int, other: int, member: int, editor: int, admin: int, coordinator: int
) -> dict[str, int]:
    return dict(zip(ROLES, [anonymous, other, member, editor, admin, coordinator], strict=True))


ALL = dict.fromkeys(ROLES, 200)


@dataclass
class Case:
    name: str
    method: str
    url: str
    expected: dict[str, int]
    data: dict[str, Any] | None = None
    json: bool = False

    def __str__(self) -> str:
        return self.name


CASES = [
    # working groups
    Case("group list", "GET", "/community/groups/?q=winter&domain=mobility", ALL),
    Case("public group", "GET", "/community/groups/winter-mobility/", ALL),
    Case(
        "private group",
        "GET",
        "/community/groups/helsinki-internal/",
        o(403, 403, 200, 403, 200, 200),
    ),
    Case("group create form", "GET", "/community/groups/new/", o(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "group create",
        "POST",
        "/community/groups/new/",
        o(LOGIN, 302, 302, 302, 302, 302),
        {"name": "Energy", "visibility": "public"},
    ),
    Case(
        "join public",
        "POST",
        "/community/groups/winter-mobility/join/",
        o(LOGIN, 302, 403, 403, 302, 302),
    ),
    Case(
        "join private",
        "POST",
        "/community/groups/helsinki-internal/join/",
        o(LOGIN, 403, 403, 403, 403, 403),
    ),
    Case(
        "add member",
        "POST",
        "/community/groups/winter-mobility/members/",
        o(LOGIN, 403, 403, 302, 403, 302),
        {"email": "other@tallinn.example"},
    ),
    Case(
        "add document",
        "POST",
        "/community/groups/winter-mobility/documents/",
        o(LOGIN, 403, 302, 302, 403, 302),
        {"document-title": "Contract", "document-url": "https://example.org/c.pdf"},
    ),
    Case("api groups", "GET", "/api/v1/groups", ALL, json=True),
    Case(
        "api private group",
        "GET",
        "/api/v1/groups/helsinki-internal",
        o(403, 403, 200, 403, 200, 200),
        json=True,
    ),
    Case(
        "api group create",
        "POST",
        "/api/v1/groups",
        o(401, 201, 201, 201, 201, 201),
        {"name": "Energy"},
        json=True,
    ),
    Case(
        "api join",
        "POST",
        "/api/v1/groups/winter-mobility/join",
        o(401, 200, 403, 403, 200, 200),
        json=True,
    ),
    # discussions
    Case("thread", "GET", "/community/threads/{thread}/", ALL),
    Case(
        "thread create",
        "POST",
        "/community/groups/winter-mobility/threads/",
        o(LOGIN, 403, 302, 302, 403, 302),
        {"thread-title": "T", "thread-body": "B"},
    ),
    Case(
        "reply",
        "POST",
        "/community/threads/{thread}/reply/",
        o(LOGIN, 403, 302, 302, 403, 302),
        {"body": "Me too"},
    ),
    Case("edit form", "GET", "/community/posts/{post}/edit/", o(LOGIN, 403, 200, 403, 403, 200)),
    Case(
        "edit",
        "POST",
        "/community/posts/{post}/edit/",
        o(LOGIN, 403, 302, 403, 403, 302),
        {"body": "Edited"},
    ),
    Case("history", "GET", "/community/posts/{post}/history/", ALL),
    Case(
        "report",
        "POST",
        "/community/posts/{post}/report/",
        o(LOGIN, 302, 403, 302, 302, 302),
        {"reason": "spam"},
    ),
    Case(
        "moderate",
        "POST",
        "/community/posts/{post}/moderate/",
        o(LOGIN, 403, 403, 403, 403, 302),
        {"hide": "1", "reason": "spam"},
    ),
    Case("moderation queue", "GET", "/community/moderation/", o(LOGIN, 403, 403, 403, 403, 200)),
    Case("api thread", "GET", "/api/v1/threads/{thread}", ALL, json=True),
    Case("api group threads", "GET", "/api/v1/groups/winter-mobility/threads", ALL, json=True),
    Case(
        "api thread create",
        "POST",
        "/api/v1/groups/winter-mobility/threads",
        o(401, 403, 201, 201, 403, 201),
        {"title": "T", "body": "B"},
        json=True,
    ),
    Case(
        "api reply",
        "POST",
        "/api/v1/threads/{thread}/posts",
        o(401, 403, 201, 201, 403, 201),
        {"body": "B"},
        json=True,
    ),
    Case(
        "api edit",
        "PATCH",
        "/api/v1/posts/{post}",
        o(401, 403, 200, 403, 403, 200),
        {"body": "Edited"},
        json=True,
    ),
    Case("api revisions", "GET", "/api/v1/posts/{post}/revisions", ALL, json=True),
    Case(
        "api report",
        "POST",
        "/api/v1/posts/{post}/reports",
        o(401, 201, 403, 201, 201, 201),
        {"reason": "spam"},
        json=True,
    ),
    Case(
        "api moderate",
        "POST",
        "/api/v1/posts/{post}/moderation",
        o(401, 403, 403, 403, 403, 200),
        {"hide": True, "reason": "spam"},
        json=True,
    ),
    Case(
        "api reports",
        "GET",
        "/api/v1/moderation/reports",
        o(401, 403, 403, 403, 403, 200),
        json=True,
    ),
    # events
    Case("event list", "GET", "/community/events/?when=all&kind=forum_day&q=forum", ALL),
    Case("event", "GET", "/community/events/forum-day-helsinki/", ALL),
    Case(
        "private event",
        "GET",
        "/community/events/internal-workshop/",
        o(403, 403, 200, 403, 200, 200),
    ),
    Case("event create form", "GET", "/community/events/new/", o(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "event create",
        "POST",
        "/community/events/new/",
        o(LOGIN, 302, 302, 302, 302, 302),
        {
            "title": "Webinar",
            "kind": "webinar",
            "starts_at": "2031-03-01T10:00",
            "ends_at": "2031-03-01T11:00",
            "timezone": "Europe/Tallinn",
            "online_url": "https://meet.example/w",
        },
    ),
    Case(
        "event edit form",
        "GET",
        "/community/events/forum-day-helsinki/edit/",
        o(LOGIN, 403, 403, 200, 403, 200),
    ),
    Case(
        "register",
        "POST",
        "/community/events/forum-day-helsinki/register/",
        o(LOGIN, 302, 302, 302, 302, 302),
    ),
    Case(
        "register private",
        "POST",
        "/community/events/internal-workshop/register/",
        o(LOGIN, 403, 302, 403, 302, 302),
    ),
    Case(
        "cancel event",
        "POST",
        "/community/events/forum-day-helsinki/cancel/",
        o(LOGIN, 403, 403, 302, 403, 302),
        {"reason": "The venue is flooded."},
    ),
    Case(
        "attendees",
        "GET",
        "/community/events/forum-day-helsinki/attendees/",
        o(LOGIN, 403, 403, 200, 403, 200),
    ),
    Case("ics", "GET", "/community/events/forum-day-helsinki/event.ics", ALL),
    Case(
        "private ics",
        "GET",
        "/community/events/internal-workshop/event.ics",
        o(403, 403, 200, 403, 200, 200),
    ),
    Case("feed", "GET", "/community/events/calendar.ics", ALL),
    Case("api events", "GET", "/api/v1/events?when=all", ALL, json=True),
    Case("api event", "GET", "/api/v1/events/forum-day-helsinki", ALL, json=True),
    Case(
        "api private event",
        "GET",
        "/api/v1/events/internal-workshop",
        o(403, 403, 200, 403, 200, 200),
        json=True,
    ),
    Case(
        "api event create",
        "POST",
        "/api/v1/events",
        o(401, 201, 201, 201, 201, 201),
        {
            "title": "Webinar",
            "kind": "webinar",
            "starts_at": "2031-03-01T10:00:00",
            "ends_at": "2031-03-01T11:00:00",
            "online_url": "https://meet.example/w",
        },
        json=True,
    ),
    Case(
        "api event patch",
        "PATCH",
        "/api/v1/events/forum-day-helsinki",
        o(401, 403, 403, 200, 403, 200),
        {"capacity": 3},
        json=True,
    ),
    Case(
        "api register",
        "POST",
        "/api/v1/events/forum-day-helsinki/registration",
        o(401, 201, 201, 201, 201, 201),
        json=True,
    ),
    Case(
        "api attendees",
        "GET",
        "/api/v1/events/forum-day-helsinki/attendees",
        o(401, 403, 403, 200, 403, 200),
        json=True,
    ),
    # mentoring
    Case("mentoring", "GET", "/community/mentoring/?topic=mobility", ALL),
    Case(
        "offer",
        "POST",
        "/community/mentoring/offers/",
        o(LOGIN, 302, 403, 302, 302, 403),
        {"topics": ["energy"], "description": "Heat pumps"},
    ),
    Case(
        "ask form",
        "GET",
        "/community/mentoring/ask/{challenge}/",
        o(LOGIN, 403, 403, 200, 200, 200),
    ),
    Case(
        "request",
        "GET",
        "/community/mentoring/requests/{request}/",
        o(LOGIN, 403, 403, 200, 200, 200),
    ),
    Case(
        "mentorship",
        "GET",
        "/community/mentorships/{mentorship}/",
        o(LOGIN, 403, 200, 200, 200, 200),
    ),
    Case(
        "answer (only the mentor)",
        "POST",
        "/community/mentorships/{mentorship}/answer/",
        o(LOGIN, 403, 403, 403, 403, 403),
        {"accept": "1"},
    ),
    Case("api offers", "GET", "/api/v1/mentoring/offers", ALL, json=True),
    Case(
        "api offer",
        "POST",
        "/api/v1/mentoring/offers",
        o(401, 201, 403, 201, 201, 403),
        {"topics": ["energy"], "description": "Heat pumps"},
        json=True,
    ),
    Case(
        "api request",
        "POST",
        "/api/v1/mentoring/requests",
        o(401, 403, 403, 201, 201, 201),
        {"challenge": "{challenge}", "description": "Help"},
        json=True,
    ),
    Case(
        "api mentorship",
        "GET",
        "/api/v1/mentorships/{mentorship}",
        o(401, 403, 200, 200, 200, 200),
        json=True,
    ),
    # dashboard and notifications
    Case("dashboard", "GET", "/community/dashboard/", o(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "api dashboard", "GET", "/api/v1/me/dashboard", o(401, 200, 200, 200, 200, 200), json=True
    ),
    Case("notifications", "GET", "/notifications/?unread=1", o(LOGIN, 200, 200, 200, 200, 200)),
    Case("preferences", "GET", "/notifications/preferences/", o(LOGIN, 200, 200, 200, 200, 200)),
    Case(
        "preferences save",
        "POST",
        "/notifications/preferences/",
        o(LOGIN, 302, 302, 302, 302, 302),
        {"community.mentioned:email": "daily"},
    ),
    Case("read all", "POST", "/notifications/read-all/", o(LOGIN, 302, 302, 302, 302, 302)),
    Case(
        "api notifications",
        "GET",
        "/api/v1/notifications",
        o(401, 200, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api unread",
        "GET",
        "/api/v1/notifications/unread-count",
        o(401, 200, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api preferences",
        "PUT",
        "/api/v1/notification-preferences",
        o(401, 200, 200, 200, 200, 200),
        {"event_type": "community.mentioned", "channel": "email", "frequency": "weekly"},
        json=True,
    ),
]

EXTRA = [
    Case(
        "leave",
        "POST",
        "/community/groups/winter-mobility/leave/",
        o(LOGIN, 302, 302, 302, 302, 302),
    ),
    Case(
        "api leave",
        "POST",
        "/api/v1/groups/winter-mobility/leave",
        o(401, 422, 200, 422, 422, 422),
        json=True,
    ),
    Case(
        "api add member",
        "POST",
        "/api/v1/groups/winter-mobility/members",
        o(401, 403, 403, 200, 403, 200),
        {"email": "other@tallinn.example"},
        json=True,
    ),
    Case(
        "document (private group)",
        "GET",
        "/community/documents/{document}/",
        o(403, 403, 302, 403, 302, 302),
    ),
    Case(
        "event edit",
        "POST",
        "/community/events/forum-day-helsinki/edit/",
        o(LOGIN, 403, 403, 302, 403, 302),
        {
            "title": "Forum day Helsinki",
            "kind": "forum_day",
            "starts_at": "2031-03-01T10:00",
            "ends_at": "2031-03-01T16:00",
            "timezone": "Europe/Helsinki",
            "place": "City Hall",
            "capacity": "3",
        },
    ),
    Case(
        "unregister (not registered)",
        "POST",
        "/community/events/forum-day-helsinki/unregister/",
        o(LOGIN, 302, 302, 302, 302, 302),
    ),
    Case(
        "report (before the event)",
        "POST",
        "/community/events/forum-day-helsinki/report/",
        o(LOGIN, 403, 403, 302, 403, 302),
        {"report": "Good"},
    ),
    Case(
        "api cancel event",
        "POST",
        "/api/v1/events/forum-day-helsinki/cancel",
        o(401, 403, 403, 200, 403, 200),
        {"reason": "The venue is flooded."},
        json=True,
    ),
    Case(
        "api unregister (not registered)",
        "DELETE",
        "/api/v1/events/forum-day-helsinki/registration",
        o(401, 422, 422, 422, 422, 422),
        json=True,
    ),
    Case(
        "ask mentor again",
        "POST",
        "/community/mentoring/requests/{request}/ask/",
        o(LOGIN, 403, 403, 302, 302, 302),
        {"offer": "{offer}"},
    ),
    Case(
        "session (not active yet)",
        "POST",
        "/community/mentorships/{mentorship}/sessions/",
        o(LOGIN, 403, 403, 403, 403, 403),
        {"held_on": "2026-01-01"},
    ),
    Case(
        "end (not active yet)",
        "POST",
        "/community/mentorships/{mentorship}/end/",
        o(LOGIN, 403, 403, 403, 403, 403),
    ),
    Case(
        "feedback (not ended)",
        "POST",
        "/community/mentorships/{mentorship}/feedback/",
        o(LOGIN, 403, 403, 403, 403, 403),
        {"text": "x"},
    ),
    Case(
        "api request",
        "GET",
        "/api/v1/mentoring/requests/{request}",
        o(401, 403, 403, 200, 200, 200),
        json=True,
    ),
    Case(
        "api ask again",
        "POST",
        "/api/v1/mentoring/requests/{request}/mentorships",
        o(401, 403, 403, 422, 422, 422),
        {"offer": "{offer}"},
        json=True,
    ),
    Case(
        "api answer (mentor only)",
        "POST",
        "/api/v1/mentorships/{mentorship}/answer",
        o(401, 403, 403, 403, 403, 403),
        {"accept": True},
        json=True,
    ),
    Case(
        "api session",
        "POST",
        "/api/v1/mentorships/{mentorship}/sessions",
        o(401, 403, 403, 403, 403, 403),
        {"held_on": "2026-01-01"},
        json=True,
    ),
    Case(
        "api end",
        "POST",
        "/api/v1/mentorships/{mentorship}/end",
        o(401, 403, 403, 403, 403, 403),
        json=True,
    ),
    Case(
        "api feedback",
        "POST",
        "/api/v1/mentorships/{mentorship}/feedback",
        o(401, 403, 403, 403, 403, 403),
        {"text": "x"},
        json=True,
    ),
    Case(
        "link",
        "POST",
        "/community/groups/winter-mobility/links/",
        o(LOGIN, 403, 403, 302, 403, 302),
        {"challenge": "{challenge}"},
    ),
    Case(
        "api link",
        "POST",
        "/api/v1/groups/winter-mobility/links",
        o(401, 403, 403, 200, 403, 200),
        {"challenge": "{challenge}"},
        json=True,
    ),
    Case(
        "api read all",
        "POST",
        "/api/v1/notifications/read-all",
        o(401, 200, 200, 200, 200, 200),
        json=True,
    ),
    Case(
        "api read (not yours)",
        "POST",
        "/api/v1/notifications/999999/read",
        o(401, 404, 404, 404, 404, 404),
        json=True,
    ),
]
CASES += EXTRA


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case: Case, role: str, community: Community, unchanged: Any) -> None:
    world = community.world
    fmt = {
        "thread": community.thread.pk,
        "post": community.post.pk,
        "challenge": community.challenge.slug,
        "request": community.mentorship.request_id,
        "document": community.document.pk,
        "offer": community.expert.mentoring_offers.get().pk,
        "mentorship": community.mentorship.pk,
    }
    url = case.url.format(**fmt)
    data: dict[str, Any] = {
        k: (v.format(**fmt) if isinstance(v, str) else v) for k, v in (case.data or {}).items()
    }
    if case.json and "offer" in data:
        data["offer"] = int(data["offer"])
    client = world.client(role)
    expected = case.expected[role]

    def call() -> Any:
        if case.json:
            return api(client, case.method, url, data if case.data is not None else None)
        if case.method == "GET":
            return client.get(url)
        return client.post(url, data)

    refused = expected in (401, 403) or (role == "anonymous" and expected == LOGIN)
    response = unchanged(call) if refused and case.method != "GET" else call()
    assert response.status_code == expected, (
        case.name,
        role,
        response.status_code,
        response.content[:300],
    )
    if role == "anonymous" and expected == LOGIN:
        assert response["Location"].startswith("/accounts/login/")
    if case.json and expected in (401, 403):
        assert response.json()["detail"]
