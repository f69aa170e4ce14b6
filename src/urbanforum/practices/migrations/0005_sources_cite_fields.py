"""Sources become objects that say which fields they support; the "illustrative" flags go.

Stored text sources are kept as titles (`{"title": text}`, supporting no field): the page then
shows their facts as not attributed to a source, which is what they were.
"""

from typing import Any

from django.db import migrations, models


def sources_as_objects(apps: Any, schema_editor: Any) -> None:
    GoodPractice = apps.get_model("practices", "GoodPractice")
    for practice in GoodPractice.objects.only("pk", "sources").iterator():
        sources = practice.sources or []
        if any(isinstance(s, str) for s in sources):
            practice.sources = [
                {"title": s, "url": None, "publisher": None, "date": None, "supports": []}
                if isinstance(s, str)
                else s
                for s in sources
            ]
            GoodPractice.objects.filter(pk=practice.pk).update(sources=practice.sources)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_merge_0002_keywords_0003_list_indexes_in_order"),
    ]

    operations = [
        migrations.RunPython(sources_as_objects, migrations.RunPython.noop),
        migrations.RemoveField(model_name="goodpractice", name="illustrative"),
        migrations.RemoveField(model_name="goodpractice", name="illustrative_fields"),
        migrations.AlterField(
            model_name="goodpractice",
            name="sources",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="List of {title, url, publisher, date, supports}.",
                verbose_name="sources",
            ),
        ),
    ]
