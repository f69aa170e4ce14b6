"""Issue 12, point 6: personal data under the person's control.

"Download my data" gives everything the platform holds about the person (and no secret: no key,
no hash, no sealed bid contents); "Delete my account" erases memberships and personal data,
keeps what they wrote in shared spaces under "former member", and pseudonymises the audit trail.
Only the person can do either, and a refusal changes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest.mock import patch

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.test import Client

from tests.conftest import ROLES, World, api, make_user, outcome
from urbanforum.accounts import selectors, services
from urbanforum.accounts.models import ApiToken, Membership, Role, User
from urbanforum.accounts.personal_data.registry import registered, relations_to_users
from urbanforum.accounts.schemas import AccountDeletion
from urbanforum.community.models import Post, Thread, WorkingGroup
from urbanforum.core import audit
from urbanforum.core.models import AuditEvent
from urbanforum.matching.models import SavedSearch
from urbanforum.notifications.models import Notification
from urbanforum.procurement.models import Bid, JointProcurement, Lot

PASSWORD = "a-Strong-password-1"
SECRET_BID_TEXT = "ciphertext-that-must-never-leave"


@pytest.fixture
def rich(world: World) -> dict[str, Any]:
    """The member of Helsinki's administration with something in every corner."""
    member = world.users["member"]
    assert member is not None
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    token = services.api_token_create(actor=member, name="my script")
    Notification.objects.create(recipient=member, event_type="x.y", text="Something happened")
    other = world.users["other"]
    assert other is not None
    Notification.objects.create(
        recipient=other, event_type="x.y", text="Maija posted", actor_label="member"
    )
    SavedSearch.objects.create(user=member, name="Heat pumps", query="heat pumps")
    group = WorkingGroup.objects.create(name="Energy")
    thread = Thread.objects.create(title="Heat", group=group, author=member)
    post = Post.objects.create(thread=thread, author=member, body="Our pilot used 40 pumps.")
    reply = Post.objects.create(thread=thread, author=other, body="Thanks, member@helsinki.example")
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    procurement = JointProcurement.objects.create(
        reference="heat-2026",
        title="Heat pumps",
        lead_organisation=world.other_org,
        lead_city=world.other_city,
        clarification_deadline=t0,
        bid_deadline=t0 + timedelta(days=30),
        seal_salt="c2FsdA==",
    )
    lot = Lot.objects.create(procurement=procurement, number=1, title="Lot")
    bid = Bid.objects.create(
        procurement=procurement,
        lot=lot,
        bidder=world.org,
        submitted_by=member,
        submitted_at=t0 + timedelta(days=2),
        ciphertext=SECRET_BID_TEXT,
        key_for_opening="opening-key-secret",
        key_for_bidder="bidder-key-secret",
        receipt_hash="f" * 64,
    )
    audit.record(actor=member, action="profile.update", target=member, changes={"x": 1})
    audit.record(
        actor=world.users["admin"],
        action="membership.role",
        target=world.org,
        changes={"user": member.email, "role": ["member", "editor"]},
    )
    return {
        "user": member,
        "token": token,
        "post": post,
        "reply": reply,
        "bid": bid,
        "thread": thread,
    }


# --- the registry


def test_every_relation_that_cascades_is_registered() -> None:
    """A person's rows that would vanish with them must have been classified by their app."""
    missing = [r.label for r in relations_to_users() if r.cascades and registered(r.model) is None]
    assert missing == []


def test_relations_are_discovered_from_model_meta() -> None:
    labels = {r.label for r in relations_to_users()}
    # Apps on higher floors, found without accounts importing them:
    assert {"community.post", "procurement.bid", "reviews.assignment"} <= labels
    assert "core.auditevent" not in labels  # handled on its own (pseudonymised)


# --- download my data


def test_the_export_holds_everything_about_the_person_and_no_secret(
    world: World, rich: dict[str, Any]
) -> None:
    member = rich["user"]
    data = selectors.personal_data_export(actor=member, user=member)
    assert data["format"] == "urbanforum-personal-data/1"
    assert data["profile"]["email"] == "member@helsinki.example"
    assert data["email_addresses"] == [
        {"email": "member@helsinki.example", "verified": True, "primary": True}
    ]
    assert [(m["organisation"], m["role"]) for m in data["memberships"]] == [
        ("city-of-helsinki", "member")
    ]
    assert [t["name"] for t in data["api_tokens"]] == ["my script"]
    records = data["records"]
    assert [n["text"] for n in records["notifications.notification"]["rows"]] == [
        "Something happened"
    ]
    assert [s["name"] for s in records["matching.savedsearch"]["rows"]] == ["Heat pumps"]
    assert [p["body"] for p in records["community.post"]["rows"]] == ["Our pilot used 40 pumps."]
    assert records["community.post"]["kept_on_deletion"] is True
    assert records["community.thread"]["rows"][0]["_as"] == ["author"]
    assert records["procurement.bid"]["rows"] == [
        {
            "public_id": rich["bid"].public_id,
            "procurement_id": rich["bid"].procurement_id,
            "lot_id": rich["bid"].lot_id,
            "bidder_id": world.org.pk,
            "submitted_at": "2026-03-03T00:00:00+00:00",
            "_as": ["submitted_by"],
        }
    ]
    actions = [(e["action"], e["by_me"]) for e in data["audit"]]
    assert ("profile.update", True) in actions
    assert ("membership.role", False) in actions  # about them, done by their admin
    text = json.dumps(data)
    for secret in (
        rich["token"].key,
        rich["token"].token.key_hash,
        SECRET_BID_TEXT,
        "opening-key-secret",
        "bidder-key-secret",
        "f" * 64,
        "Maija posted",  # another person's notification
    ):
        assert secret not in text


def test_another_persons_entry_that_names_me_gives_only_my_part(world: World) -> None:
    # The opening of bids lists every bid with its submitter: a bidder's export holds their own
    # bid's record, never a competitor's (QA: a provider's export held a rival's bid and address).
    me, rival = world.users["member"], make_user("bids@rival.example")
    assert me is not None
    audit.record(
        actor=world.users["coordinator"],
        action="procurement.bids_open",
        target=world.org,
        changes={
            "lot": "Lot 1",
            "bids": [
                {"number": 1, "id": "mine", "submitted_by": me.email, "receipt_hash": "a" * 8},
                {"number": 2, "id": "theirs", "submitted_by": rival.email, "receipt_hash": "b" * 8},
            ],
        },
    )
    data = selectors.personal_data_export(actor=me, user=me)
    (entry,) = [e for e in data["audit"] if e["action"] == "procurement.bids_open"]
    assert entry["by_me"] is False
    assert entry["changes"] == {
        "bids": [{"number": 1, "id": "mine", "submitted_by": me.email, "receipt_hash": "a" * 8}]
    }
    assert "rival" not in json.dumps(entry) and "theirs" not in json.dumps(entry)


def test_download_my_data_page_and_api_give_the_same_export(
    world: World, rich: dict[str, Any]
) -> None:
    client = world.client("member")
    response = client.get("/profile/data/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="urbanforum-my-data.json"'
    page = json.loads(response.content)
    by_api = api(client, "GET", "/api/v1/me/data").json()
    for key in ("profile", "memberships", "api_tokens", "email_addresses"):
        assert page[key] == by_api[key]
    token = rich["token"].key
    with_token = api(Client(), "GET", "/api/v1/me/data", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert with_token.json()["profile"]["email"] == "member@helsinki.example"


# --- permission matrix: everyone gets their own, nobody anyone else's

EXPORT = outcome(302, 200, 200, 200, 200, 200)
EXPORT_API = outcome(401, 200, 200, 200, 200, 200)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_export_is_always_one_s_own(world: World, role: str) -> None:
    client = world.client(role)
    page = client.get("/profile/data/")
    assert page.status_code == EXPORT[role]
    response = api(client, "GET", "/api/v1/me/data")
    assert response.status_code == EXPORT_API[role]
    if role != "anonymous":
        user = world.users[role]
        assert user is not None
        assert json.loads(page.content)["profile"]["email"] == user.email
        assert response.json()["profile"]["email"] == user.email


@pytest.mark.parametrize("role", ROLES)
def test_matrix_nobody_exports_or_deletes_someone_else(
    world: World, role: str, unchanged: Any
) -> None:
    target = make_user("target@helsinki.example")
    Membership.objects.create(user=target, organisation=world.org, verified_via="admin")
    actor = world.users[role] or make_user("stranger@example.org")
    with pytest.raises(PermissionDenied):
        selectors.personal_data_export(actor=actor, user=target)
    with pytest.raises(PermissionDenied):
        unchanged(
            lambda: services.account_delete(
                actor=actor, user=target, confirmation=AccountDeletion(password=PASSWORD)
            )
        )


DELETE_FORM = outcome(302, 200, 200, 200, 200, 200)
WRONG_PASSWORD_PAGE = outcome(302, 200, 200, 200, 200, 200)
WRONG_PASSWORD_API = outcome(401, 422, 422, 422, 422, 422)


@pytest.mark.parametrize("role", ROLES)
def test_matrix_delete_needs_the_right_password_and_a_refusal_changes_nothing(
    world: World, role: str, unchanged: Any
) -> None:
    client = world.client(role)
    assert client.get("/profile/delete/").status_code == DELETE_FORM[role]
    page = unchanged(lambda: client.post("/profile/delete/", {"password": "not-mine"}))
    assert page.status_code == WRONG_PASSWORD_PAGE[role]
    if role != "anonymous":
        assert "The password is not right." in page.content.decode()
    response = unchanged(lambda: api(client, "POST", "/api/v1/me/delete", {"password": "x"}))
    assert response.status_code == WRONG_PASSWORD_API[role]
    if role != "anonymous":
        assert response.json()["errors"] == [
            {"field": "password", "message": "The password is not right."}
        ]


@pytest.mark.parametrize("role", ["member", "editor"])  # the others are their orgs' only admins
def test_matrix_delete_with_the_password_deletes_only_oneself(world: World, role: str) -> None:
    user = world.users[role]
    assert user is not None
    others = {u.pk: u.email for u in User.objects.exclude(pk=user.pk)}
    response = world.client(role).post("/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).erased_at is not None
    assert {u.pk: u.email for u in User.objects.exclude(pk=user.pk)} == others


# --- delete my account


def test_deleting_erases_personal_data_and_keeps_shared_content(
    world: World, rich: dict[str, Any]
) -> None:
    member = rich["user"]
    client = world.client("member")
    response = client.post("/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/profile/").status_code == 302  # logged out

    gone = User.objects.get(pk=member.pk)
    assert gone.erased_at is not None and not gone.is_active
    assert gone.email.startswith("former-member-") and gone.email.endswith("@former-member.invalid")
    assert (gone.full_name, gone.job_title, gone.has_usable_password()) == ("", "", False)
    assert str(gone) == gone.display_name == "former member"
    assert not Membership.objects.filter(user=member).exists()
    assert not ApiToken.objects.filter(user=member).exists()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Notification.objects.filter(recipient=member).exists()
    assert not SavedSearch.objects.filter(user=member).exists()
    # Shared work stays, signed "former member"; others' posts are untouched.
    post = Post.objects.get(pk=rich["post"].pk)
    assert post.author_id == member.pk and post.body == "Our pilot used 40 pumps."
    assert Post.objects.get(pk=rich["reply"].pk).author_id == world.users["other"].pk
    assert Bid.objects.get(pk=rich["bid"].pk).submitted_by_id == member.pk
    # Others' notifications name a former member, not the person.
    assert Notification.objects.get(text="Maija posted").actor_label == "former member"
    # The audit trail keeps every entry, without the person's address.
    trail = list(AuditEvent.objects.all())
    assert not [
        e
        for e in trail
        if "member@helsinki.example" in json.dumps([e.actor_label, e.target_label, e.changes])
    ]
    pseudonym = gone.email.split("@")[0]
    role_change = AuditEvent.objects.get(action="membership.role")
    assert role_change.changes["user"] == pseudonym
    deletion = AuditEvent.objects.get(action="account.delete")
    assert deletion.actor_id == member.pk
    assert deletion.changes["memberships"] == 1
    assert deletion.changes["records"]["notifications.notification"] == 1
    # The old credentials are worthless.
    response = api(Client(), "GET", "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {rich['token'].key}")
    assert response.status_code == 401
    assert not Client().login(username="member@helsinki.example", password=PASSWORD)


def test_the_audit_trail_loses_a_name_with_accents_everywhere(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    member.full_name = 'Päivi "Pete" Jyväskylä'
    member.save()
    audit.record(
        actor=world.users["admin"],
        action="note",
        target=world.org,
        changes={"about": ['Päivi "Pete" Jyväskylä', {"who": "member@helsinki.example"}]},
    )
    services.account_delete(
        actor=member, user=member, confirmation=AccountDeletion(password=PASSWORD)
    )
    pseudonym = User.objects.get(pk=member.pk).email.split("@")[0]
    note = AuditEvent.objects.get(action="note")
    assert note.changes == {"about": [pseudonym, {"who": pseudonym}]}
    assert not AuditEvent.objects.filter(target_label__contains="Päivi").exists()


def test_the_address_is_free_again_after_deletion(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    services.account_delete(
        actor=member, user=member, confirmation=AccountDeletion(password=PASSWORD)
    )
    again = make_user("member@helsinki.example")
    assert again.pk != member.pk


def test_deleting_through_the_api(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    token = services.api_token_create(actor=member, name="script").key
    response = api(
        Client(),
        "POST",
        "/api/v1/me/delete",
        {"password": PASSWORD},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert response.json() == {"detail": "The account was deleted."}
    assert User.objects.get(pk=member.pk).erased_at is not None


def test_the_last_admin_must_hand_on_the_role_first(world: World, unchanged: Any) -> None:
    admin = world.users["admin"]
    assert admin is not None
    with pytest.raises(ValidationError) as err:
        unchanged(
            lambda: services.account_delete(
                actor=admin, user=admin, confirmation=AccountDeletion(password=PASSWORD)
            )
        )
    assert err.value.message_dict["password"][0].startswith(
        "You are the only admin of City of Helsinki:"
    )
    other_admin = Membership.objects.get(user=world.users["editor"], organisation=world.org)
    other_admin.role = Role.ADMIN
    other_admin.save()
    services.account_delete(
        actor=admin, user=admin, confirmation=AccountDeletion(password=PASSWORD)
    )
    assert User.objects.get(pk=admin.pk).erased_at is not None


def test_a_failure_half_way_leaves_everything_as_it_was(
    world: World, rich: dict[str, Any], unchanged: Any
) -> None:
    member = rich["user"]
    with (
        patch(
            "urbanforum.accounts.personal_data.erase.pseudonymise_user",
            side_effect=RuntimeError("disk full"),
        ),
        pytest.raises(RuntimeError),
    ):
        unchanged(
            lambda: services.account_delete(
                actor=member, user=member, confirmation=AccountDeletion(password=PASSWORD)
            )
        )


def test_a_deleted_account_cannot_be_deleted_twice(world: World) -> None:
    member = world.users["member"]
    assert member is not None
    services.account_delete(
        actor=member, user=member, confirmation=AccountDeletion(password=PASSWORD)
    )
    gone = User.objects.get(pk=member.pk)
    with pytest.raises(PermissionDenied):  # inactive: not even the person any more
        services.account_delete(
            actor=gone, user=gone, confirmation=AccountDeletion(password=PASSWORD)
        )


def test_registered_models_are_real_models() -> None:
    for relation in relations_to_users():
        assert issubclass(relation.model, models.Model)


def test_every_part_of_the_export_is_documented(world: World) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "personal-data.md").read_text()
    member = world.users["member"]
    assert member is not None
    data = selectors.personal_data_export(actor=member, user=member)
    assert [key for key in data if f"| `{key}` |" not in doc] == []
    assert [key for key in data["profile"] if f"`{key}`" not in doc] == []
