"""The kinds come from the searchable-kinds registry (no fixed choices), and the owner's feedback on
a challenge's suggestions moves to the challenges app (its table `matching_matchfeedback` stays:
challenges' migration 0003 takes the model over without touching the database)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="embedding",
            name="kind",
            field=models.CharField(max_length=12),
        ),
        migrations.AlterField(
            model_name="savedsearch",
            name="kind",
            field=models.CharField(blank=True, max_length=12, verbose_name="kind"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MatchFeedback")],
            database_operations=[],
        ),
    ]
