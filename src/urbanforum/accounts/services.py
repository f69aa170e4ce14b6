"""Writes for accounts and organisations. Each checks permission, validates, writes in a
transaction and records an audit entry."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from urbanforum.accounts.models import (
    ApiToken,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from urbanforum.accounts.schemas import OrganisationChanges, OrganisationInput, ProfileInput
from urbanforum.core import audit
from urbanforum.core.events import DomainEvent, emit
from urbanforum.core.mail import absolute_url, header_safe
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update, validate
from urbanforum.core.tasks import send_email_on_commit


def _check_name_is_free(name: str, *, organisation: Organisation | None = None) -> None:
    clash = Organisation.objects.filter(name__iexact=name.strip())
    if organisation is not None:
        clash = clash.exclude(pk=organisation.pk)
    if clash.exists():
        raise field_error("name", f"An organisation called '{name}' already exists.")


@transaction.atomic
def organisation_create(*, actor: User, data: OrganisationInput) -> Organisation:
    """Create an organisation; its creator becomes its first admin."""
    require(actor, "accounts.add_organisation")
    org = Organisation(
        name=data.name,
        kind=data.kind,
        country=data.country,
        website=data.website,
        description=data.description,
        email_domains=data.email_domains,
    )
    _check_name_is_free(org.name)
    validate(org, exclude=["slug"])
    org.save()
    Membership.objects.create(
        user=actor, organisation=org, role=Role.ADMIN, verified_via=Membership.VerifiedVia.FOUNDER
    )
    audit.record(actor=actor, action="organisation.create", target=org, changes={"name": org.name})
    return org


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, changes: OrganisationChanges
) -> Organisation:
    """Change the fields given; a refused update leaves the caller's object untouched."""
    require(actor, "accounts.change_organisation", organisation)
    values = changes.given()
    if values.get("name") is not None:
        _check_name_is_free(values["name"], organisation=organisation)
    return update(
        organisation,
        actor=actor,
        values=values,
        action="organisation.update",
        validate_exclude=["slug"],
    ).instance


@transaction.atomic
def membership_set_role(*, actor: User, membership: Membership, role: Role | str) -> Membership:
    require(actor, "accounts.manage_members", membership.organisation)
    if role not in Role.values:
        raise field_error("role", f"'{role}' is not a role (member, editor, admin).")
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _ensure_another_admin(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        actor=actor,
        action="membership.role",
        target=membership,
        changes={"role": [old, role], "user": membership.user.email},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if actor.pk != membership.user_id:  # leaving is always allowed
        require(actor, "accounts.manage_members", membership.organisation)
    if membership.role == Role.ADMIN:
        _ensure_another_admin(membership)
    audit.record(
        actor=actor,
        action="membership.remove",
        target=membership.organisation,
        changes={"user": membership.user.email},
    )
    membership.delete()


def _ensure_another_admin(membership: Membership) -> None:
    others = Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN)
    if not others.exclude(pk=membership.pk).exists():
        raise field_error("role", "An organisation needs at least one admin.")


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: Role | str = Role.MEMBER
) -> Invitation:
    require(actor, "accounts.invite_member", organisation)
    email = (email or "").strip().lower()
    invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=actor)
    validate(invitation, exclude=["token", "invited_by", "accepted_by"])
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise field_error("email", f"{email} is already a member of {organisation}.")
    invitation.save()
    audit.record(
        actor=actor, action="invitation.create", target=organisation, changes={"email": email}
    )
    # An e-mail is read outside the site: the link is absolute, and names (which may hold a line
    # break) are put on one line, so they can neither break the subject nor forge lines.
    url = absolute_url(reverse("accounts:invitation_accept", args=[invitation.token]))
    org_name = header_safe(organisation.name)
    send_email_on_commit(
        f"You are invited to join {org_name} on urbanforum",
        (
            f"{header_safe(actor.display_name)} invites you to join {org_name} as {role}.\n\n"
            f"Accept the invitation: {url}\n\nThe invitation is valid for 14 days."
        ),
        [email],
    )
    emit(DomainEvent("invitation.created", actor.pk, {"invitation_id": invitation.pk}))
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    invitation = Invitation.objects.select_for_update().filter(token=token).first()
    if invitation is None or not invitation.is_open:
        raise field_error("token", "This invitation does not exist, was used or has expired.")
    if invitation.email.lower() != user.email.lower():
        raise field_error(
            "email",
            f"This invitation was sent to {invitation.email}; you are logged in as {user.email}.",
        )
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "verified_via": Membership.VerifiedVia.INVITATION},
    )
    if not created and membership.role != invitation.role:
        membership.role = invitation.role
        membership.verified_via = Membership.VerifiedVia.INVITATION
        membership.save(update_fields=["role", "verified_via"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        actor=user,
        action="invitation.accept",
        target=invitation.organisation,
        changes={"role": invitation.role},
    )
    return membership


def email_is_confirmed(*, user: User) -> bool:
    """Whether the user's own (login) address was confirmed through the link e-mailed to it."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


@transaction.atomic
def user_verify_by_domain(*, user: User) -> list[Membership]:
    """Make the user a verified member of every organisation that lists their e-mail domain.

    Only once the address is confirmed (allauth's EmailAddress marked verified): a city official
    who clicked the link sent to their @hel.fi address becomes a verified member of the City of
    Helsinki administration without waiting for an invitation. Before that, anyone could claim
    mallory@hel.fi and be let in. Called after sign-up and after an address is confirmed; does
    nothing (returns []) for an unconfirmed address.
    """
    if not email_is_confirmed(user=user):
        return []
    domain = user.email.rsplit("@", 1)[-1].lower()
    created = []
    for org in Organisation.objects.all().only("pk", "email_domains", "name"):
        if domain in (org.email_domains or []):
            membership, made = Membership.objects.get_or_create(
                user=user,
                organisation=org,
                defaults={"role": Role.MEMBER, "verified_via": Membership.VerifiedVia.DOMAIN},
            )
            if made:
                created.append(membership)
                audit.record(
                    actor=user,
                    action="membership.domain_verified",
                    target=org,
                    changes={"domain": domain},
                )
    return created


@transaction.atomic
def profile_update(*, actor: User, profile: ProfileInput) -> User:
    """A person changes their own profile; returns the saved user."""
    return update(
        actor,
        actor=actor,
        values={
            "full_name": profile.full_name,
            "job_title": profile.job_title,
            "preferred_language": profile.preferred_language,
        },
        action="profile.update",
        validate_exclude=["password"],
    ).instance


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown once


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: User, name: str) -> NewToken:
    name = (name or "").strip()
    if not name:
        raise field_error("name", "Give the token a name, e.g. 'benchmark script'.")
    key = "uf_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name[:100], prefix=key[:10], key_hash=_hash_key(key)
    )
    audit.record(actor=actor, action="api_token.create", target=token)
    return NewToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise field_error("token", "This is not your token.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action="api_token.revoke", target=token)


@transaction.atomic
def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every active token of `user` (after a password change or reset, or an account
    deletion); returns how many. Audited once, naming the reason."""
    now = timezone.now()
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    if revoked:
        audit.record(
            actor=user,
            action="api_token.revoke_all",
            target=user,
            changes={"tokens": revoked, "reason": reason},
        )
    return revoked


def api_token_authenticate(key: str) -> User | None:
    """The active user owning this key, or None. Updates last use at most once a minute."""
    if not key or not key.startswith("uf_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# The person's own data (GDPR): deleting their account; the steps live in accounts.personal.
from urbanforum.accounts.personal import account_delete  # noqa: E402


def organisation_kinds() -> list[tuple[str, str]]:
    return [(k.value, str(k.label)) for k in OrganisationKind]


__all__ = ["ValidationError", "account_delete"]
