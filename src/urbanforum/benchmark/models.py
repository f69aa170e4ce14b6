"""Benchmark runs: a framework built on the observations of a peer group for a year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation
from urbanforum.cities.models import City
from urbanforum.indicators.models import Framework


class PeerGroup(models.TextChoices):
    ALL = "all", _("All cities with data")
    BSR = "bsr", _("Baltic Sea Region")
    COUNTRY = "country", _("One country")
    SIZE = "size", _("One size class")
    CUSTOM = "custom", _("A list of cities")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class BenchmarkRun(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="runs")
    year = models.PositiveSmallIntegerField(_("year"))
    # Per indicator the latest value in (year − window, year] is used.
    window = models.PositiveSmallIntegerField(_("window (years)"), default=5)
    peer_group = models.CharField(_("peer group"), max_length=10, choices=PeerGroup.choices)
    peer_value = models.CharField(
        _("country or size class"),
        max_length=20,
        blank=True,
        help_text=_("For country/size groups."),
    )
    peer_cities = models.ManyToManyField(City, blank=True, related_name="+")
    # Changes to the framework's steps, e.g. {"normalise": {"method": "zscore"}, "treat": null}.
    step_changes = models.JSONField(default=dict, blank=True)
    uncertainty_runs = models.PositiveIntegerField(
        _("Monte Carlo runs"),
        default=0,
        help_text=_("0 = nominal only; more runs in the background."),
    )
    seed = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    progress_label = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    data_hash = models.CharField(max_length=64, blank=True)
    package_version = models.CharField(max_length=40, blank=True)
    # Record and reports: engine framework, step log, treatment, imputed cells, screened-out units,
    # inputs (city → indicator → [value, year, flags]).
    record = models.JSONField(default=dict, blank=True)
    reports = models.JSONField(default=dict, blank=True)
    rerun_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whose run it is: a member's run is seen by its creator and the members of this
    # organisation (benchmark.policies) until a coordinator publishes it.
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # Published by a coordinator: the official runs are the public ones, and the public default
    # (the dashboard for visitors, city profiles, matching) is the latest official run.
    is_official = models.BooleanField(_("official"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["is_official", "framework", "peer_group"])]

    def __str__(self) -> str:
        return f"{self.framework} {self.year} ({self.get_peer_group_display()}) #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class BenchmarkScore(models.Model):
    """A city's score and rank on one node (aggregate or indicator) of a run."""

    run = models.ForeignKey(BenchmarkRun, on_delete=models.CASCADE, related_name="scores")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    node = models.CharField(max_length=40)
    is_aggregate = models.BooleanField(default=False)
    score = models.FloatField(null=True)
    rank = models.PositiveIntegerField(null=True)
    rank_median = models.FloatField(null=True)
    rank_p05 = models.FloatField(null=True)
    rank_p95 = models.FloatField(null=True)

    class Meta:
        ordering = ["run", "node", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "city", "node"], name="benchmarkscore_unique")
        ]
        indexes = [models.Index(fields=["run", "node"])]

    def __str__(self) -> str:
        return f"{self.run_id} {self.city_id} {self.node}: {self.score}"
