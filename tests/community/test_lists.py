"""The community's list pages share one recipe (core.lists.list_page): filters from the query
string, the results fragment for htmx, the whole page when htmx restores its history, and
`Vary: HX-Request` so caches keep the two apart."""

from __future__ import annotations

from typing import Any

import pytest

from tests.community.conftest import Community

PAGES = [
    ("anonymous", "/community/groups/?q=winter", "Winter mobility"),
    ("anonymous", "/community/events/?when=upcoming&kind=forum_day", "Forum day Helsinki"),
    ("anonymous", "/community/mentoring/?topic=mobility", "Mia Mentor"),
    ("member", "/community/processes/{process}/discussions/?q=x", "No discussion yet."),
    ("coordinator", "/community/moderation/", "No open reports."),
]


@pytest.mark.parametrize(("role", "url", "shows"), PAGES)
def test_list_page_fragment_and_history_restore(
    community: Community, pworld: Any, role: str, url: str, shows: str
) -> None:
    pworld.process.visibility = "public"
    pworld.process.save()
    client = community.world.client(role)
    url = url.format(process=pworld.process.slug)

    page = client.get(url)
    assert page.status_code == 200
    assert "<html" in page.content.decode() and shows in page.content.decode()
    assert "HX-Request" in page["Vary"]

    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode() and shows in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]

    restore = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode() and shows in restore.content.decode()


def test_filters_are_read_by_type(community: Community) -> None:
    client = community.world.client("member")
    mine = client.get("/community/groups/?mine=1").content.decode()
    assert "Winter mobility" in mine and "Helsinki internal" in mine
    nothing = client.get("/community/groups/?q=no-such-group&page=abc").content.decode()
    assert "No working group matches." in nothing  # a bad page number never breaks the page


def test_the_moderation_queue_lists_reported_posts_only(community: Community) -> None:
    """Posts nobody reported are not in the queue (they were: the unresolved-report filter
    matched posts without any report)."""
    from urbanforum.community import services

    world = community.world
    reported = services.thread_create(
        actor=world.users["member"], group=community.public_group, title="Pills", body="Buy pills"
    ).posts.get()
    services.post_report(actor=world.users["editor"], post=reported, reason="spam")
    html = world.client("coordinator").get("/community/moderation/").content.decode()
    assert "Buy pills" in html and "Who ploughs" not in html
    reports = api_reports(world)
    assert [r["id"] for r in reports] == [reported.pk]


def api_reports(world: Any) -> Any:
    from tests.conftest import api

    return api(world.client("coordinator"), "GET", "/api/v1/moderation/reports").json()


def test_the_moderation_queue_shows_why_each_post_was_reported(community: Community) -> None:
    from urbanforum.community import services

    world = community.world
    services.post_report(
        actor=world.users["editor"], post=community.post, reason="Advertises a product"
    )
    services.post_report(actor=world.users["admin"], post=community.post, reason="Off topic here")
    html = world.client("coordinator").get("/community/moderation/").content.decode()
    assert "Advertises a product" in html and "Off topic here" in html
    [reported] = api_reports(world)
    assert [r["reason"] for r in reported["reports"]] == [
        "Advertises a product",
        "Off topic here",
    ]
    assert reported["thread_id"] == community.thread.pk
