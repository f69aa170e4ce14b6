"""Writes for cities."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from urbanforum.accounts.models import Organisation, OrganisationKind, User
from urbanforum.cities.models import City, size_class_for
from urbanforum.cities.registry import CityRecord
from urbanforum.cities.schemas import CityChanges
from urbanforum.core import audit
from urbanforum.core.permissions import require
from urbanforum.core.services import field_error, update
from urbanforum.core.text import fold


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


@transaction.atomic
def city_registry_load(
    *, records: list[CityRecord], actor: User | None = None
) -> RegistryLoadStats:
    """Insert or update the registry. Idempotent: a city is found again by its Eurostat code,
    else its GeoNames id. Profile fields people edit (description, administration) are kept."""
    by_code = {c.eurostat_code: c for c in City.objects.exclude(eurostat_code=None)}
    by_geonames = {c.geonames_id: c for c in City.objects.exclude(geonames_id=None)}
    taken_slugs = set(City.objects.values_list("slug", flat=True))
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
        elif any(getattr(city, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(city, k, v)
            changed.append(city)
    City.objects.bulk_create(new, batch_size=500)
    City.objects.bulk_update(changed, fields, batch_size=500)
    audit.record(
        actor=actor,
        action="city_registry.load",
        target_type="cities.city",
        target_label="city registry",
        changes={"created": len(new), "updated": len(changed)},
    )
    return RegistryLoadStats(created=len(new), updated=len(changed), total=City.objects.count())


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
    """A city by name (or local name) and country, the most populous if several; else a new
    registry entry with just the name and the country (imports of practices and demo content)."""
    from django.utils.text import slugify

    folded = fold(name)
    candidates = [
        c
        for c in City.objects.filter(country=country, search_text__contains=folded).order_by(
            "-population", "pk"
        )
        if folded in c.search_text.split(" | ")
    ]
    if candidates:
        return candidates[0]
    base = slugify(f"{name}-{country}") or f"city-{country.lower()}"
    slug, n = base, 2
    while City.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    city = City(name=name, slug=slug, country=country)
    city.save()
    if created is not None:
        created.append(city)
    return city
