"""The owner's feedback on a challenge's suggestions moves here from the matching app. The table
(`matching_matchfeedback`) and its rows stay as they are: only Django's idea of which app owns the
model changes (matching's migration 0002 lets go of it)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("challenges", "0002_challenge_domain_tags_challenge_illustrative_and_more"),
        ("matching", "0002_kinds_from_the_registry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MatchFeedback",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("item_kind", models.CharField(max_length=12)),
                        ("item_id", models.PositiveBigIntegerField()),
                        (
                            "decision",
                            models.CharField(
                                choices=[("accepted", "Accepted"), ("dismissed", "Dismissed")],
                                max_length=10,
                            ),
                        ),
                        (
                            "score",
                            models.FloatField(
                                blank=True, help_text="The score when it was decided.", null=True
                            ),
                        ),
                        ("decided_at", models.DateTimeField(auto_now=True)),
                        (
                            "challenge",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="feedback",
                                to="challenges.challenge",
                            ),
                        ),
                        (
                            "decided_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_matchfeedback",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("challenge", "item_kind", "item_id"),
                                name="match_feedback_unique",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
