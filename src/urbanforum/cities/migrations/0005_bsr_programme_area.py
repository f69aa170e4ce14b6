"""The Baltic Sea Region flag follows the Interreg Baltic Sea Region programme area 2021–2027
(cities.bsr): of Germany only its northern Länder and Lüneburg, of Norway all but Nord-Norge.
The rule is copied here as it stood, so that this migration does not change with the code."""

from django.db import migrations

WHOLE = ("DK", "EE", "FI", "LV", "LT", "PL", "SE")
PARTS = {
    "DE": ("DE3", "DE4", "DE5", "DE6", "DE8", "DE93", "DEF"),
    "NO": ("NO02", "NO06", "NO08", "NO09", "NO0A"),
}


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    City = apps.get_model("cities", "City")
    City.objects.exclude(country__in=WHOLE).update(is_bsr=False)
    City.objects.filter(country__in=WHOLE).update(is_bsr=True)
    for country, prefixes in PARTS.items():
        for prefix in prefixes:
            City.objects.filter(country=country, nuts_code__startswith=prefix).update(is_bsr=True)


class Migration(migrations.Migration):
    dependencies = [("cities", "0004_reslug_lost_letters")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
