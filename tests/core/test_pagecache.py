"""The page cache (core.pagecache, issue 15 point 2): anonymous public lists come from the shared
cache, a write through the services replaces them at once, and nothing personal is ever stored or
served from a shared entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.messages import constants as message_levels
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse

from tests.conftest import World
from urbanforum.accounts.services import api_token_create
from urbanforum.core.pagecache import HEADER
from urbanforum.practices.models import GoodPractice
from urbanforum.practices.schemas import PracticeFields
from urbanforum.practices.services import practice_update

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings: Any) -> Iterator[None]:
    settings.URBANFORUM_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def practices(world: World) -> tuple[GoodPractice, GoodPractice]:
    published = GoodPractice.objects.create(
        title="Heated cycle lanes",
        summary="Cycle lanes kept free of ice.",
        city=world.city,
        domains=["mobility"],
        status="published",
        author_organisation=world.org,
    )
    draft = GoodPractice.objects.create(
        title="Unpublished district heating draft",
        summary="Not public.",
        city=world.city,
        domains=["energy"],
        status="draft",
        author_organisation=world.org,
    )
    return published, draft


def test_an_anonymous_list_is_served_from_the_cache_the_second_time(
    world: World, practices: Any
) -> None:
    first = Client().get("/practices/")
    second = Client().get("/practices/")
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    assert "Heated cycle lanes" in second.content.decode()
    api = [Client().get("/api/v1/practices") for _ in range(2)]
    assert [r[HEADER] for r in api] == ["miss", "hit"]
    assert api[0].json() == api[1].json()


def test_a_write_through_the_services_is_seen_at_once(world: World, practices: Any) -> None:
    published, _draft = practices
    assert "Heated cycle lanes" in Client().get("/practices/").content.decode()
    editor = world.users["editor"]
    assert editor is not None
    practice_update(
        actor=editor, practice=published, changes=PracticeFields(title="Ice-free cycle lanes")
    )
    after = Client().get("/practices/")
    assert after[HEADER] == "miss"
    assert "Ice-free cycle lanes" in after.content.decode()
    assert "Heated cycle lanes" not in after.content.decode()


def test_a_logged_in_person_is_never_served_nor_stored(world: World, practices: Any) -> None:
    Client().get("/practices/")  # an anonymous entry exists
    editor = world.client("editor")
    for _ in range(2):
        response = editor.get("/practices/?status=draft")
        assert HEADER not in response
    # The editor's draft is on their page, never in what anonymous visitors get.
    assert "Unpublished district heating draft" in editor.get("/practices/").content.decode()
    anonymous = Client().get("/practices/")
    assert anonymous[HEADER] == "hit"
    assert "Unpublished district heating draft" not in anonymous.content.decode()


def test_an_api_token_is_a_person_not_an_anonymous_reader(world: World, practices: Any) -> None:
    editor = world.users["editor"]
    assert editor is not None
    key = api_token_create(actor=editor, name="cache test").key
    Client().get("/api/v1/practices")
    with_token = Client().get("/api/v1/practices", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert HEADER not in with_token
    titles = [item["title"] for item in with_token.json()["items"]]
    assert "Unpublished district heating draft" in titles


def test_language_and_htmx_fragments_have_their_own_entries(world: World, practices: Any) -> None:
    english = Client().get("/practices/")
    finnish = Client(headers={"Accept-Language": "fi"}).get("/practices/")
    assert finnish[HEADER] == "miss"
    assert finnish.content != english.content
    assert 'lang="fi"' in finnish.content.decode()
    fragment = Client().get("/practices/", HTTP_HX_REQUEST="true")
    assert fragment[HEADER] == "miss"
    assert "<html" not in fragment.content.decode()
    assert Client().get("/practices/")[HEADER] == "hit"


def test_each_reader_gets_their_own_form_token(world: World, practices: Any) -> None:
    Client().get("/practices/")
    reader = Client(enforce_csrf_checks=True)
    page = reader.get("/practices/")
    assert page[HEADER] == "hit"
    body = page.content.decode()
    assert "__urbanforum_csrf_token__" not in body
    token = body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    # The token works for this reader's own form (the language switcher).
    response = reader.post(
        "/i18n/setlang/", {"language": "de", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_a_waiting_message_is_not_cached(world: World, practices: Any, rf: Any) -> None:
    from django.contrib.messages.storage.cookie import CookieStorage

    from urbanforum.core.pagecache import PageCacheMiddleware

    request = rf.get("/practices/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    request._messages.add(message_levels.SUCCESS, "You have signed out.")
    assert PageCacheMiddleware(lambda r: None)._key_for(request) is None  # type: ignore[arg-type,return-value]


def test_pages_not_listed_are_not_stored(world: World, practices: Any) -> None:
    assert HEADER not in Client().get(f"/cities/{world.city.slug}/")


def test_only_plain_successful_answers_are_stored() -> None:
    from django.http import HttpResponse

    from urbanforum.core.pagecache import _storable

    assert _storable(HttpResponse("ok"))
    assert not _storable(HttpResponse("gone", status=404))
    assert not _storable(HttpResponse("busy", status=503))
    private = HttpResponse("mine")
    private["Cache-Control"] = "private"
    assert not _storable(private)
    with_cookie = HttpResponse("hello")
    with_cookie.set_cookie("choice", "1")
    assert not _storable(with_cookie)


def test_every_listed_view_exists() -> None:
    for name in django_settings.URBANFORUM_PAGE_CACHE_VIEWS:
        try:
            path = reverse(name)
        except NoReverseMatch:  # pragma: no cover - the failure message names the view
            pytest.fail(f"URBANFORUM_PAGE_CACHE_VIEWS names no view: {name}")
        assert resolve(path).view_name == name


def test_switched_off_with_zero_seconds(settings: Any, world: World, practices: Any) -> None:
    settings.URBANFORUM_PAGE_CACHE_SECONDS = 0
    assert HEADER not in Client().get("/practices/")
    assert HEADER not in Client().get("/practices/")
