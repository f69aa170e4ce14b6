"""A coordinator can keep a reported post (close its reports without hiding it) from the post's
page — the moderation queue's "Open the post to hide it or keep it" promised both."""

from __future__ import annotations

import pytest

from tests.community.conftest import Community, u
from urbanforum.community import services
from urbanforum.community.models import PostReport

pytestmark = pytest.mark.django_db

KEEP = "Keep the post and close the reports"


def test_a_reported_post_offers_keep_to_coordinators_only(community: Community) -> None:
    world = community.world
    services.post_report(actor=u(world, "other"), post=community.post, reason="Off topic.")
    url = f"/community/threads/{community.thread.pk}/"
    for role in ("anonymous", "other", "member", "editor", "admin"):
        response = world.client(role).get(url)
        assert response.status_code == 200, role
        assert KEEP not in response.content.decode(), role
    coordinator = world.client("coordinator")
    assert KEEP in coordinator.get(url).content.decode()

    response = coordinator.post(
        f"/community/posts/{community.post.pk}/moderate/", {"hide": "0", "reason": "On topic."}
    )
    assert response.status_code == 302
    community.post.refresh_from_db()
    assert community.post.hidden_at is None
    assert not PostReport.objects.filter(post=community.post, resolved_at=None).exists()
    page = coordinator.get(url).content.decode()
    assert KEEP not in page  # no open report left
    assert "No open reports." in coordinator.get("/community/moderation/").content.decode()


def test_an_unreported_post_offers_no_keep(community: Community) -> None:
    page = community.world.client("coordinator").get(f"/community/threads/{community.thread.pk}/")
    assert KEEP not in page.content.decode()
