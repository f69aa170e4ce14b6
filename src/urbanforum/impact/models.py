"""Pilots and their measured impact: KPIs measured over time, milestones, cost/savings and the carbon
handprint of the solution against the baseline it replaces."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.challenges.models import Challenge
from urbanforum.cities.models import City
from urbanforum.core.models import unique_slug
from urbanforum.procurement.models import Contract, JointProcurement


class PilotStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")


class Pilot(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="pilots")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pilots")
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="pilots"
    )
    procurement = models.ForeignKey(
        JointProcurement, null=True, blank=True, on_delete=models.SET_NULL, related_name="pilots"
    )
    process = models.ForeignKey(
        "processes.Process", null=True, blank=True, on_delete=models.SET_NULL, related_name="pilots"
    )
    contract = models.ForeignKey(
        Contract, null=True, blank=True, on_delete=models.SET_NULL, related_name="pilots"
    )
    solution_name = models.CharField(_("solution"), max_length=200)
    provider = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="piloted_solutions",
    )
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    budget_eur = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    status = models.CharField(
        max_length=10, choices=PilotStatus.choices, default=PilotStatus.RUNNING
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__lte=models.F("end_date")),
                name="pilot_period",
                violation_error_message=_("The pilot must start before it ends."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class KPI(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=4)
    direction = models.CharField(
        max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["pilot", "name"], name="kpi_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class Measurement(models.Model):
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["kpi", "date"], name="measurement_unique")]

    def __str__(self) -> str:
        return f"{self.kpi.name} {self.date}: {self.value}"


class Milestone(models.Model):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        return (
            "done"
            if self.progress >= 100
            else ("in progress" if self.progress > 0 else "not started")
        )


class DataQuality(models.TextChoices):
    MEASURED = "measured", _("Measured in the pilot")
    MODELLED = "modelled", _("Modelled from literature / databases")
    ESTIMATED = "estimated", _("Estimated (expert judgement)")


class ImpactAssessment(models.Model):
    """Costs, savings and the carbon handprint, with every input and assumption shown."""

    pilot = models.OneToOneField(Pilot, on_delete=models.CASCADE, related_name="impact")
    investment_eur = models.DecimalField(
        _("investment (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    annual_operating_cost_eur = models.DecimalField(
        _("operating cost per year (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    annual_savings_eur = models.DecimalField(
        _("savings per year (EUR)"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon (years)"), default=10, validators=[MinValueValidator(1)]
    )
    functional_unit = models.CharField(_("functional unit"), max_length=200, blank=True)
    baseline_description = models.CharField(
        _("baseline (what the solution replaces)"), max_length=300, blank=True
    )
    baseline_kg_per_unit = models.DecimalField(
        _("baseline footprint per unit (kg CO2e)"),
        max_digits=14,
        decimal_places=6,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    solution_kg_per_unit = models.DecimalField(
        _("solution footprint per unit (kg CO2e)"),
        max_digits=14,
        decimal_places=6,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    units_per_year = models.DecimalField(
        _("units per year"),
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    share = models.DecimalField(
        _("this city's share"),
        max_digits=5,
        decimal_places=4,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_(
            "When several cities share a procurement, each claims only its share of a shared reduction."
        ),
    )
    reference_year = models.PositiveSmallIntegerField(_("reference year"), null=True, blank=True)
    system_boundary = models.TextField(_("system boundary"), blank=True)
    data_sources = models.TextField(_("data sources"), blank=True)
    data_quality = models.CharField(
        _("data quality"), max_length=10, choices=DataQuality.choices, default=DataQuality.MODELLED
    )
    assumptions = models.TextField(_("assumptions"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Impact of {self.pilot}"
