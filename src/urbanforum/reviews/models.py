"""Peer and expert review rounds.

A round reviews a pilot (and, once the collaboration process lands, the Evaluation phase of a process).
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


class Assignment(models.Model):
    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="review_assignments")
    kind = models.CharField(max_length=8, choices=ReviewerKind.choices, default=ReviewerKind.PEER)
    city = models.ForeignKey(
        City, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

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
