"""Issue 10, point 4: each person's language and time zone.

A request's language: the logged-in person's own → the switcher's cookie → Accept-Language → the
default; an API token's person reads the API in their language; the switcher saves a logged-in
person's choice; the profile (form and API) sets language and time zone; invitations are written
in the invitee's language when known, else the inviter's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import mail
from django.test import Client

from tests.conftest import api
from tests.translations import extra_translations
from urbanforum.accounts import services
from urbanforum.accounts.models import Role, User
from urbanforum.core.i18n import language_of, supported_language, time_zone_of


def _language(response: Any) -> str:
    return str(response.headers["Content-Language"])


def test_visitors_get_their_cookie_then_their_browsers_language(world: Any) -> None:
    client = Client()
    assert _language(client.get("/", HTTP_ACCEPT_LANGUAGE="et-EE,et;q=0.9,en;q=0.5")) == "et"
    assert _language(client.get("/", HTTP_ACCEPT_LANGUAGE="xx")) == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    assert _language(client.get("/", HTTP_ACCEPT_LANGUAGE="et")) == "fi"


def test_a_logged_in_persons_own_language_wins(world: Any) -> None:
    member: User = world.users["member"]
    member.preferred_language = "et"
    member.save()
    client = world.client("member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    assert _language(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "et"
    # another person on the same machine keeps theirs
    assert _language(world.client("editor").get("/", HTTP_ACCEPT_LANGUAGE="de")) == "en"


def test_the_switcher_saves_a_logged_in_persons_language(world: Any) -> None:
    client = world.client("member")
    response = client.post("/i18n/setlang/", {"language": "fi", "next": "/"})
    assert response.status_code == 302
    member = User.objects.get(pk=world.users["member"].pk)
    assert member.preferred_language == "fi"
    assert _language(client.get("/")) == "fi"
    # an unknown language changes nothing
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert User.objects.get(pk=member.pk).preferred_language == "fi"
    # a visitor gets the cookie only
    visitor = Client()
    visitor.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert _language(visitor.get("/")) == "sv"


def test_profile_form_and_api_set_language_and_time_zone(world: Any, unchanged: Any) -> None:
    client = world.client("member")
    response = client.post(
        "/profile/",
        {"full_name": "Mari Maasikas", "preferred_language": "et", "time_zone": "Europe/Tallinn"},
    )
    assert response.status_code == 302
    member = User.objects.get(pk=world.users["member"].pk)
    assert (member.preferred_language, member.time_zone) == ("et", "Europe/Tallinn")
    assert (language_of(member), time_zone_of(member)) == ("et", "Europe/Tallinn")
    body = api(client, "GET", "/api/v1/me").json()
    assert (body["preferred_language"], body["time_zone"]) == ("et", "Europe/Tallinn")
    bad = unchanged(
        lambda: api(
            client,
            "PUT",
            "/api/v1/me",
            {"full_name": "Mari", "preferred_language": "et", "time_zone": "Mars/Olympus"},
        )
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "time_zone"
    ok = api(
        client,
        "PUT",
        "/api/v1/me",
        {"full_name": "Mari", "preferred_language": "lv", "time_zone": ""},
    )
    assert ok.status_code == 200 and ok.json()["time_zone"] == ""
    member.refresh_from_db()
    assert time_zone_of(member) == settings.TIME_ZONE and language_of(member) == "lv"
    form_error = unchanged(
        lambda: client.post(
            "/profile/", {"full_name": "M", "preferred_language": "et", "time_zone": "Nowhere"}
        )
    )
    assert form_error.status_code == 200 and "time_zone" in form_error.context["form"].errors


def test_api_answers_in_the_tokens_persons_language(world: Any) -> None:
    member: User = world.users["member"]
    member.preferred_language = "et"
    member.save()
    key = services.api_token_create(actor=member, name="script").key
    client = Client()
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="de")
    assert me.status_code == 200 and _language(me) == "et"
    anonymous = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="lv")
    assert anonymous.status_code == 401 and _language(anonymous) == "lv"


def test_supported_language() -> None:
    assert supported_language("et-EE") == "et"
    assert supported_language("NB") == "nb"
    assert supported_language("xx") is None and supported_language("") is None


INVITE = {
    "You are invited to join %(organisation)s on urbanforum": (
        "Teid kutsutakse liituma: %(organisation)s (urbanforum)"
    ),
}


def test_invitation_in_the_invitees_language_else_the_inviters(world: Any) -> None:
    admin: User = world.users["admin"]
    estonian = User.objects.create_user("mari@tallinn.example", "x-Strong-pass-1")
    estonian.preferred_language = "et"
    estonian.save()
    with extra_translations("et", INVITE):
        mail.outbox.clear()
        with_commit(
            lambda: services.invitation_create(
                actor=admin, organisation=world.org, email=estonian.email, role=Role.MEMBER
            )
        )
        assert mail.outbox[-1].subject == "Teid kutsutakse liituma: City of Helsinki (urbanforum)"
        # no account: the invitee's language is unknown, so the inviter's (English) is used
        with_commit(
            lambda: services.invitation_create(
                actor=admin, organisation=world.org, email="new@tartu.example", role=Role.MEMBER
            )
        )
        assert mail.outbox[-1].subject == "You are invited to join City of Helsinki on urbanforum"
        # an inviter who reads Estonian invites a stranger in Estonian
        admin.preferred_language = "et"
        admin.save()
        with_commit(
            lambda: services.invitation_create(
                actor=admin, organisation=world.org, email="new@parnu.example", role=Role.MEMBER
            )
        )
        assert mail.outbox[-1].subject.startswith("Teid kutsutakse liituma")


def with_commit(action: Any) -> None:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        action()
