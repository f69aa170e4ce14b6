"""A good practice: what a city did, what it cost, what came of it — and what did not work.

`what_did_not_work` is first-class: setbacks are as useful to the next city as successes.
Every fact comes from a source: `sources` lists `{title, url, publisher, date, supports}`, and
`supports` names the fields each source backs (see practices.sources); a field no source supports
is left empty and shown as not known.
Adoption ("cities that reused this") belongs to another context and points here with a plain FK.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.cities.models import City
from urbanforum.core.models import unique_slug
from urbanforum.matching.tags import search_text, tag_string


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


CITY_SIZES = ["small", "medium", "large", "metropolitan"]


class GoodPractice(models.Model):
    external_id = models.CharField(
        _("external id"), max_length=120, unique=True, null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(max_length=260, unique=True)
    summary = models.TextField(_("summary"))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="good_practices")
    partner_cities = models.ManyToManyField(City, blank=True, related_name="partner_good_practices")
    organisations = models.JSONField(_("organisations involved"), default=list, blank=True)
    year_start = models.PositiveSmallIntegerField(_("started"), null=True, blank=True)
    year_end = models.PositiveSmallIntegerField(_("ended"), null=True, blank=True)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    sdgs = models.JSONField(_("SDG goals"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    what_was_done = models.TextField(_("what was done"), blank=True)
    costs = models.TextField(_("costs"), blank=True)
    results = models.TextField(_("results"), blank=True)
    kpis = models.JSONField(
        _("KPIs"),
        default=list,
        blank=True,
        help_text=_("List of {name, unit, baseline, result, year}."),
    )
    what_worked = models.TextField(_("what worked"), blank=True)
    what_did_not_work = models.TextField(_("what did not work"), blank=True)
    transfer_conditions = models.TextField(_("conditions for transfer"), blank=True)
    transfer_city_sizes = models.JSONField(_("fits city sizes"), default=list, blank=True)
    transfer_climate = models.CharField(_("climate"), max_length=200, blank=True)
    contacts = models.JSONField(_("contacts"), default=list, blank=True)
    sources = models.JSONField(
        _("sources"),
        default=list,
        blank=True,
        help_text=_("List of {title, url, publisher, date, supports}."),
    )
    # Free keywords, e.g. the domains an import could not map to the taxonomy.
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PracticeStatus.choices,
        default=PracticeStatus.DRAFT,
        db_index=True,
    )
    author_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="good_practices",
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Denormalised for portable search and facets (see matching.tags).
    search_text = models.TextField(editable=False, default="")
    domain_tags = models.CharField(max_length=400, editable=False, default="")
    sdg_tags = models.CharField(max_length=100, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year_start", "title", "id"]
        indexes = [
            models.Index(fields=["-year_start", "title", "id"], name="practice_order"),
            models.Index(
                fields=["status", "-year_start", "title", "id"], name="practice_status_order"
            ),
            models.Index(fields=["language"], name="practice_language"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_start__isnull=True)
                | models.Q(year_end__isnull=True)
                | models.Q(year_start__lte=models.F("year_end")),
                name="practice_years_ordered",
                violation_error_message=_("The practice ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title, max_length=240)
        self.domain_tags = tag_string(self.domains)
        self.sdg_tags = tag_string(self.sdgs)
        self.search_text = search_text(
            self.title,
            self.summary,
            self.description,
            self.problem,
            self.what_was_done,
            self.results,
            self.what_worked,
            self.what_did_not_work,
            self.organisations,
            self.keywords,
        )
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED

    def passage_text(self) -> str:
        """The body the matching engine indexes and embeds (the title is added by the engine)."""
        return "\n".join(
            p
            for p in (
                self.summary,
                self.description,
                self.problem,
                self.what_was_done,
                self.results,
                ", ".join(self.keywords),
            )
            if p
        )
