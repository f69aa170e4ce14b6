"""Cities: the registry every other part of urbanforum refers to."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation

# The countries with a part in the Baltic Sea Region (whose towns the registry loads); which of
# their cities are in the Region is decided by `cities.bsr` (Germany and Norway only in part).
BSR_COUNTRIES = ("FI", "EE", "LV", "LT", "PL", "DE", "DK", "SE", "NO")


class SizeClass(models.TextChoices):
    SMALL = "small", _("Small (under 50,000)")
    MEDIUM = "medium", _("Medium (50,000–250,000)")
    LARGE = "large", _("Large (250,000–1 million)")
    METROPOLITAN = "metropolitan", _("Metropolitan (over 1 million)")


def size_class_for(population: int | None) -> str:
    """The size class of a population; an unknown population counts as small."""
    if population is None or population < 50_000:
        return SizeClass.SMALL
    if population < 250_000:
        return SizeClass.MEDIUM
    if population <= 1_000_000:
        return SizeClass.LARGE
    return SizeClass.METROPOLITAN


class City(models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=180, unique=True)
    local_names = models.JSONField(_("local names"), default=list, blank=True)
    search_text = models.TextField(editable=False, default="", db_index=False)
    country = models.CharField(_("country"), max_length=2, db_index=True, help_text="ISO 3166-1")
    eurostat_code = models.CharField(
        _("Eurostat city code"), max_length=12, unique=True, null=True, blank=True
    )
    nuts_code = models.CharField(_("NUTS 3 region"), max_length=8, blank=True, db_index=True)
    region = models.CharField(_("European region"), max_length=40, blank=True, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    population_source = models.CharField(max_length=80, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    size_class = models.CharField(
        _("size class"), max_length=12, choices=SizeClass.choices, db_index=True
    )
    # In the Interreg Baltic Sea Region programme area (cities.bsr; set by the registry load).
    is_bsr = models.BooleanField(_("Baltic Sea Region"), default=False, db_index=True)
    geonames_id = models.PositiveIntegerField(unique=True, null=True, blank=True)
    administration = models.ForeignKey(
        Organisation,
        verbose_name=_("administration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_cities",
        limit_choices_to={"kind": "city"},
    )
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "country"]
        verbose_name_plural = "cities"
        indexes = [
            models.Index(fields=["country", "size_class"]),
            models.Index(fields=["name", "country"], name="city_order"),
            models.Index(fields=["-population", "name"], name="city_population"),
            models.Index(fields=["region"], name="city_region"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        from urbanforum.core.text import fold

        self.size_class = size_class_for(self.population)
        names = [self.name, *self.local_names, self.eurostat_code or ""]
        self.search_text = " | ".join(fold(n) for n in names if n)
        super().save(*args, **kwargs)

    @property
    def country_name(self) -> str:
        from urbanforum.core.countries import country_name

        return country_name(self.country)

    @property
    def region_name(self) -> str:
        from urbanforum.core.countries import region_name

        return region_name(self.region)


class CitySlugAlias(models.Model):
    """An address a city had before (a slug that lost letters, 'odz-pl' for Łódź): links to it
    keep working, the page redirects permanently to the city's present address."""

    slug = models.SlugField(max_length=180, unique=True)
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="slug_aliases")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "city slug aliases"

    def __str__(self) -> str:
        return f"{self.slug} → {self.city.slug}"
