"""Indicator data: the catalogue, frameworks (trees of indicators), observations and imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.cities.models import City
from urbanforum.core.text import translated
from urbanforum.indicators.smart_city import characteristic_name


class Direction(models.IntegerChoices):
    HIGHER_IS_BETTER = 1, _("higher is better")
    LOWER_IS_BETTER = -1, _("lower is better")


# What a value in these units can be at all (a share cannot exceed 100 %, a population cannot be
# negative): the bounds of an indicator that sets none of its own. Other units (µg/m³ from a model,
# an index, a change in %) may legitimately be negative and get no default.
UNIT_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "%": (0.0, 100.0),
    "share": (0.0, 1.0),
    "inhabitants": (0.0, None),
    "inhabitants/km²": (0.0, None),
    "EUR per inhabitant": (0.0, None),
    "nights per resident": (0.0, None),
    "years": (0.0, 150.0),
}


class Indicator(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    # The plausible range of a value; empty: the unit's (UNIT_BOUNDS), or unbounded.
    minimum = models.FloatField(_("lowest plausible value"), null=True, blank=True)
    maximum = models.FloatField(_("highest plausible value"), null=True, blank=True)
    direction = models.SmallIntegerField(
        _("direction"), choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=60, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {translated(self.name)}"

    @property
    def theme_name(self) -> str:
        """The theme ("economy", "context") as the reader reads it."""
        return characteristic_name(self.theme) if self.theme else ""

    def bounds(self) -> tuple[float | None, float | None]:
        """(lowest, highest) plausible value: the indicator's own, else its unit's."""
        lo, hi = UNIT_BOUNDS.get(self.unit.strip(), (None, None))
        return (
            self.minimum if self.minimum is not None else lo,
            self.maximum if self.maximum is not None else hi,
        )


class Framework(models.Model):
    """A composite index: a tree of FrameworkNodes and the engine's build steps."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # The engine's steps, e.g. [{"normalise": {"method": "minmax"}}, {"aggregate": {}}].
    steps = models.JSONField(default=list, blank=True)
    # The engine's `uncertainty` block (weights perturbation and alternative steps).
    uncertainty = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return translated(self.name)  # the platform's own framework in the reader's language


class FrameworkNode(models.Model):
    """An aggregate (index, characteristic, factor…) or, with `indicator` set, a leaf."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="nodes")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    weight = models.FloatField(_("weight"), default=1.0)
    direction = models.SmallIntegerField(
        _("direction"), choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="framework_nodes"
    )
    denominator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    goalpost_worst = models.FloatField(null=True, blank=True)
    goalpost_best = models.FloatField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="frameworknode_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.framework.code}:{self.code}"


class ImportFormat(models.TextChoices):
    CSV = "csv", _("CSV (tidy: city, indicator, year, value)")
    XLSX = "xlsx", _("Excel XLSX (tidy: city, indicator, year, value)")
    EUROSTAT = "eurostat", _("Eurostat bulk TSV (indic_ur,…,cities\\time)")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("previewed, not imported")
    COMMITTED = "committed", _("imported")


class ImportBatch(models.Model):
    """One uploaded file: previewed first (the file is kept), then committed all at once."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=10, choices=ImportFormat.choices)
    source = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices)
    content = models.BinaryField(editable=False)
    # The preview/commit report: counts, first rows, errors [{row, column, message}], skipped.
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class Observation(models.Model):
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="observations")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # Eurostat's flag letters: e estimated, p provisional, b break in series, u low reliability,
    # d definition differs, c confidential, r revised, s Eurostat estimate.
    flags = models.CharField(_("flags"), max_length=10, blank=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="observations"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "city", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "indicator", "year"], name="observation_unique_city_indicator_year"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.city} {self.year}: {self.value}"


FLAG_LABELS = {
    "b": _("break in time series"),
    "c": _("confidential"),
    "d": _("definition differs"),
    "e": _("estimated"),
    "f": _("forecast"),
    "n": _("not significant"),
    "p": _("provisional"),
    "r": _("revised"),
    "s": _("Eurostat estimate"),
    "u": _("low reliability"),
    "z": _("not applicable"),
}
