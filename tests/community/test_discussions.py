"""Discussions: sanitised markdown (XSS), @mentions notify, edit history, reports and moderation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.community.conftest import Community, u
from tests.conftest import api
from urbanforum.community import services
from urbanforum.community.models import PostRevision
from urbanforum.notifications.models import Notification

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<svg onload="alert(1)"></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
]


@pytest.mark.parametrize("payload", XSS)
def test_no_script_gets_through(community: Community, payload: str) -> None:
    post = services.post_reply(
        actor=u(community.world, "member"), thread=community.thread, body=payload
    )
    html = (
        community.world.client("anonymous")
        .get(f"/community/threads/{community.thread.pk}/")
        .content.decode()
    )
    body = api(
        community.world.client("anonymous"), "GET", f"/api/v1/threads/{community.thread.pk}"
    ).json()
    rendered = next(p["html"] for p in body["posts"] if p["id"] == post.pk)
    for bad in ("<script", "onerror", "javascript:", "<iframe", "onload", "style="):
        assert bad not in rendered.lower()
        assert bad not in html.split('<ol class="posts">')[1].lower()


@pytest.mark.django_db(transaction=True)
def test_mention_notifies_only_people_who_can_read(world: Any) -> None:

    _editor, member, admin = u(world, "editor"), u(world, "member"), u(world, "admin")
    private = services.group_create(actor=admin, name="Internal", visibility="private")
    services.group_add_member(actor=admin, group=private, user=member)
    thread = services.thread_create(
        actor=admin,
        group=private,
        title="Budget",
        body="@member@helsinki.example and @editor please look (@nobody@x.example).",
    )
    mentioned = Notification.objects.filter(event_type="community.mentioned")
    # editor is not in the private group: the mention must not leak the thread to them.
    assert [n.recipient.email for n in mentioned] == ["member@helsinki.example"]
    assert mentioned.get().url == f"/community/threads/{thread.pk}/"
    services.post_reply(actor=member, thread=thread, body="Done, thanks.")
    replied = Notification.objects.filter(event_type="community.replied")
    assert [n.recipient.email for n in replied] == ["admin@helsinki.example"]


def test_edit_keeps_history(community: Community) -> None:
    member = u(community.world, "member")
    services.post_edit(actor=member, post=community.post, body="Who ploughs **first**? Edited.")
    services.post_edit(actor=member, post=community.post, body="Third version.")
    assert list(
        PostRevision.objects.filter(post=community.post).values_list("body", flat=True)
    ) == [
        "Who ploughs **first**? Edited.",
        "Who ploughs *first*?",
    ]
    revisions = api(
        community.world.client("other"), "GET", f"/api/v1/posts/{community.post.pk}/revisions"
    ).json()
    assert [r["body"] for r in revisions] == [
        "Who ploughs **first**? Edited.",
        "Who ploughs *first*?",
    ]
    with pytest.raises(ValidationError) as exc:
        services.post_edit(actor=member, post=community.post, body="   ")
    assert "body" in exc.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_report_then_hide_and_restore_with_reason(world: Any) -> None:
    editor, _member, other = u(world, "editor"), u(world, "member"), u(world, "other")
    coordinator = u(world, "coordinator")
    group = services.group_create(actor=editor, name="Open", description="")
    thread = services.thread_create(actor=editor, group=group, title="T", body="Buy cheap pills")
    post = thread.posts.get()
    services.post_report(actor=other, post=post, reason="spam")
    with pytest.raises(ValidationError):
        services.post_report(actor=other, post=post, reason="spam again")
    assert (
        Notification.objects.filter(
            event_type="community.post_reported", recipient=coordinator
        ).count()
        == 1
    )
    with pytest.raises(ValidationError) as exc:
        services.post_moderate(actor=coordinator, post=post, hide=True, reason="")
    assert "reason" in exc.value.message_dict
    services.post_moderate(actor=coordinator, post=post, hide=True, reason="Advertising")
    body = api(world.client("member"), "GET", f"/api/v1/threads/{thread.pk}").json()["posts"][0]
    assert body == {**body, "hidden": True, "body": "", "html": "", "hidden_reason": "Advertising"}
    html = world.client("member").get(f"/community/threads/{thread.pk}/").content.decode()
    assert "Buy cheap pills" not in html and "Advertising" in html
    assert (
        world.client("coordinator")
        .get("/community/moderation/")
        .content.decode()
        .count("Buy cheap")
        == 0
    )
    services.post_moderate(actor=coordinator, post=post, hide=False, reason="Was a real question")
    assert (
        "Buy cheap pills"
        in world.client("member").get(f"/community/threads/{thread.pk}/").content.decode()
    )


def test_group_links_a_process_and_a_challenge(community: Community) -> None:
    from tests.processes.conftest import make_challenge
    from urbanforum.processes import services as processes

    world = community.world
    process = processes.process_open(
        actor=u(world, "editor"), challenge=make_challenge(world, title="Second")
    )
    client = world.client("editor")
    body = api(
        client,
        "POST",
        "/api/v1/groups/winter-mobility/links",
        {"process": process.slug, "challenge": community.challenge.slug},
    ).json()
    assert body["processes"] == [process.slug] and body["challenges"] == [community.challenge.slug]
    assert (
        api(
            world.client("member"),
            "POST",
            "/api/v1/groups/winter-mobility/links",
            {"process": process.slug},
        ).status_code
        == 403
    )
    assert (
        api(client, "POST", "/api/v1/groups/winter-mobility/links", {"process": "nope"}).json()[
            "errors"
        ][0]["field"]
        == "process"
    )
    html = world.client("anonymous").get("/community/groups/winter-mobility/").content.decode()
    assert process.title not in html  # members-only process: not shown to anonymous visitors
    assert (
        process.title
        in world.client("member").get("/community/groups/winter-mobility/").content.decode()
    )
