"""Issue 12, point 1: each breach found when the first version was attacked is a test here.

- mallory@hel.fi signing up (unconfirmed) became a member of Helsinki's administration;
- /admin/login/ (and API tokens) could be guessed without limit;
- an API token survived a password reset;
- invitation e-mails carried a relative link and broke on a name with a line break.
(The missing Content-Security-Policy: tests/core/test_csp.py.)
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client, override_settings

from tests.conftest import World, api, make_user
from urbanforum.accounts import services
from urbanforum.accounts.models import ApiToken, Membership, Organisation, User
from urbanforum.core.models import AuditEvent

SIGNUP = {"password1": "a-Strong-password-1", "password2": "a-Strong-password-1"}


def _sign_up(client: Client, email: str) -> Any:
    return client.post("/accounts/signup/", {"email": email, **SIGNUP})


# --- domain membership only for a confirmed address


def test_mallory_signing_up_at_a_city_domain_joins_nothing_and_sees_nothing(
    world: World,
) -> None:
    client = Client()
    assert _sign_up(client, "mallory@hel.fi").status_code == 302
    mallory = User.objects.get(email="mallory@hel.fi")
    assert not Membership.objects.filter(user=mallory).exists()
    # Verification is mandatory: without confirming, she is not even logged in.
    assert client.get("/profile/").status_code == 302
    assert client.get("/api/v1/organisations/city-of-helsinki/members").status_code == 401
    # Even logged in by force, she is no member and cannot list the city's people.
    client.force_login(mallory)
    response = api(client, "GET", "/api/v1/organisations/city-of-helsinki/members")
    assert response.status_code == 403


def test_the_service_refuses_domain_membership_for_an_unconfirmed_address(world: World) -> None:
    mallory = make_user("mallory@hel.fi")
    EmailAddress.objects.create(user=mallory, email=mallory.email, verified=False, primary=True)
    assert services.user_verify_by_domain(user=mallory) == []
    assert not Membership.objects.filter(user=mallory).exists()
    EmailAddress.objects.filter(user=mallory).update(verified=True)
    made = services.user_verify_by_domain(user=mallory)
    assert [(m.organisation, m.verified_via) for m in made] == [(world.org, "domain")]


def test_confirming_the_address_makes_the_domain_membership(world: World) -> None:
    client = Client()
    _sign_up(client, "virkailija@hel.fi")
    assert not Membership.objects.filter(user__email="virkailija@hel.fi").exists()
    link = re.search(r"(https?://\S+)(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert link is not None
    assert link.group(1) == "http://forum.example.org"  # URBANFORUM_SITE_URL, see below
    client.post(link.group(2))
    assert Membership.objects.filter(
        user__email="virkailija@hel.fi", organisation=world.org, verified_via="domain"
    ).exists()


@pytest.fixture(autouse=True)
def _site_url(settings: Any) -> None:
    settings.URBANFORUM_SITE_URL = "http://forum.example.org/"


def test_verification_is_mandatory_by_default() -> None:
    from django.conf import settings

    assert settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory"


# --- rate limits of every log-in path


@override_settings(URBANFORUM_LOGIN_RATE_LIMIT="3/300")
def test_admin_login_is_rate_limited_even_for_the_right_password(world: World) -> None:
    staff = make_user("staff@network.example", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(3):
        response = client.post(
            "/admin/login/", {"username": staff.email, "password": "wrong-guess"}
        )
        assert response.status_code == 200  # the form again, with its error
    response = client.post(
        "/admin/login/", {"username": staff.email, "password": "a-Strong-password-1"}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session
    # Another address guessing the same account is refused too (the account's own counter).
    other = Client(REMOTE_ADDR="10.0.0.9")
    response = other.post("/admin/login/", {"username": staff.email, "password": "x"})
    assert response.status_code == 429


@override_settings(URBANFORUM_LOGIN_RATE_LIMIT="3/300")
def test_admin_login_counts_only_failures(world: World) -> None:
    staff = make_user("staff@network.example", is_staff=True, is_superuser=True)
    for _ in range(4):
        client = Client()
        response = client.post(
            "/admin/login/", {"username": staff.email, "password": "a-Strong-password-1"}
        )
        assert response.status_code == 302


def test_admin_login_counters_are_in_the_shared_cache(world: World, settings: Any) -> None:
    from django.core.cache import cache

    settings.URBANFORUM_LOGIN_RATE_LIMIT = "2/300"
    client = Client()
    for _ in range(2):
        client.post("/admin/login/", {"username": "nobody@example.org", "password": "x"})
    # What another server sees: only the cache, nothing of this process's memory.
    from urbanforum.core import ratelimit

    keys = ["ip:127.0.0.1"]
    assert ratelimit.retry_after("admin_login", keys, ratelimit.Limit(2, 300)) > 0
    cache.clear()
    assert ratelimit.retry_after("admin_login", keys, ratelimit.Limit(2, 300)) == 0
    response = client.post("/admin/login/", {"username": "nobody@example.org", "password": "x"})
    assert response.status_code == 200


def test_site_login_is_rate_limited(world: World, settings: Any) -> None:
    client = Client()
    for _ in range(10):
        client.post("/accounts/login/", {"login": "member@helsinki.example", "password": "bad"})
    EmailAddress.objects.create(
        user=world.users["member"], email="member@helsinki.example", verified=True, primary=True
    )
    response = client.post(
        "/accounts/login/",
        {"login": "member@helsinki.example", "password": "a-Strong-password-1"},
    )
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


@override_settings(URBANFORUM_LOGIN_RATE_LIMIT="3/300")
def test_api_token_guessing_is_rate_limited(world: World) -> None:
    new = services.api_token_create(actor=world.users["member"], name="script")
    client = Client()
    for i in range(3):
        response = api(client, "GET", "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer uf_guess{i}")
        assert response.status_code == 401
    response = api(client, "GET", "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {new.key}")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many failed authentications")
    assert int(response["Retry-After"]) > 0
    # Valid tokens from another address still work; a valid token counts no failure.
    elsewhere = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        response = api(elsewhere, "GET", "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {new.key}")
        assert response.status_code == 200


def test_the_client_address_behind_trusted_proxies(settings: Any) -> None:
    from django.test import RequestFactory

    from urbanforum.core.ratelimit import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    assert client_ip(request) == "127.0.0.1"  # the header is ignored by default
    settings.URBANFORUM_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4"  # the client cannot choose it by sending the header


# --- tokens revoked when the password changes


def test_api_token_does_not_survive_a_password_reset(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    new = services.api_token_create(actor=member, name="script")
    client = Client()
    client.post("/accounts/password/reset/", {"email": member.email})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body)
    assert link is not None
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": "another-Strong-pw-2", "password2": "another-Strong-pw-2"})
    assert User.objects.get(pk=member.pk).check_password("another-Strong-pw-2")
    response = api(Client(), "GET", "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {new.key}")
    assert response.status_code == 401
    assert ApiToken.objects.get(pk=new.token.pk).revoked_at is not None
    entry = AuditEvent.objects.get(action="api_token.revoke_all")
    assert entry.changes == {"tokens": 1, "reason": "password.change"}


def test_api_token_does_not_survive_a_password_change(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    new = services.api_token_create(actor=member, name="script")
    client = world.client("member")
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "a-Strong-password-1",
            "password1": "another-Strong-pw-2",
            "password2": "another-Strong-pw-2",
        },
    )
    assert response.status_code == 302
    response = api(Client(), "GET", "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {new.key}")
    assert response.status_code == 401


def test_saving_a_user_without_a_new_password_keeps_the_tokens(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    new = services.api_token_create(actor=member, name="script")
    member.full_name = "Maija"
    member.save()
    assert ApiToken.objects.get(pk=new.token.pk).revoked_at is None


# --- e-mails: absolute links, header-safe text


def test_invitation_has_an_absolute_link_and_survives_a_name_with_a_line_break(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    Organisation.objects.filter(pk=world.org.pk).update(name="City of\r\nHelsinki\nBcc: x@y.z")
    admin = world.users["admin"]
    assert admin is not None
    admin.full_name = "Anna\nAdmin"
    admin.save()
    org = Organisation.objects.get(pk=world.org.pk)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=admin, organisation=org, email="new@example.org"
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "You are invited to join City of Helsinki Bcc: x@y.z on urbanforum"
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.to == ["new@example.org"]
    assert f"http://forum.example.org/invitations/{invitation.token}/" in message.body
    assert message.body.startswith("Anna Admin invites you to join City of Helsinki Bcc: x@y.z")
    assert message.message()["Bcc"] is None


def test_notification_e_mail_subject_is_header_safe() -> None:
    from urbanforum.core.tasks import deliver

    assert deliver("A\r\nBcc: x@y.z", "body", ["someone@example.org"]) == 1
    assert mail.outbox[-1].subject == "A Bcc: x@y.z"
