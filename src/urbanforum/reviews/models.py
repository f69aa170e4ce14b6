"""Peer and expert review rounds.

A round reviews a pilot and/or the Evaluation phase of a collaboration process.
Assigned reviewers — peer cities' people and experts — score a rubric and write findings. A reviewer
sees the others' reviews only after submitting their own (no anchoring)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.cities.models import City
from urbanforum.impact.models import Pilot

RUBRIC = [
    ("effectiveness", _("Effectiveness")),
    ("cost_efficiency", _("Cost-efficiency")),
    ("transferability", _("Transferability")),
    ("citizen_benefit", _("Citizen benefit")),
    ("sustainability", _("Sustainability")),
]
SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for reviews")
    CLOSED = "closed", _("Closed: results published")


class ReviewRound(models.Model):
    title = models.CharField(_("title"), max_length=200)
    pilot = models.ForeignKey(
        Pilot, null=True, blank=True, on_delete=models.CASCADE, related_name="review_rounds"
    )
    # The process whose Evaluation phase this round belongs to (optional).
    process = models.ForeignKey(
        "processes.Process",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_rounds",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="review_rounds"
    )
    status = models.CharField(max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    due_date = models.DateField(_("due"), null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReviewerKind(models.TextChoices):
    PEER = "peer", _("Peer city")
    EXPERT = "expert", _("Expert")


class Response(models.TextChoices):
    """The reviewer's answer to the invitation: only an accepted reviewer reviews."""

    INVITED = "invited", _("Invited: no answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Assignment(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="review_assignments")
    kind = models.CharField(max_length=8, choices=ReviewerKind.choices, default=ReviewerKind.PEER)
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    response = models.CharField(
        _("answer"), max_length=8, choices=Response.choices, default=Response.INVITED
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.round}"


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    effectiveness = models.PositiveSmallIntegerField(_("effectiveness"), validators=SCORE)
    cost_efficiency = models.PositiveSmallIntegerField(_("cost-efficiency"), validators=SCORE)
    transferability = models.PositiveSmallIntegerField(_("transferability"), validators=SCORE)
    citizen_benefit = models.PositiveSmallIntegerField(_("citizen benefit"), validators=SCORE)
    sustainability = models.PositiveSmallIntegerField(_("sustainability"), validators=SCORE)
    findings = models.TextField(_("findings"))
    what_worked = models.TextField(_("what worked"), blank=True)
    what_did_not = models.TextField(_("what did not work"), blank=True)
    submitted_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Review by {self.assignment.reviewer}"


class ProcessPractice(models.Model):
    """The good practice a finished process was turned into (one per process)."""

    process = models.OneToOneField("processes.Process", on_delete=models.CASCADE, related_name="+")
    practice = models.ForeignKey(
        "practices.GoodPractice", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.process} → {self.practice}"


class Adoption(models.Model):
    """A city that reused a good practice ("cities that reused this")."""

    practice = models.ForeignKey(
        "practices.GoodPractice", on_delete=models.CASCADE, related_name="+"
    )
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="adopted_practices")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("how it was adapted"), blank=True)
    pilot = models.ForeignKey(
        Pilot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["adopted_at", "id"]
        constraints = [models.UniqueConstraint(fields=["practice", "city"], name="adoption_unique")]

    def __str__(self) -> str:
        return f"{self.city} reused {self.practice}"


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PolicyRecommendation(models.Model):
    """Policy recommendations drawn from a process or a working group: a document (Markdown)."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("recommendations"), help_text=_("Markdown."))
    process = models.ForeignKey(
        "processes.Process",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policy_recommendations",
    )
    working_group = models.ForeignKey(
        "community.WorkingGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policy_recommendations",
    )
    status = models.CharField(
        max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(process__isnull=False) | models.Q(working_group__isnull=False),
                name="recommendation_attached",
                violation_error_message=_(
                    "Attach the recommendations to a process or a working group."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title
