"""The collaboration process: opened from a challenge, five phases (by default), participants,
invitations, and per phase a checklist, tasks, deliverables, decisions and reviews."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.challenges.models import Challenge
from urbanforum.core.text import slugify_name
from urbanforum.processes import registry
from urbanforum.processes.phases import PhaseState, compute_phase_state


class ProcessVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone")
    MEMBERS = "members", _("Members: people of member organisations")
    PRIVATE = "private", _("Private: participants only")


class ProcessRole(models.TextChoices):
    LEAD = "lead", _("Lead city")
    PARTNER = "partner", _("Partner city")
    EXPERT = "expert", _("Expert")
    PROVIDER = "provider", _("Solution provider")
    OBSERVER = "observer", _("Observer")


class Process(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="processes")
    description = models.TextField(_("description"), blank=True)
    blueprint = models.CharField(_("blueprint"), max_length=60, default=registry.FIVE_STEPS)
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=ProcessVisibility.choices,
        default=ProcessVisibility.MEMBERS,
        db_index=True,
    )
    result_summary = models.TextField(_("result"), blank=True)
    result_published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="process_newest"),
            models.Index(fields=["visibility", "-created_at", "-id"], name="process_vis_newest"),
        ]
        verbose_name_plural = "processes"

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            base = slugify_name(self.title)[:200] or "process"
            slug, n = base, 2
            while Process.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    # The active phase is computed in one place: processes.phases.compute_phase_state.
    def phase_state(self, now: Any = None) -> PhaseState:
        phases = self.ordered_phases()
        return compute_phase_state(
            phases, now=now or timezone.now(), closed=self.closed_at is not None
        )

    def ordered_phases(self) -> list[Phase]:
        cache = self.__dict__.get("_prefetched_objects_cache", {})
        if "phases" in cache:
            return sorted(cache["phases"], key=lambda p: p.order)
        if "_uf_phases" not in self.__dict__:
            self.__dict__["_uf_phases"] = list(self.phases.order_by("order"))
        return list(self.__dict__["_uf_phases"])

    @property
    def active_phase(self) -> Phase | None:
        state = self.phase_state()
        return None if state.index is None else self.ordered_phases()[state.index]

    def forget_phases(self) -> None:
        self.__dict__.pop("_uf_phases", None)
        self.__dict__.get("_prefetched_objects_cache", {}).pop("phases", None)


class Participant(models.Model):
    """A city (through its administration), an organisation or a person taking part."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=10, choices=ProcessRole.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(user__isnull=False),
                name="participant_is_someone",
            ),
            models.UniqueConstraint(
                fields=["process", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="participant_org_unique",
            ),
            models.UniqueConstraint(
                fields=["process", "user"],
                condition=models.Q(user__isnull=False),
                name="participant_user_unique",
            ),
        ]

    def __str__(self) -> str:
        who = self.organisation or self.user
        return f"{who} ({self.role}) in {self.process_id}"

    @property
    def label(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        return self.user.display_name if self.user else ""


class ProcessInvitation(models.Model):
    """A lead invites a peer city (its administration); an editor/admin of it accepts."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=ProcessRole.choices, default=ProcessRole.PARTNER)
    message = models.TextField(blank=True)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.process}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.declined_at is None


class Phase(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases")
    phase_type = models.CharField(max_length=40)
    order = models.PositiveSmallIntegerField()
    starts_on = models.DateField(_("planned start"), null=True, blank=True)
    ends_on = models.DateField(_("planned end"), null=True, blank=True)
    # The actual dates: when the process entered the phase and when it moved on.
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["process", "order"]
        constraints = [
            models.UniqueConstraint(fields=["process", "order"], name="phase_order_unique"),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on")),
                name="phase_dates_ordered",
                violation_error_message=_("The phase ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.process})"

    @property
    def type(self) -> registry.PhaseType:
        return registry.phase_type(self.phase_type)

    @property
    def label(self) -> str:
        return str(self.type.label)  # in the language of the request that asks

    @property
    def features(self) -> list[registry.PhaseFeature]:
        return registry.features_for(self.phase_type)

    @property
    def capability_labels(self) -> list[str]:
        return [
            str(label) for c, label in registry.CAPABILITIES.items() if c in self.type.capabilities
        ]

    def is_open_for(self, capability: str) -> bool:
        return capability in self.type.capabilities


class ChecklistItem(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="checklist")
    label = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["phase", "order", "id"]

    def __str__(self) -> str:
        return self.label


class Task(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="process_tasks"
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Closed, unfinished, when its phase moved on (the lead chose to close rather than carry over).
    closed_unfinished = models.BooleanField(default=False)
    # The phase it was opened in, when it was carried over to a later phase.
    carried_from = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


def deliverable_path(instance: Deliverable, filename: str) -> str:
    return f"processes/{instance.phase.process_id}/{filename}"


class Deliverable(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        max_length=12,
        choices=[("document", _("Document")), ("solution", _("Solution proposal"))],
        default="document",
    )
    file = models.FileField(_("file"), upload_to=deliverable_path, blank=True, max_length=300)
    url = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Review(models.Model):
    """A peer (city) or expert review, written in the Evaluation phase."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(
        max_length=8, choices=[("peer", _("Peer review")), ("expert", _("Expert review"))]
    )
    text = models.TextField(_("review"))
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="review_rating_range",
                violation_error_message=_("The rating is between 1 and 5."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} review by {self.author}"
