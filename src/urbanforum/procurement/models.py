"""Joint procurement: several cities buy together, led by one (the procuring entity).

A JointProcurement has lots; each participating city states its demand per lot (items, quantities,
budget), which is aggregated per lot. Providers submit sealed Bids per lot (see sealing.py); after the
deadline the lead buyer opens them, named Evaluators (each having declared no conflict of interest)
score them against the AwardCriteria, and each lot is awarded; contracts follow per city.
"""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.challenges.models import Challenge
from urbanforum.cities.models import City

CPV_RE = re.compile(r"^\d{8}-\d$")

# Remedies Directive 89/665/EEC as amended by 2007/66/EC, art. 2a(2): a contract may not be
# concluded before at least 10 calendar days from the day after the award decision is sent
# electronically; the platform sends it electronically, so 10 is the floor.
MIN_STANDSTILL_DAYS = 10


def validate_cpv_codes(value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Give at least one CPV code (format NNNNNNNN-N, e.g. 34993000-4)."))
    for code in value:
        if not isinstance(code, str) or not CPV_RE.match(code):
            raise ValidationError(
                _("“%(code)s” is not a CPV code: the format is NNNNNNNN-N, e.g. 34993000-4."),
                params={"code": code},
            )


class Procedure(models.TextChoices):
    OPEN = "open", _("Open procedure")
    RESTRICTED = "restricted", _("Restricted procedure")
    NEGOTIATED = "negotiated", _("Competitive procedure with negotiation")
    COMPETITIVE_DIALOGUE = "competitive_dialogue", _("Competitive dialogue")
    INNOVATION_PARTNERSHIP = "innovation_partnership", _("Innovation partnership")
    PCP = "pcp", _("Pre-commercial procurement")


# OCDS tender.procurementMethod for each procedure.
OCDS_METHOD = {
    Procedure.OPEN: "open",
    Procedure.RESTRICTED: "selective",
    Procedure.NEGOTIATED: "selective",
    Procedure.COMPETITIVE_DIALOGUE: "selective",
    Procedure.INNOVATION_PARTNERSHIP: "selective",
    Procedure.PCP: "selective",
}


class Category(models.TextChoices):
    GOODS = "goods", _("Goods")
    SERVICES = "services", _("Services")
    WORKS = "works", _("Works")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft (cities gather demand)")
    PUBLISHED = "published", _("Published: open for bids")
    OPENED = "opened", _("Bids opened: evaluation")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


class JointProcurement(models.Model):
    reference = models.SlugField(_("reference"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_procurements"
    )
    lead_city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="led_procurements")
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="procurements"
    )
    # The collaboration process whose Action phase this procurement belongs to (optional).
    process = models.ForeignKey(
        "processes.Process",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procurements",
    )
    procedure = models.CharField(
        _("procedure"), max_length=24, choices=Procedure.choices, default=Procedure.OPEN
    )
    category = models.CharField(
        _("main category"), max_length=10, choices=Category.choices, default=Category.GOODS
    )
    cpv_codes = models.JSONField(_("CPV codes"), default=list, validators=[validate_cpv_codes])
    currency = models.CharField(max_length=3, default="EUR")
    selection_criteria = models.TextField(_("selection criteria"), blank=True)
    publication_date = models.DateTimeField(_("publication"), null=True, blank=True)
    clarification_deadline = models.DateTimeField(_("clarification deadline"))
    bid_deadline = models.DateTimeField(_("bid deadline"))
    opening_date = models.DateTimeField(_("planned opening"), null=True, blank=True)
    award_date = models.DateTimeField(_("planned award"), null=True, blank=True)
    standstill_days = models.PositiveSmallIntegerField(
        _("standstill period (days)"),
        default=MIN_STANDSTILL_DAYS,
        validators=[
            MinValueValidator(
                MIN_STANDSTILL_DAYS,
                message=_(
                    "The standstill period is at least %(limit_value)s calendar days (Remedies "
                    "Directive 2007/66/EC, art. 2a)."
                ),
            ),
            MaxValueValidator(60),
        ],
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Random per-procurement salt of the sealing keys; worthless without the server's master secret.
    seal_salt = models.CharField(max_length=64, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-bid_deadline", "-id"]
        indexes = [
            models.Index(fields=["-bid_deadline", "-id"], name="procurement_deadline"),
            models.Index(
                fields=["status", "-bid_deadline", "-id"], name="procurement_status_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(clarification_deadline__lte=models.F("bid_deadline")),
                name="procurement_clarification_before_deadline",
                violation_error_message=_(
                    "The clarification deadline must be before the bid deadline."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def terms_fixed(self) -> bool:
        """Once published, the procedure and the main category are fixed and the standstill
        period can only be lengthened: bidders rely on them."""
        return self.status != Status.DRAFT

    def clean(self) -> None:
        if (
            self.publication_date
            and self.bid_deadline
            and self.publication_date >= self.bid_deadline
        ):
            raise ValidationError(
                {"bid_deadline": _("The bid deadline must be after publication.")}
            )
        if (
            self.clarification_deadline
            and self.bid_deadline
            and (self.clarification_deadline > self.bid_deadline)
        ):
            raise ValidationError(
                {
                    "clarification_deadline": _(
                        "The clarification deadline must be before the bid deadline."
                    )
                }
            )
        # The plan follows the procedure's order: bids are opened after the deadline, the award
        # decision comes after the opening (and the standstill after the award decision).
        if self.opening_date and self.bid_deadline and self.opening_date < self.bid_deadline:
            raise ValidationError(
                {"opening_date": _("The planned opening must not be before the bid deadline.")}
            )
        after = self.opening_date or self.bid_deadline
        if self.award_date and after and self.award_date < after:
            raise ValidationError(
                {
                    "award_date": _(
                        "The planned award must not be before the planned opening or the bid "
                        "deadline."
                    )
                }
            )


class Participant(models.Model):
    """A buyer city taking part (the lead city is one too)."""

    procurement = models.ForeignKey(
        JointProcurement, on_delete=models.CASCADE, related_name="participants"
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="procurement_participations"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_lead", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "city"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.city.name} in {self.procurement}"


class Lot(models.Model):
    procurement = models.ForeignKey(JointProcurement, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    cpv_code = models.CharField(_("CPV code"), max_length=10, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["procurement", "number"], name="lot_unique")]

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"

    def clean(self) -> None:
        if self.cpv_code and not CPV_RE.match(self.cpv_code):
            raise ValidationError({"cpv_code": _("The format of a CPV code is NNNNNNNN-N.")})

    @property
    def ocds_id(self) -> str:
        return f"LOT-{self.number}"


class Demand(models.Model):
    """One city's demand in one lot: an item, its quantity and the city's budget for it."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="demands")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="demands")
    item = models.CharField(_("item"), max_length=200)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit = models.CharField(_("unit"), max_length=40, default="pcs")
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["lot__number", "participant__city__name", "id"]

    def __str__(self) -> str:
        return f"{self.participant.city.name}: {self.quantity} {self.unit} {self.item}"


class CriterionKind(models.TextChoices):
    PRICE = "price", _("Price")
    QUALITY = "quality", _("Quality")


class AwardCriterion(models.Model):
    procurement = models.ForeignKey(
        JointProcurement, on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=CriterionKind.choices)
    weight = models.PositiveSmallIntegerField(
        _("weight (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["kind", "id"]  # price first

    def __str__(self) -> str:
        return f"{self.name} ({self.weight} %)"


class Question(models.Model):
    """A clarification question. Published anonymously: the asker is never shown to anyone."""

    procurement = models.ForeignKey(
        JointProcurement, on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    asked_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return self.question[:60]


class BidStatus(models.TextChoices):
    SEALED = "sealed", _("Sealed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPLACED = "replaced", _("Replaced by a newer bid")
    OPENED = "opened", _("Opened")
    INVALID = "invalid", _("Invalid (failed verification)")


def new_bid_id() -> str:
    """A bid's public identifier: 128 random bits, so that identifiers say nothing about how many
    bids there are, on this procurement or on the platform (the primary key is never shown)."""
    return secrets.token_urlsafe(16)


class Bid(models.Model):
    """A sealed bid. Only metadata is in clear text; the content is in `ciphertext` (see sealing.py).

    Deliberately no __str__ with content, not in the Django admin, not in search or events. Pages,
    the API, e-mails and the audit trail name a bid by its random `public_id` (before opening) or
    its `number` (1, 2, … within its procurement, given at opening); never by its primary key."""

    public_id = models.CharField(max_length=32, unique=True, default=new_bid_id, editable=False)
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    procurement = models.ForeignKey(JointProcurement, on_delete=models.CASCADE, related_name="bids")
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="bids")
    bidder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bids")
    submitted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=BidStatus.choices, default=BidStatus.SEALED)
    ciphertext = models.TextField(editable=False)
    key_for_opening = models.TextField(editable=False)
    key_for_bidder = models.TextField(editable=False)
    receipt_hash = models.CharField(max_length=64, editable=False)
    verified = models.BooleanField(null=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["lot__number", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "number"],
                condition=models.Q(number__isnull=False),
                name="bid_number_unique",
            ),
            # At most one live bid per bidder and lot.
            models.UniqueConstraint(
                fields=["lot", "bidder"],
                condition=models.Q(status__in=["sealed", "opened"]),
                name="bid_one_live_per_bidder_lot",
            ),
        ]

    def __str__(self) -> str:
        return f"Bid {self.number}" if self.number else "sealed bid"

    @property
    def aad(self) -> str:
        return (
            f"{self.procurement_id}|{self.lot_id}|{self.bidder_id}|{self.submitted_at.isoformat()}"
        )


class ExclusionReason(models.TextChoices):
    BIDDER = "bidder", _("a person of a bidding organisation")
    DECLARED = "declared", _("declared a conflict of interest")
    REMOVED = "removed", _("removed by the lead buyer")


class Evaluator(models.Model):
    """A person named by the lead buyer to score the bids. Sees and scores them only after opening,
    having declared no conflict of interest with the bidders, and while not excluded (see
    `conflicts.py`: a person of a bidding organisation never evaluates)."""

    procurement = models.ForeignKey(
        JointProcurement, on_delete=models.CASCADE, related_name="evaluators"
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="procurement_evaluations")
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    declared_no_conflict_at = models.DateTimeField(null=True, blank=True)
    declaration = models.TextField(blank=True)
    excluded_at = models.DateTimeField(null=True, blank=True)
    exclusion_reason = models.CharField(max_length=10, choices=ExclusionReason.choices, blank=True)
    excluded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "user"], name="evaluator_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Score(models.Model):
    evaluator = models.ForeignKey(Evaluator, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluator", "bid", "criterion"], name="score_unique")
        ]

    def __str__(self) -> str:
        return f"Score #{self.pk}"


class Award(models.Model):
    lot = models.OneToOneField(Lot, on_delete=models.CASCADE, related_name="award")
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    awarded_at = models.DateTimeField()
    awarded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    standstill_ends = models.DateTimeField()

    def __str__(self) -> str:
        return f"Award of {self.lot}"


class Contract(models.Model):
    """The contract one participating city signs under an award."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="contracts")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="contracts")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["award__lot__number", "participant__city__name"]
        constraints = [
            models.UniqueConstraint(fields=["award", "participant"], name="contract_unique")
        ]

    def __str__(self) -> str:
        return f"{self.participant.city.name}: {self.award.lot}"


class Document(models.Model):
    """A tender document (specification, draft contract…), linked by URL."""

    procurement = models.ForeignKey(
        JointProcurement, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
