"""core.policies.VisibilityPolicy: one rule gives the queryset and the check, and they agree.

The agreement is checked exhaustively on a small world: for every user and every object,
`obj in policy.queryset(user)` equals `policy.allows(user, obj)` — for a rule written here on
core's own model and for the policies the apps of the lower floors declare.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from tests.conftest import World, make_user
from urbanforum.accounts import policies as account_policies
from urbanforum.accounts.models import ApiToken, Invitation, Membership
from urbanforum.cities.models import City
from urbanforum.cities.policies import city_editing
from urbanforum.core.audit import audit_trail
from urbanforum.core.models import AuditEvent
from urbanforum.core.policies import EVERYTHING, NOTHING, VisibilityPolicy, forget
from urbanforum.indicators.models import ImportBatch
from urbanforum.indicators.policies import import_batches


class OwnOrPublicEvents(VisibilityPolicy[AuditEvent]):
    """A rule with every branch: coordinators all, anonymous nothing, others their own
    entries and the public ones."""

    model = AuditEvent

    def rule(self, user: Any) -> Q:
        if getattr(user, "is_coordinator", False):
            return EVERYTHING
        if not getattr(user, "is_authenticated", False):
            return NOTHING
        return Q(actor_id=user.pk) | Q(action__startswith="public.")


own_or_public = OwnOrPublicEvents()


def viewers(world: World) -> list[Any]:
    users: list[Any] = [AnonymousUser()]
    users += [u for u in world.users.values() if u is not None]
    users.append(make_user("root@network.example", is_superuser=True, is_staff=True))
    users.append(make_user("lonely@nowhere.example"))  # belongs to no organisation
    return users


def agree(policy: VisibilityPolicy[Any], objects: list[Any], users: list[Any]) -> int:
    """Assert queryset and allows agree for every (user, object); return how many were seen."""
    seen = 0
    for user in users:
        visible = set(policy.queryset(user).values_list("pk", flat=True))
        for obj in objects:
            fresh = type(obj)._default_manager.get(pk=obj.pk)  # no memo from another user
            assert policy.allows(user, fresh) == (obj.pk in visible), (user, obj)
        seen += len(visible)
    return seen


@pytest.fixture
def events(world: World) -> list[AuditEvent]:
    out = []
    for n, user in enumerate([None, *world.users.values()]):
        for action in ("organisation.update", "public.note"):
            out.append(
                AuditEvent.objects.create(
                    actor=user, actor_label=str(user), action=action, target_type=f"t{n}"
                )
            )
    return out


def test_queryset_and_allows_agree_on_every_object_for_every_user(
    world: World, events: list[AuditEvent]
) -> None:
    users = viewers(world)
    seen = agree(own_or_public, events, users)
    assert 0 < seen < len(users) * len(events)  # the rule lets some through, not all
    member = world.users["member"]
    assert {e.action for e in own_or_public.queryset(member)} == {
        "organisation.update",
        "public.note",
    }
    assert own_or_public.queryset(AnonymousUser()).count() == 0
    assert own_or_public.queryset(world.users["coordinator"]).count() == len(events)


def test_the_apps_policies_agree_with_themselves(world: World, events: list[AuditEvent]) -> None:
    users = viewers(world)
    tallinn_admin = world.users["other"]
    assert tallinn_admin is not None
    invitations = [
        Invitation.objects.create(organisation=org, email=f"x{n}@example.org")
        for n, org in enumerate([world.org, world.other_org])
    ]
    tokens = [
        ApiToken.objects.create(user=u, name="t", prefix=f"uf_{n}", key_hash=f"h{n}")
        for n, u in enumerate(users[1:4])
    ]
    batches = [
        ImportBatch.objects.create(
            created_by=u, filename="f.csv", format="csv", status="preview", content=b""
        )
        for u in (world.users["editor"], tallinn_admin, None)
    ]
    City.objects.create(name="Espoo", slug="espoo-fi", country="FI")  # no administration
    cases: list[tuple[VisibilityPolicy[Any], list[Any]]] = [
        (account_policies.member_lists, [world.org, world.other_org]),
        (account_policies.memberships, list(Membership.objects.all())),
        (account_policies.invitations, invitations),
        (account_policies.api_tokens, tokens),
        (city_editing, list(City.objects.all())),
        (import_batches, batches),
        (audit_trail, events),
    ]
    for policy, objects in cases:
        agree(policy, objects, users)
    # A few exact answers, so that agreement is not agreement on nothing.
    assert account_policies.member_lists.allows(world.users["member"], world.org)
    assert not account_policies.member_lists.allows(tallinn_admin, world.org)
    assert not account_policies.invitations.allows(world.users["editor"], invitations[0])
    assert account_policies.invitations.allows(world.users["admin"], invitations[0])
    assert list(account_policies.api_tokens.queryset(world.users["coordinator"])) == [
        t for t in tokens if t.user == world.users["coordinator"]
    ]
    assert set(city_editing.queryset(world.users["editor"])) == {world.city}
    assert not city_editing.allows(world.users["member"], world.city)
    assert list(import_batches.queryset(tallinn_admin)) == [batches[1]]


def test_the_answer_is_memoised_per_instance_and_user(
    world: World, events: list[AuditEvent], django_assert_num_queries: Any
) -> None:
    event = AuditEvent.objects.get(pk=events[0].pk)
    member, editor = world.users["member"], world.users["editor"]
    with django_assert_num_queries(1):
        first = own_or_public.allows(member, event)
        assert own_or_public.allows(member, event) is first
    with django_assert_num_queries(1):  # another user is another question
        own_or_public.allows(editor, event)
    forget(event)  # a service changed what decides visibility: ask again
    with django_assert_num_queries(1):
        own_or_public.allows(member, event)


def test_everything_and_nothing_need_no_query(
    world: World, events: list[AuditEvent], django_assert_num_queries: Any
) -> None:
    event = AuditEvent.objects.get(pk=events[0].pk)
    with django_assert_num_queries(0):
        assert own_or_public.allows(world.users["coordinator"], event)
        assert not own_or_public.allows(AnonymousUser(), event)
        assert list(own_or_public.queryset(AnonymousUser())) == []
    everything = own_or_public.queryset(world.users["coordinator"])
    assert everything.query.where.children == []  # the base queryset itself, not filtered
    base = AuditEvent.objects.filter(action="public.note")
    assert set(own_or_public.queryset(world.users["coordinator"], base)) == set(base)
    assert set(own_or_public.queryset(world.users["member"], base)) == set(base)


def test_nothing_unsaved_or_missing_is_allowed(world: World) -> None:
    assert not own_or_public.allows(world.users["coordinator"], None)
    assert not own_or_public.allows(world.users["coordinator"], AuditEvent(action="x"))


def test_the_predicate_is_the_check(world: World, events: list[AuditEvent]) -> None:
    predicate = own_or_public.predicate
    mine = next(e for e in events if e.actor == world.users["member"] and e.action[0] == "o")
    theirs = next(e for e in events if e.actor == world.users["editor"] and e.action[0] == "o")
    assert predicate.test(world.users["member"], mine)
    assert not predicate.test(world.users["member"], theirs)
    assert world.users["member"].has_perm("accounts.view_members", world.org)
    assert not world.users["other"].has_perm("accounts.view_members", world.org)
