"""Cities whose slug lost letters (Django's slugify drops Ł, Ø, Æ, Þ, ß …: Łódź → 'odz-pl') get
the transliterated slug ('lodz-pl'); the old slug is kept as an alias, so old links redirect."""

from typing import Any

from django.db import migrations
from django.utils.text import slugify

from urbanforum.core.text import slugify_name


def new_slug_for(name: str, country: str, slug: str) -> str | None:
    """The slug the city gets, or None when its slug kept every letter (or was made otherwise)."""
    old_base = slugify(f"{name}-{country}")
    new_base = slugify_name(f"{name}-{country}")
    if not new_base or old_base == new_base:
        return None
    if not old_base:
        old_base = f"city-{country.lower()}"  # cities.services' fallback for a name it emptied
    if slug == old_base:
        return new_base
    if slug.startswith(old_base + "-"):  # a suffix that told namesakes apart
        return new_base + slug[len(old_base) :]
    return None


def reslug(apps: Any, schema_editor: Any) -> None:
    City = apps.get_model("cities", "City")
    Alias = apps.get_model("cities", "CitySlugAlias")
    taken = set(City.objects.values_list("slug", flat=True))
    taken |= set(Alias.objects.values_list("slug", flat=True))
    for city in City.objects.only("pk", "name", "country", "slug").order_by("pk"):
        base = new_slug_for(city.name, city.country, city.slug)
        if base is None:
            continue
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        Alias.objects.create(slug=city.slug, city_id=city.pk)
        City.objects.filter(pk=city.pk).update(slug=slug)


def unslug(apps: Any, schema_editor: Any) -> None:
    """Back to the old slugs the aliases remember (the newest alias of each city)."""
    City = apps.get_model("cities", "City")
    Alias = apps.get_model("cities", "CitySlugAlias")
    for alias in Alias.objects.order_by("pk"):
        City.objects.filter(pk=alias.city_id).update(slug=alias.slug)
    Alias.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cities", "0003_city_slug_alias")]

    operations = [migrations.RunPython(reslug, unslug)]
