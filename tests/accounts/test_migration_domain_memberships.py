"""Migration 0002: existing domain memberships stand only for confirmed addresses.

The migration's function runs on today's models (the global app registry has the same models and
fields it reads), which tests its rule without unwinding every app's migrations."""

from __future__ import annotations

import importlib

from allauth.account.models import EmailAddress
from django.apps import apps

from tests.conftest import World, make_user
from urbanforum.accounts.models import Membership
from urbanforum.core.models import AuditEvent

migration = importlib.import_module(
    "urbanforum.accounts.migrations.0002_remove_unconfirmed_domain_memberships"
)


def test_unconfirmed_domain_memberships_are_removed_and_the_rest_kept(world: World) -> None:
    mallory = make_user("mallory@hel.fi")  # never confirmed
    EmailAddress.objects.create(user=mallory, email=mallory.email, verified=False, primary=True)
    ghost = make_user("ghost@hel.fi")  # no EmailAddress row at all
    official = make_user("virkailija@hel.fi")
    EmailAddress.objects.create(
        user=official, email="VIRKAILIJA@hel.fi", verified=True, primary=True
    )
    other = make_user("other-address@hel.fi")  # confirmed only another address
    EmailAddress.objects.create(user=other, email="private@example.org", verified=True)
    for user in (mallory, ghost, official, other):
        Membership.objects.create(user=user, organisation=world.org, verified_via="domain")
    invited = make_user("invited@hel.fi")  # unconfirmed, but invited: not a domain membership
    Membership.objects.create(user=invited, organisation=world.org, verified_via="invitation")

    migration.remove_unconfirmed(apps, None)

    left = set(
        Membership.objects.filter(
            organisation=world.org, user__email__endswith="@hel.fi"
        ).values_list("user__email", flat=True)
    )
    assert left == {"virkailija@hel.fi", "invited@hel.fi"}
    removed = AuditEvent.objects.filter(action="membership.domain_unconfirmed_removed")
    assert sorted(e.changes["user"] for e in removed) == [
        "ghost@hel.fi",
        "mallory@hel.fi",
        "other-address@hel.fi",
    ]
    assert {(e.actor_label, e.target_label) for e in removed} == {("system", "City of Helsinki")}
    # The world's own members (verified_via="admin") are untouched.
    assert Membership.objects.filter(organisation=world.org, verified_via="admin").count() == 3
