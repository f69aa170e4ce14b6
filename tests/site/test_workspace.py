"""The workspace (/my-city/ and its JSON twin /api/v1/workspace): a city officer's city in the five
steps with the next steps in plain words, a coordinator's network, a helpful page for a person of
no city administration, log-in for anonymous visitors — and never another city's private data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from tests.conftest import World, api, make_user
from tests.processes.conftest import build_process_world
from urbanforum.challenges.models import Challenge, MatchNotice
from urbanforum.community import services as community
from urbanforum.processes import services as processes
from urbanforum.site.selectors import steps, workspace

pytestmark = pytest.mark.django_db

PAGE = "/my-city/"
API = "/api/v1/workspace"


def challenge(world: World, title: str, *, city: Any = None, **extra: Any) -> Challenge:
    city = city or world.city
    return Challenge.objects.create(
        title=title,
        owner_city=city,
        owner_organisation=city.administration,
        problem_statement=f"{title}: the problem.",
        domains=["mobility"],
        **{"status": "open", "visibility": "public", **extra},
    )


def call(client: Client, url: str) -> tuple[int, Any]:
    response = api(client, "get", url)
    return response.status_code, response.json()


def next_steps(data: dict[str, Any], key: str) -> list[str]:
    (step,) = [s for s in data["steps"] if s["key"] == key]
    return [n["text"] for n in step["next_steps"]]


def test_each_role(world: World) -> None:
    # anonymous: the page asks to log in, the API answers 401
    response = Client().get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert call(Client(), API)[0] == 401

    # a person of no city administration: a page that says how to join
    nobody = make_user("nobody@example.org")
    client = Client()
    client.force_login(nobody)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "You do not belong to a city administration yet" in page.content.decode()
    assert 'href="/accounts/email/"' in page.content.decode()
    status, data = call(client, API)
    assert status == 200 and data["kind"] == "none" and data["steps"] == []
    assert "invite you" in data["help"]

    # every officer of Helsinki (member, editor, admin) gets Helsinki's workspace
    for role in ("member", "editor", "admin"):
        page = world.client(role).get(PAGE)
        assert page.status_code == 200, role
        assert "My city: Helsinki" in page.content.decode()
        status, data = call(world.client(role), API)
        assert status == 200 and data["kind"] == "city" and data["city_slug"] == "helsinki-fi"
        assert [s["key"] for s in data["steps"]] == [
            "start",
            "challenges",
            "action",
            "evaluation",
            "share",
            "community",
        ]
    # Tallinn's admin gets Tallinn's; a coordinator of no city the network's
    assert call(world.client("other"), API)[1]["city_slug"] == "tallinn-ee"
    status, data = call(world.client("coordinator"), API)
    assert status == 200 and data["kind"] == "network"
    assert "The network" in world.client("coordinator").get(PAGE).content.decode()


def test_empty_city_says_what_to_do_first(world: World) -> None:
    data = call(world.client("editor"), API)[1]
    assert next_steps(data, "start") == [
        "Your city has no benchmark yet: ask your coordinator to include it in the official "
        "run, or import your city's indicator data."
    ]
    assert next_steps(data, "challenges") == [
        "Your city has no challenge yet: describe a problem your city wants to solve."
    ]
    assert next_steps(data, "share") == [
        "Your city has published no good practice yet: share one that worked."
    ]
    (step,) = [s for s in data["steps"] if s["key"] == "challenges"]
    assert step["entries"] == [] and step["empty"] == "No challenges yet."
    html = world.client("editor").get(PAGE).content.decode()
    assert "No challenges yet." in html and 'href="/challenges/new/"' in html


def test_new_matches_tasks_and_drafts_are_next_steps(world: World) -> None:
    winter = challenge(world, "Winter cycling")
    for pk in (1, 2, 3):
        MatchNotice.objects.create(challenge=winter, item_kind="practice", item_id=pk, score=0.6)
    challenge(world, "Noisy streets", status="draft")
    pw = build_process_world(world)
    editor = world.users["editor"]
    assert editor is not None
    for title in ("Map the routes", "Ask the contractors"):
        processes.task_create(actor=editor, process=pw.process, title=title, owner=editor)
    data = call(world.client("editor"), API)[1]
    assert next_steps(data, "challenges")[:2] == [
        "3 new matches for “Winter cycling”",
        "“Noisy streets” is a draft: open it so that other cities and providers find it.",
    ]
    (step,) = [s for s in data["steps"] if s["key"] == "challenges"]
    assert step["next_steps"][0]["url"] == f"/challenges/{winter.slug}/#matches"
    (entry,) = [e for e in step["entries"] if e["title"] == "Winter cycling"]
    assert entry == {
        "title": "Winter cycling",
        "url": f"/challenges/{winter.slug}/",
        "note": "Open, 3 new matches",
    }
    assert "2 tasks wait for you." in next_steps(data, "action")
    (action,) = [s for s in data["steps"] if s["key"] == "action"]
    assert pw.process.title in [e["title"] for e in action["entries"]]
    # the member owns no task: nothing waits for them
    member = call(world.client("member"), API)[1]
    assert not any(
        "wait for you" in t or "waits for you" in t for t in next_steps(member, "action")
    )


def test_never_another_citys_private_data(world: World) -> None:
    secret = challenge(
        world, "Tallinn's private worry", city=world.other_city, visibility="private"
    )
    MatchNotice.objects.create(challenge=secret, item_kind="practice", item_id=9, score=0.9)
    challenge(world, "Helsinki's own")
    for client in (world.client("editor"), world.client("member")):
        # asking for another city's workspace gives one's own
        html = client.get(PAGE + "?city=tallinn-ee").content.decode()
        assert "My city: Helsinki" in html and "Tallinn's private worry" not in html
        data = call(client, API + "?city=tallinn-ee")[1]
        assert data["city_slug"] == "helsinki-fi"
        assert "Tallinn's private worry" not in str(data)
    # Tallinn's own officer sees it, with its new match
    tallinn = call(world.client("other"), API)[1]
    assert "1 new match for “Tallinn's private worry”" in next_steps(tallinn, "challenges")


def test_coordinator_sees_the_network_and_the_moderation_queue(world: World) -> None:
    editor, member = world.users["editor"], world.users["member"]
    assert editor is not None and member is not None
    challenge(world, "Winter cycling")
    group = community.group_create(actor=editor, name="Winter mobility", domains=["mobility"])
    community.group_join(actor=member, group=group)
    thread = community.thread_create(actor=member, group=group, title="Ploughing", body="Who?")
    post = thread.posts.first()
    assert post is not None
    community.post_report(actor=editor, post=post, reason="Off topic.")
    data = call(world.client("coordinator"), API)[1]
    assert next_steps(data, "community") == ["1 reported post waits for moderation."]
    assert next_steps(data, "challenges") == [
        "1 open challenge has no process yet: help its city find partners."
    ]
    assert next_steps(data, "start")[0].startswith("There is no official benchmark yet")
    html = world.client("coordinator").get(PAGE).content.decode()
    assert 'href="/community/moderation/"' in html


def test_a_coordinator_who_works_for_a_city_switches_between_city_and_network(
    world: World,
) -> None:
    # Helsinki's editor also coordinates the network: the city comes first, the network one
    # click away, and back; a plain officer is never offered the network.
    editor = world.users["editor"]
    assert editor is not None
    editor.is_coordinator = True
    editor.save()
    client = world.client("editor")
    data = call(client, API)[1]
    assert (data["kind"], data["city_slug"]) == ("city", "helsinki-fi")
    assert data["other_cities"] == [["network", "The network"]]
    html = client.get(PAGE).content.decode()
    assert 'href="?city=network"' in html and 'aria-current="page">Helsinki<' in html
    data = call(client, API + "?city=network")[1]
    assert (data["kind"], data["title"]) == ("network", "The network")
    assert data["other_cities"] == [["helsinki-fi", "Helsinki"]]
    html = client.get(PAGE + "?city=network").content.decode()
    assert 'href="?city=helsinki-fi"' in html and 'href="/community/moderation/"' in html
    # an officer who is no coordinator asking for the network gets their city
    data = call(world.client("admin"), API + "?city=network")[1]
    assert (data["kind"], data["city_slug"], data["other_cities"]) == ("city", "helsinki-fi", [])


def test_numbers_and_text_in_the_readers_language(world: World) -> None:
    with translation.override("de"):
        assert steps.number(1234567) == "1.234.567"
    with translation.override("fi"):
        assert steps.number(1234567) == "1\xa0234\xa0567"
    editor = world.users["editor"]
    assert editor is not None
    with translation.override("fi"):
        found = workspace(user=editor)
    assert found.steps[1].empty != "No challenges yet."  # translated


def test_officer_lands_on_the_workspace_after_log_in_and_the_header_links_to_it(
    world: World,
) -> None:
    from allauth.account.models import EmailAddress

    editor = world.users["editor"]
    assert editor is not None
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": editor.email, "password": "a-Strong-password-1"}
    )
    assert response.status_code == 302 and response["Location"] == PAGE
    html = client.get("/").content.decode()
    assert 'href="/my-city/" data-testid="nav-workspace"' in html
    assert 'data-testid="nav-workspace"' not in Client().get("/").content.decode()


def test_a_provider_and_an_expert_land_on_their_own_work(world: World) -> None:
    from urbanforum.accounts.models import Membership, Organisation, OrganisationKind, Role

    company = Organisation.objects.create(name="Snowline", kind=OrganisationKind.COMPANY)
    provider = make_user("provider@snowline.example")
    Membership.objects.create(
        user=provider, organisation=company, role=Role.EDITOR, verified_via="admin"
    )
    expert = make_user("expert@experts.example", is_expert=True)
    citizen = make_user("citizen@example.org")
    for user, links in (
        (provider, ["/procurement/?status=published", "/marketplace/solutions/"]),
        (expert, ["/reviews/", "/community/mentoring/"]),
        (citizen, []),
    ):
        client = Client()
        client.force_login(user)
        data = call(client, API)[1]
        assert data["kind"] == "none" and data["help"]  # how to join a city, still said
        got = [n["url"] for s in data["steps"] for n in s["next_steps"]]
        assert got == links
        html = client.get(PAGE).content.decode()
        for url in links:
            assert f'href="{url}"' in html
            assert client.get(url).status_code == 200
        assert ("If you also work for a city:" in html) == bool(links)
