"""Issue 12: a membership granted by e-mail domain stands only for a confirmed address.

Before, signing up with an unconfirmed address at a city's domain (e.g. mallory@hel.fi) made the
person a member at once. This removes every domain membership whose person has not confirmed
that address (allauth's EmailAddress, verified), and records each removal in the audit trail.
Memberships given by invitation, by an admin or as founder are untouched. Not reversible: the
removed memberships were never earned.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef


def remove_unconfirmed(apps, schema_editor):  # type: ignore[no-untyped-def]
    Membership = apps.get_model("accounts", "Membership")
    EmailAddress = apps.get_model("account", "EmailAddress")
    AuditEvent = apps.get_model("core", "AuditEvent")
    confirmed = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), email__iexact=OuterRef("user__email"), verified=True
    )
    doubtful = (
        Membership.objects.filter(verified_via="domain")
        .annotate(confirmed=Exists(confirmed))
        .filter(confirmed=False)
        .select_related("user", "organisation")
    )
    for membership in doubtful:
        AuditEvent.objects.create(
            actor=None,
            actor_label="system",
            action="membership.domain_unconfirmed_removed",
            target_type="accounts.organisation",
            target_id=str(membership.organisation_id),
            target_label=membership.organisation.name[:255],
            changes={"user": membership.user.email, "role": membership.role},
        )
        membership.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_unconfirmed, migrations.RunPython.noop)]
