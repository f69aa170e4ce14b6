"""Procurement integrity (issue 12): opaque bid identifiers, per-procurement bid numbers given at
opening, the time of a withdrawal, and evaluators' exclusion (removed, declared conflict, person of
a bidding organisation)."""

import secrets

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import urbanforum.procurement.models


def fill_public_ids(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Existing bids get a random identifier each (a callable default would give them all one)."""
    Bid = apps.get_model("procurement", "Bid")
    for bid in Bid.objects.filter(public_id__isnull=True).only("pk"):
        Bid.objects.filter(pk=bid.pk).update(public_id=secrets.token_urlsafe(16))


def number_opened_bids(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Bids of procurements opened before this migration get their numbers, as at an opening."""
    Bid = apps.get_model("procurement", "Bid")
    JointProcurement = apps.get_model("procurement", "JointProcurement")
    for p in JointProcurement.objects.filter(opened_at__isnull=False).only("pk"):
        bids = Bid.objects.filter(procurement_id=p.pk).order_by("submitted_at", "id")
        for n, bid in enumerate(bids, start=1):
            Bid.objects.filter(pk=bid.pk).update(number=n)


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0002_jointprocurement_process"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="bid",
            name="public_id",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="bid",
            name="public_id",
            field=models.CharField(
                default=urbanforum.procurement.models.new_bid_id,
                editable=False,
                max_length=32,
                unique=True,
            ),
        ),
        migrations.AddField(
            model_name="bid",
            name="number",
            field=models.PositiveIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(number_opened_bids, migrations.RunPython.noop),
        migrations.AddField(
            model_name="bid",
            name="withdrawn_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name="bid",
            constraint=models.UniqueConstraint(
                condition=models.Q(number__isnull=False),
                fields=("procurement", "number"),
                name="bid_number_unique",
            ),
        ),
        migrations.AddField(
            model_name="evaluator",
            name="excluded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="evaluator",
            name="exclusion_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("bidder", "a person of a bidding organisation"),
                    ("declared", "declared a conflict of interest"),
                    ("removed", "removed by the lead buyer"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="evaluator",
            name="excluded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
