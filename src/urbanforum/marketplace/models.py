"""The marketplace: solutions offered by provider organisations, and expert profiles."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.core.models import unique_slug
from urbanforum.core.taxonomy import DOMAIN_SLUGS
from urbanforum.matching.tags import search_text, tag_string


class Maturity(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    DEPLOYED = "deployed", _("Deployed")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Solution(models.Model):
    external_id = models.CharField(max_length=120, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(max_length=220, unique=True)
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="solutions")
    description = models.TextField(_("description"), help_text=_("Markdown."))
    # The language it was written in (its translations: core.translations, docs/i18n.md).
    language = models.CharField(_("language"), max_length=8, default="en")
    domains = models.JSONField(_("domains"), default=list, blank=True)
    sdgs = models.JSONField(_("SDG goals"), default=list, blank=True)
    maturity = models.CharField(
        _("maturity"), max_length=10, choices=Maturity.choices, default=Maturity.PILOT
    )
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level (1–9)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    references = models.JSONField(
        _("references"),
        default=list,
        blank=True,
        help_text=_("List of {city, country, year, outcome}."),
    )
    pricing_model = models.CharField(_("pricing model"), max_length=300, blank=True)
    standards = models.JSONField(_("standards and interoperability"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    illustrative = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.PUBLISHED,
        db_index=True,
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, default="")
    domain_tags = models.CharField(max_length=400, editable=False, default="")
    sdg_tags = models.CharField(max_length=100, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["title", "id"], name="solution_order"),
            models.Index(fields=["status", "title", "id"], name="solution_status_order"),
            models.Index(fields=["maturity"], name="solution_maturity"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.domain_tags = tag_string(self.domains)
        self.sdg_tags = tag_string(self.sdgs)
        self.search_text = search_text(
            self.title, self.description, self.pricing_model, self.standards, self.provider.name
        )
        super().save(*args, **kwargs)

    def passage_text(self) -> str:
        return self.description


class Expert(models.Model):
    """An expert profile: of a user with the expert role, or a standalone (demo) profile."""

    external_id = models.CharField(max_length=120, unique=True, null=True, blank=True)
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="expert_profile"
    )
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=180, unique=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    expertise = models.JSONField(
        _("expertise areas"),
        default=list,
        blank=True,
        help_text=_("Domains from the taxonomy and free topics."),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    past_engagements = models.JSONField(_("past engagements"), default=list, blank=True)
    bio = models.TextField(_("bio"), blank=True)
    # The language it was written in (its translations: core.translations, docs/i18n.md).
    language = models.CharField(_("language"), max_length=8, default="en")
    is_fictional = models.BooleanField(default=False)
    is_published = models.BooleanField(_("shown in the directory"), default=True)
    search_text = models.TextField(editable=False, default="")
    domain_tags = models.CharField(max_length=400, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"], name="expert_order"),
            models.Index(fields=["is_published", "name", "id"], name="expert_published_order"),
            models.Index(fields=["country"], name="expert_country"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        self.domain_tags = tag_string(self.domains)
        self.search_text = search_text(
            self.name, self.organisation_name, self.expertise, self.bio, self.past_engagements
        )
        super().save(*args, **kwargs)

    @property
    def domains(self) -> list[str]:
        return [e for e in self.expertise if e in DOMAIN_SLUGS]

    @property
    def topics(self) -> list[str]:
        return [e for e in self.expertise if e not in DOMAIN_SLUGS]

    def passage_text(self) -> str:
        return ". ".join(p for p in (", ".join(self.expertise), self.bio) if p)
