"""Accounts and organisations: clear errors that name the field, nothing half-saved, audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.conftest import World, api, make_user
from urbanforum.accounts import services
from urbanforum.accounts.models import ApiToken, Invitation, Membership, Organisation, Role, User
from urbanforum.accounts.schemas import OrganisationChanges, OrganisationInput
from urbanforum.core.models import AuditEvent


def test_create_organisation_makes_creator_admin_and_is_audited(world: World) -> None:
    user = world.users["member"]
    org = services.organisation_create(
        actor=user,
        data=OrganisationInput(
            name="  Green Streets ",
            kind="ngo",
            country="ee",
            email_domains="greenstreets.ee, @GS.example",
        ),
    )
    assert (org.name, org.country, org.slug, org.email_domains) == (
        "Green Streets",
        "EE",
        "green-streets",
        ["greenstreets.ee", "gs.example"],
    )
    assert Membership.objects.get(organisation=org).role == Role.ADMIN
    event = AuditEvent.objects.get(action="organisation.create")
    assert (event.actor, event.target_label) == (user, "Green Streets")


def test_duplicate_organisation_name_is_refused_naming_the_field(
    world: World, unchanged: Any
) -> None:
    with pytest.raises(ValidationError) as err:
        unchanged(
            lambda: services.organisation_create(
                actor=world.users["member"],
                data=OrganisationInput(name="city of HELSINKI", kind="city"),
            )
        )
    assert "name" in err.value.message_dict
    assert "already exists" in err.value.message_dict["name"][0]


def test_duplicate_organisation_over_the_api_gets_422_naming_the_field(
    world: World, unchanged: Any
) -> None:
    client = world.client("member")
    response = unchanged(
        lambda: api(
            client, "POST", "/api/v1/organisations", {"name": "City of Helsinki", "kind": "city"}
        )
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "name"
    assert "already exists" in body["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "X", "kind": "castle"}, "kind"),
        ({"name": "X", "kind": "ngo", "country": "XX"}, "country"),
        ({"name": "X", "kind": "ngo", "email_domains": ["not a domain"]}, "email_domains"),
        ({"kind": "ngo"}, "name"),
    ],
)
def test_bad_organisation_input_names_the_field(
    world: World, unchanged: Any, payload: dict[str, Any], field: str
) -> None:
    client = world.client("member")
    response = unchanged(lambda: api(client, "POST", "/api/v1/organisations", payload))
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]


def test_invalid_email_in_invitation_is_refused_naming_the_field(
    world: World, unchanged: Any
) -> None:
    client = world.client("admin")
    response = unchanged(
        lambda: client.post(
            "/organisations/city-of-helsinki/members/", {"email": "not-an-email", "role": "member"}
        )
    )
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()
    with pytest.raises(ValidationError) as err:
        unchanged(
            lambda: services.invitation_create(
                actor=world.users["admin"], organisation=world.org, email="nope"
            )
        )
    assert "email" in err.value.message_dict


def test_invitation_sends_mail_and_accepting_makes_a_verified_member(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=world.users["admin"],
            organisation=world.org,
            email="New.Person@example.org",
            role=Role.EDITOR,
        )
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    newcomer = make_user("new.person@example.org")
    client = Client()
    client.force_login(newcomer)
    response = client.post(f"/invitations/{invitation.token}/")
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer, organisation=world.org)
    assert (membership.role, membership.verified_via) == (Role.EDITOR, "invitation")
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == newcomer
    # A used invitation cannot be used again.
    with pytest.raises(ValidationError):
        services.invitation_accept(user=newcomer, token=invitation.token)


def test_invitation_for_someone_else_is_refused(world: World, unchanged: Any) -> None:
    invitation = services.invitation_create(
        actor=world.users["admin"], organisation=world.org, email="a@example.org"
    )
    intruder = make_user("b@example.org")
    with pytest.raises(ValidationError) as err:
        unchanged(lambda: services.invitation_accept(user=intruder, token=invitation.token))
    assert "email" in err.value.message_dict


def test_city_official_is_verified_by_email_domain_once_the_address_is_confirmed(
    world: World,
) -> None:
    import re

    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "email": "virkailija@hel.fi",
            "password1": "a-Strong-password-1",
            "password2": "a-Strong-password-1",
        },
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user__email="virkailija@hel.fi").exists()
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert link is not None
    assert client.post(link.group(1)).status_code == 302
    membership = Membership.objects.get(user__email="virkailija@hel.fi")
    assert (membership.organisation, membership.role, membership.verified_via) == (
        world.org,
        "member",
        "domain",
    )


def test_signup_with_invalid_email_names_the_field_and_saves_nothing(
    world: World, unchanged: Any
) -> None:
    response = unchanged(
        lambda: Client().post(
            "/accounts/signup/",
            {
                "email": "not-an-email",
                "password1": "a-Strong-password-1",
                "password2": "a-Strong-password-1",
            },
        )
    )
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()


def test_last_admin_cannot_be_demoted(world: World, unchanged: Any) -> None:
    admin_membership = Membership.objects.get(user=world.users["admin"], organisation=world.org)
    with pytest.raises(ValidationError) as err:
        unchanged(
            lambda: services.membership_set_role(
                actor=world.users["admin"], membership=admin_membership, role="member"
            )
        )
    assert "at least one admin" in err.value.message_dict["role"][0]


def test_services_enforce_permissions_too(world: World, unchanged: Any) -> None:
    with pytest.raises(PermissionDenied):
        unchanged(
            lambda: services.organisation_update(
                actor=world.users["editor"],
                organisation=world.org,
                changes=OrganisationChanges(name="Hacked"),
            )
        )


def test_api_token_authenticates_without_csrf_and_revoked_token_fails(world: World) -> None:
    new = services.api_token_create(actor=world.users["admin"], name="script")
    assert ApiToken.objects.get().key_hash != new.key  # only the hash is stored
    client = Client(enforce_csrf_checks=True)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {new.key}"}
    assert api(client, "GET", "/api/v1/me", **auth).json()["email"] == "admin@helsinki.example"
    response = api(
        client,
        "PATCH",
        "/api/v1/organisations/city-of-helsinki",
        {"description": "Via token."},
        **auth,
    )
    assert response.status_code == 200
    assert Organisation.objects.get(pk=world.org.pk).description == "Via token."
    services.api_token_revoke(actor=world.users["admin"], token=new.token)
    response = api(client, "GET", "/api/v1/me", **auth)
    assert response.status_code == 401
    assert response.json()["detail"] == "The API token is invalid or revoked."


def test_session_writes_through_the_api_need_csrf(world: World, unchanged: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])
    response = unchanged(
        lambda: api(client, "PATCH", "/api/v1/organisations/city-of-helsinki", {"description": "x"})
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_coordinator_browses_the_audit_log(world: World) -> None:
    services.organisation_update(
        actor=world.users["admin"],
        organisation=world.org,
        changes=OrganisationChanges(description="New text"),
    )
    body = api(world.client("coordinator"), "GET", "/api/v1/audit?action=organisation").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["actor"], item["action"], item["target_label"]) == (
        "admin@helsinki.example",
        "organisation.update",
        "City of Helsinki",
    )
    assert item["changes"] == {"description": ["", "New text"]}
    html = world.client("coordinator").get("/audit/").content.decode()
    assert "organisation.update" in html


def test_password_reset_sends_a_link_that_sets_a_new_password(world: World) -> None:
    import re

    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "member@helsinki.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link is not None
    form_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "another-Strong-pw-2", "password2": "another-Strong-pw-2"}
    )
    assert response.status_code == 302
    assert User.objects.get(email="member@helsinki.example").check_password("another-Strong-pw-2")


def test_logout_is_a_post(world: World) -> None:
    client = world.client("member")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/profile/").status_code == 302


@pytest.mark.parametrize("url", ["/organisations/?q=helsinki&kind=city", "/audit/"])
def test_list_pages_give_htmx_history_restore_the_whole_page(world: World, url: str) -> None:
    client = world.client("coordinator")
    restored = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert restored.status_code == 200 and "<html" in restored.content.decode()
    assert "HX-Request" in {v.strip() for v in restored["Vary"].split(",")}
    if url.startswith("/organisations/"):
        assert "City of Helsinki" in restored.content.decode()
        assert "Tallinn" not in restored.content.decode()  # the filters were applied
