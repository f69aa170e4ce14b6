"""Posts keep their rendered, sanitised HTML; existing posts are rendered once here."""

from typing import Any

from django.db import migrations, models

BATCH = 500


def render_existing(apps: Any, schema_editor: Any) -> None:
    from urbanforum.core.markdown import render_markdown

    Post = apps.get_model("community", "Post")
    batch = []
    for post in Post.objects.only("pk", "body").order_by("pk").iterator(chunk_size=BATCH):
        post.html = render_markdown(post.body)
        batch.append(post)
        if len(batch) >= BATCH:
            Post.objects.bulk_update(batch, ["html"])
            batch = []
    if batch:
        Post.objects.bulk_update(batch, ["html"])


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="html",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(render_existing, migrations.RunPython.noop),
    ]
