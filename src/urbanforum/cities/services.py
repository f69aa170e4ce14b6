"""Writes for cities."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, OrganisationKind, User
from urbanforum.cities.lookup import resolve_cities
from urbanforum.cities.models import City, CitySlugAlias, size_class_for
from urbanforum.cities.registry import CityRecord
from urbanforum.cities.schemas import CityChanges
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update
from urbanforum.core.text import fold, slugify_name


@transaction.atomic
def city_update(*, actor: User, city: City, changes: CityChanges) -> City:
    """Change the editable parts of a city profile (the registry facts come from the data)."""
    require(actor, "cities.change_city", city)
    return update(
        city,
        actor=actor,
        values=changes.given(),
        action="city.update",
        validate_exclude=["slug", "search_text"],
    ).instance


@transaction.atomic
def city_set_administration(
    *, actor: User, city: City, administration: Organisation | None
) -> City:
    """Say which organisation represents a city (coordinators only)."""
    require(actor, "cities.change_city_administration")
    if administration is not None and administration.kind != OrganisationKind.CITY_ADMINISTRATION:
        raise field_error("administration", _("Only a city administration can represent a city."))
    return update(
        city,
        actor=actor,
        values={"administration": administration},
        action="city.update",
        validate_exclude=["slug", "search_text"],
    ).instance


@dataclass
class RegistryLoadStats:
    created: int
    updated: int
    total: int
    moved: int = 0  # cities given a new address (their old one redirects)


@transaction.atomic
def city_registry_load(
    *, records: list[CityRecord], actor: User | None = None
) -> RegistryLoadStats:
    """Insert or update the registry. Idempotent: a city is found again by its Eurostat code,
    else its GeoNames id. Profile fields people edit (description, administration) are kept."""
    by_code = {c.eurostat_code: c for c in City.objects.exclude(eurostat_code=None)}
    by_geonames = {c.geonames_id: c for c in City.objects.exclude(geonames_id=None)}
    taken_slugs = set(City.objects.values_list("slug", flat=True))
    taken_slugs |= set(CitySlugAlias.objects.values_list("slug", flat=True))
    moved: list[tuple[City, str]] = []
    new: list[City] = []
    changed: list[City] = []
    fields = [
        "name",
        "local_names",
        "search_text",
        "country",
        "eurostat_code",
        "nuts_code",
        "region",
        "population",
        "population_year",
        "population_source",
        "latitude",
        "longitude",
        "size_class",
        "is_bsr",
        "geonames_id",
    ]
    for rec in records:
        city = (by_code.get(rec.eurostat_code) if rec.eurostat_code else None) or (
            by_geonames.get(rec.geonames_id) if rec.geonames_id else None
        )
        values = {
            "name": rec.name,
            "local_names": rec.local_names,
            "country": rec.country,
            "eurostat_code": rec.eurostat_code,
            "nuts_code": rec.nuts_code,
            "region": rec.region,
            "population": rec.population,
            "population_year": rec.population_year,
            "population_source": rec.population_source,
            "latitude": rec.latitude,
            "longitude": rec.longitude,
            "size_class": size_class_for(rec.population),
            "is_bsr": rec.is_bsr,
            "geonames_id": rec.geonames_id,
        }
        values["search_text"] = " | ".join(
            fold(n) for n in [rec.name, *rec.local_names, rec.eurostat_code or ""] if n
        )
        if city is None:
            slug = rec.slug
            n = 2
            while slug in taken_slugs:
                slug, n = f"{rec.slug}-{n}", n + 1
            taken_slugs.add(slug)
            new.append(City(slug=slug, **values))
        else:
            if rec.slug and rec.slug != city.slug and rec.slug not in taken_slugs:
                # The registry spells the address differently now (a name as the source writes
                # it, letters no longer lost): move the city, the old address redirects.
                taken_slugs.add(rec.slug)
                moved.append((city, rec.slug))
            if any(getattr(city, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(city, k, v)
                changed.append(city)
    City.objects.bulk_create(new, batch_size=500)
    City.objects.bulk_update(changed, fields, batch_size=500)
    for city, slug in moved:
        city_move_slug(city, slug)
    audit.record(
        actor=actor,
        action="city_registry.load",
        target_type="cities.city",
        target_label="city registry",
        changes={"created": len(new), "updated": len(changed), "moved": len(moved)},
    )
    return RegistryLoadStats(
        created=len(new), updated=len(changed), total=City.objects.count(), moved=len(moved)
    )


def ensure_city_administration(*, city: City, name: str, email_domains: list[str]) -> Organisation:
    """The administration organisation that represents a city (demo data), created once."""
    org, _ = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "kind": OrganisationKind.CITY_ADMINISTRATION,
            "country": city.country,
            "email_domains": email_domains,
        },
    )
    if city.administration_id != org.pk:
        City.objects.filter(pk=city.pk).update(administration=org)
    return org


def find_or_create_city(name: str, country: str, created: list[City] | None = None) -> City:
    """A city by name (or local or alternate name, cities.lookup) and country; else a new
    registry entry with just the name and the country (imports of practices and demo content).

    A name that fits several cities of the country is refused, naming them: the importer
    writes the one meant (its Eurostat code or slug works as the name too)."""
    match = resolve_cities([name], country=country).get(name.strip())
    if match is not None and match.pk is not None:
        return City.objects.get(pk=match.pk)
    if match is not None and match.ambiguous:
        raise field_error("city", match.error())
    base = slugify_name(f"{name}-{country}", f"city-{country.lower()}")
    slug, n = base, 2
    while (
        City.objects.filter(slug=slug).exists() or CitySlugAlias.objects.filter(slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    city = City(name=name.strip(), slug=slug, country=country)
    city.save()
    if created is not None:
        created.append(city)
    return city


def city_move_slug(city: City, slug: str) -> None:
    """Give a city a new address and keep the old one as an alias (old links redirect)."""
    if slug == city.slug:
        return
    CitySlugAlias.objects.filter(slug=slug).delete()  # the city's own earlier address, reused
    CitySlugAlias.objects.update_or_create(slug=city.slug, defaults={"city": city})
    City.objects.filter(pk=city.pk).update(slug=slug)
    city.slug = slug
