"""Writes and reads of a person's own data (GDPR): the export and the account deletion.

Kept beside services.py and selectors.py (which re-export them) so neither grows past the size
the house allows; the steps themselves are in accounts.personal_data.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Membership, Role, User
from urbanforum.accounts.personal_data import erase, export
from urbanforum.accounts.personal_data.registry import Erasure
from urbanforum.accounts.schemas import AccountDeletion
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error


def personal_data_export(*, actor: User, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`; only they may ask (a read: nothing written)."""
    require(actor, "accounts.export_personal_data", user)
    return export.personal_data(user)


def _sole_admin_of(user: User) -> list[str]:
    names = []
    for m in Membership.objects.filter(user=user, role=Role.ADMIN).select_related("organisation"):
        others = Membership.objects.filter(organisation=m.organisation, role=Role.ADMIN)
        if not others.exclude(user=user).exists():
            names.append(m.organisation.name)
    return names


@transaction.atomic
def account_delete(*, actor: User, user: User, confirmation: AccountDeletion) -> dict[str, Any]:
    """Delete `user`'s account, confirmed with their password: memberships and personal data
    erased, content in shared spaces kept under "former member", the audit trail pseudonymised.
    Returns what was erased. Refused (nothing changed) for anyone but the person, a wrong
    password, or the last admin of an organisation (who must hand the role on first)."""
    require(actor, "accounts.delete_account", user)
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.erased_at is not None or not locked.is_active:
        raise field_error("password", _("This account is already deleted."))
    if not locked.check_password(confirmation.password):
        raise field_error("password", _("The password is not right."))
    sole = _sole_admin_of(locked)
    if sole:
        raise field_error(
            "password",
            _(
                "You are the only admin of %(organisations)s: make another member admin first "
                "(or ask a coordinator), then delete your account."
            )
            % {"organisations": ", ".join(sole)},
        )
    erasure = Erasure(
        user=locked,
        pseudonym=erase.new_pseudonym(),
        labels=erase.labels_of(locked),
        display_name=locked.display_name,
    )
    # The audit trail first: it is found by the address, which the last step replaces.
    audit_entries = erase.pseudonymise_audit(erasure)
    erase.pseudonymise_admin_log(erasure)
    summary: dict[str, Any] = erase.erase_access(locked)
    summary["records"] = erase.erase_related(erasure)
    summary["audit_entries_pseudonymised"] = audit_entries
    erase.pseudonymise_user(locked, erasure)
    audit.record(actor=locked, action="account.delete", target=locked, changes=summary)
    return summary
