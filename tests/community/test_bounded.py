"""Bounded work per request: the thread API pages its posts like the page does, and a post's
Markdown is rendered and sanitised once, when it is written (existing posts by a data migration)."""

from __future__ import annotations

import importlib

from django.apps import apps as django_apps

from tests.community.conftest import Community, u
from tests.conftest import api
from urbanforum.community import services
from urbanforum.community.models import Post


def _fill(community: Community, n: int) -> None:
    member = u(community.world, "member")
    for i in range(n):
        services.post_reply(actor=member, thread=community.thread, body=f"Reply {i}")


def test_thread_api_pages_its_posts_like_the_page(community: Community) -> None:
    _fill(community, 119)  # + the opening post = 120
    client = community.world.client("anonymous")
    url = f"/api/v1/threads/{community.thread.pk}"
    first = api(client, "GET", url).json()
    assert (first["count"], first["page"], first["pages"], first["page_size"]) == (120, 1, 3, 50)
    assert len(first["posts"]) == 50
    assert first["posts"][1]["body"] == "Reply 0"  # oldest first, after the opening post
    last = api(client, "GET", f"{url}?page=3").json()
    assert [p["body"] for p in last["posts"]] == [f"Reply {i}" for i in range(99, 119)]
    small = api(client, "GET", f"{url}?page=2&page_size=10").json()
    assert [p["body"] for p in small["posts"]] == [f"Reply {i}" for i in range(9, 19)]
    assert small["pages"] == 12
    assert api(client, "GET", f"{url}?page=9").json()["posts"] == []
    for bad in ("page=0", "page_size=0", "page_size=201", "page=x"):
        response = api(client, "GET", f"{url}?{bad}")
        assert response.status_code == 422, bad


def test_markdown_is_rendered_and_sanitised_when_written(community: Community) -> None:
    member = u(community.world, "member")
    post = services.post_reply(
        actor=member, thread=community.thread, body="**bold** <script>alert(1)</script>"
    )
    post.refresh_from_db()
    assert "<strong>bold</strong>" in post.html and "<script" not in post.html
    services.post_edit(actor=member, post=post, body="*now* [x](javascript:alert(1))")
    post.refresh_from_db()
    assert "<em>now</em>" in post.html and "javascript:" not in post.html
    # The page and the API serve the stored HTML; they do not render the body again.
    Post.objects.filter(pk=post.pk).update(html="<p>stored once</p>")
    client = community.world.client("anonymous")
    page = client.get(f"/community/threads/{community.thread.pk}/").content.decode()
    assert "<p>stored once</p>" in page
    body = api(client, "GET", f"/api/v1/threads/{community.thread.pk}").json()
    assert next(p["html"] for p in body["posts"] if p["id"] == post.pk) == "<p>stored once</p>"


def test_the_data_migration_renders_existing_posts(community: Community) -> None:
    Post.objects.update(html="")
    migration = importlib.import_module("urbanforum.community.migrations.0003_post_html")
    migration.render_existing(django_apps, None)
    post = Post.objects.get(pk=community.post.pk)
    assert post.html.startswith("<p>") and post.body.split()[0] in post.html
    assert not Post.objects.filter(html="").exists()
