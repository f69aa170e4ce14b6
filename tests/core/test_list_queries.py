"""Lists that cost a page: every list page and API list runs the same, exact number of queries with
3 rows as with 300 (seeded in bulk by bench/seed.py), on the first page and on a deep one."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bench.seed import seed
from tests.conftest import World

# (url, who asks) → queries. The page URLs render the full template (facets, filters, rows).
PUBLIC = [
    "/challenges/",
    "/api/v1/challenges",
    "/practices/",
    "/api/v1/practices",
    "/marketplace/solutions/",
    "/api/v1/solutions",
    "/marketplace/experts/",
    "/api/v1/experts",
    "/cities/",
    "/api/v1/cities",
    "/community/events/",
    "/api/v1/events",
    "/processes/",
    "/api/v1/processes",
    "/procurement/",
    "/api/v1/procurements",
]
GROUP = ["/community/groups/{group}/", "/api/v1/groups/{group}/threads"]
THREAD = ["/community/threads/{thread}/", "/api/v1/threads/{thread}"]
PERSONAL = ["/notifications/", "/api/v1/notifications"]


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _measure(world: World, group: str, thread: int, *, page: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for role in ("anonymous", "member"):
        client = world.client(role)
        for template in PUBLIC + GROUP + THREAD:
            url = template.format(group=group, thread=thread)
            url += ("&" if "?" in url else "?") + f"page={page}"
            out[f"{role} {url}"] = _count(client, url)
    client = world.client("member")
    for url in PERSONAL:
        out[f"member {url}?page={page}"] = _count(client, f"{url}?page={page}")
    return out


@pytest.mark.django_db
# Database sessions: with the cached ones (REDIS_URL) a session read is a query or not depending
# on the cache, and the exact counts would follow the cache rather than the list.
@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_lists_cost_the_same_with_3_and_300_rows(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    small = seed(3, tag="small", recipient_email=member.email)
    first_small = _measure(world, small.group_slug, small.thread_id, page=1)
    big = seed(300, tag="big", recipient_email=member.email)
    # The big group's thread and posts: 300 each; page 6 of 25 is a deep page.
    first_big = _measure(world, big.group_slug, big.thread_id, page=1)
    deep_big = _measure(world, big.group_slug, big.thread_id, page=6)

    def same_urls(measured: dict[str, int], group: str, thread: int, page: int) -> dict[str, int]:
        return {
            k.replace(group, "G")
            .replace(f"/{thread}/", "/T/")
            .replace(f"/{thread}?", "/T?")
            .replace(f"page={page}", "page=N"): v
            for k, v in measured.items()
        }

    a = same_urls(first_small, small.group_slug, small.thread_id, 1)
    b = same_urls(first_big, big.group_slug, big.thread_id, 1)
    c = same_urls(deep_big, big.group_slug, big.thread_id, 6)
    assert b == a
    assert c == a
    assert a == EXPECTED


# Exact counts (session, user and membership look-ups included for the member; a paginated list
# is two queries, the page's keys and then its rows — core.pagination).
EXPECTED: dict[str, int] = {
    "anonymous /challenges/?page=N": 6,
    "anonymous /api/v1/challenges?page=N": 4,
    "anonymous /practices/?page=N": 6,
    "anonymous /api/v1/practices?page=N": 4,
    "anonymous /marketplace/solutions/?page=N": 5,
    "anonymous /api/v1/solutions?page=N": 3,
    "anonymous /marketplace/experts/?page=N": 5,
    "anonymous /api/v1/experts?page=N": 3,
    "anonymous /cities/?page=N": 5,
    "anonymous /api/v1/cities?page=N": 3,
    "anonymous /community/events/?page=N": 4,
    "anonymous /api/v1/events?page=N": 3,
    "anonymous /processes/?page=N": 5,
    "anonymous /api/v1/processes?page=N": 5,
    "anonymous /procurement/?page=N": 3,
    "anonymous /api/v1/procurements?page=N": 3,
    "anonymous /community/groups/G/?page=N": 8,
    "anonymous /api/v1/groups/G/threads?page=N": 5,
    "anonymous /community/threads/T/?page=N": 5,
    "anonymous /api/v1/threads/T?page=N": 4,
    "member /challenges/?page=N": 12,
    "member /api/v1/challenges?page=N": 6,
    "member /practices/?page=N": 12,
    "member /api/v1/practices?page=N": 6,
    "member /marketplace/solutions/?page=N": 11,
    "member /api/v1/solutions?page=N": 5,
    "member /marketplace/experts/?page=N": 10,
    "member /api/v1/experts?page=N": 5,
    "member /cities/?page=N": 10,
    "member /api/v1/cities?page=N": 5,
    "member /community/events/?page=N": 10,
    "member /api/v1/events?page=N": 5,
    "member /processes/?page=N": 11,
    "member /api/v1/processes?page=N": 7,
    "member /procurement/?page=N": 10,
    "member /api/v1/procurements?page=N": 6,
    "member /community/groups/G/?page=N": 16,
    "member /api/v1/groups/G/threads?page=N": 7,
    "member /community/threads/T/?page=N": 11,
    "member /api/v1/threads/T?page=N": 6,
    "member /notifications/?page=N": 8,
    "member /api/v1/notifications?page=N": 5,
}
