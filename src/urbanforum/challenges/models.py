"""A challenge: a city's problem, stated as a problem and not as a solution.

Other cities that share it join it ("we have this challenge too"); the matching engine then finds
peers, practices, solutions and experts for it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.cities.models import City
from urbanforum.core.models import unique_slug
from urbanforum.matching.tags import search_text, tag_string


class ChallengeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    IN_PROCESS = "in_process", _("In process")
    CLOSED = "closed", _("Closed")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone")
    MEMBERS = "members", _("Members: people of member organisations")
    PRIVATE = "private", _("Private: the cities that own it")


class Challenge(models.Model):
    external_id = models.CharField(max_length=120, unique=True, null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    owner_city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="owned_challenges")
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="challenges", null=True, blank=True
    )
    problem_statement = models.TextField(
        _("the problem"), help_text=_("The problem, not the solution.")
    )
    context = models.TextField(_("context"), blank=True)
    baseline = models.TextField(_("baseline"), blank=True)
    baseline_indicators = models.JSONField(
        _("baseline indicators"), default=list, blank=True, help_text=_("Indicator codes.")
    )
    desired_outcomes = models.TextField(_("desired outcomes"), blank=True)
    constraints = models.TextField(_("constraints"), blank=True)
    budget_min_eur = models.PositiveIntegerField(_("budget from (EUR)"), null=True, blank=True)
    budget_max_eur = models.PositiveIntegerField(_("budget up to (EUR)"), null=True, blank=True)
    timeline = models.CharField(_("timeline"), max_length=200, blank=True)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    sdgs = models.JSONField(_("SDG goals"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ChallengeStatus.choices,
        default=ChallengeStatus.DRAFT,
        db_index=True,
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    illustrative = models.BooleanField(_("illustrative scenario"), default=False)
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
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="challenge_newest"),
            # what the public list filters on, in the order it sorts: no sort of wide rows
            models.Index(fields=["visibility", "-created_at", "-id"], name="challenge_vis_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min_eur__isnull=True)
                | models.Q(budget_max_eur__isnull=True)
                | models.Q(budget_min_eur__lte=models.F("budget_max_eur")),
                name="challenge_budget_range",
                violation_error_message=_("The budget's lower bound is above its upper bound."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        self.domain_tags = tag_string(self.domains)
        self.sdg_tags = tag_string(self.sdgs)
        self.search_text = search_text(
            self.title, self.problem_statement, self.context, self.desired_outcomes
        )
        super().save(*args, **kwargs)

    def passage_text(self) -> str:
        """The body the matching engine indexes and embeds."""
        return "\n".join(
            p for p in (self.problem_statement, self.context, self.desired_outcomes) if p
        )


class ChallengeCity(models.Model):
    """A city that shares the challenge: a co-owner, or one that said "we have this too"."""

    class Role(models.TextChoices):
        CO_OWNER = "co_owner", _("Co-owner")
        JOINED = "joined", _("Has this challenge too")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="cities")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="shared_challenges")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.JOINED)
    note = models.TextField(blank=True, help_text=_("How the problem looks in this city."))
    joined_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "city"], name="challenge_city_unique")
        ]

    def __str__(self) -> str:
        return f"{self.city} — {self.challenge}"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class MatchFeedback(models.Model):
    """A challenge owner's verdict on one suggestion; dismissed suggestions are hidden next time.

    `item_kind` is a searchable kind's slug (matching's registry). The table keeps its name from
    the time the model lived in the matching app."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="feedback")
    item_kind = models.CharField(max_length=12)
    item_id = models.PositiveBigIntegerField()
    decision = models.CharField(max_length=10, choices=Decision.choices)
    score = models.FloatField(null=True, blank=True, help_text="The score when it was decided.")
    decided_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "matching_matchfeedback"
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "item_kind", "item_id"], name="match_feedback_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} {self.item_kind}:{self.item_id} {self.decision}"


class MatchNotice(models.Model):
    """An item its owners were told is a new match of the challenge: each is notified once."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="notices")
    item_kind = models.CharField(max_length=12)
    item_id = models.PositiveBigIntegerField()
    score = models.FloatField(help_text="The score when it was notified.")
    notified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "item_kind", "item_id"], name="match_notice_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id} {self.item_kind}:{self.item_id}"
