"""Working groups, discussions, events and mentoring."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import Organisation, User
from urbanforum.challenges.models import Challenge
from urbanforum.core.text import slugify_name
from urbanforum.processes.models import Process


def _unique_slug(model: Any, instance: Any, text: str, fallback: str) -> str:
    base = slugify_name(text)[:200] or fallback
    slug, n = base, 2
    while model.objects.filter(slug=slug).exclude(pk=instance.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class GroupVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: everyone sees it, anyone may join")
    PRIVATE = "private", _("Private: members only, the lead adds members")


class WorkingGroup(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    # The language it was written in (its translations: core.translations, docs/i18n.md).
    language = models.CharField(_("language"), max_length=8, default="en")
    domains = models.JSONField(_("domains"), default=list, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=GroupVisibility.choices,
        default=GroupVisibility.PUBLIC,
    )
    lead = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    challenges = models.ManyToManyField(Challenge, blank=True, related_name="working_groups")
    processes = models.ManyToManyField(Process, blank=True, related_name="working_groups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = _unique_slug(WorkingGroup, self, self.name, "group")
        super().save(*args, **kwargs)


class GroupMembership(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="working_group_memberships"
    )
    role = models.CharField(
        max_length=8, choices=[("lead", _("Lead")), ("member", _("Member"))], default="member"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


def document_path(instance: GroupDocument, filename: str) -> str:
    return f"groups/{instance.group_id}/{filename}"


class GroupDocument(models.Model):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, blank=True, max_length=300)
    url = models.URLField(_("link"), blank=True)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


# --- discussions ---------------------------------------------------------------------------------
class Thread(models.Model):
    """A discussion in a working group or in a process (exactly one of them)."""

    title = models.CharField(_("title"), max_length=200)
    group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="threads"
    )
    process = models.ForeignKey(
        Process, null=True, blank=True, on_delete=models.CASCADE, related_name="threads"
    )
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["group", "-last_activity_at", "-id"], name="thread_group_order"),
            models.Index(
                fields=["process", "-last_activity_at", "-id"], name="thread_process_order"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(group__isnull=False) & models.Q(process__isnull=True))
                | (models.Q(group__isnull=True) & models.Q(process__isnull=False)),
                name="thread_in_group_or_process",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("text"))
    # The body rendered to Markdown and sanitised once, when written (services), not per view.
    html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="post_thread_order"),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class PostRevision(models.Model):
    """The text of a post before an edit (edit history)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="post_report_once")
        ]

    def __str__(self) -> str:
        return f"report on {self.post_id}"


# --- events --------------------------------------------------------------------------------------
class EventKind(models.TextChoices):
    FORUM_DAY = "forum_day", _("Forum day")
    WORKSHOP = "workshop", _("Workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    WEBINAR = "webinar", _("Webinar")
    KNOWLEDGE_EXCHANGE = "exchange", _("Knowledge-exchange meeting")
    CONSULTANCY = "consultancy", _("Consultancy session")


TIMEZONE_CHOICES = sorted(
    (tz, tz) for tz in available_timezones() if tz.startswith(("Europe/", "UTC"))
)


class Event(models.Model):
    """Times are stored in UTC and shown in the event's own time zone."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    # The language it was written in (its translations: core.translations, docs/i18n.md).
    language = models.CharField(_("language"), max_length=8, default="en")
    group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    process = models.ForeignKey(
        Process, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    organiser = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="organised_events"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=40, default="Europe/Helsinki")
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    report = models.TextField(_("report"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["starts_at", "id"], name="event_order"),
            models.Index(fields=["ends_at"], name="event_ends"),
            models.Index(fields=["kind"], name="event_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = _unique_slug(Event, self, self.title, "event")
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not self.place and not self.online_url:
            raise ValidationError({"place": _("Give a place or an online link.")})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="event_registrations")
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    # First come, first served: the waiting list is ordered by when people asked (requested_at).
    requested_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.status})"


# --- mentoring -----------------------------------------------------------------------------------
class MentoringOffer(models.Model):
    """An expert, or a city (through a person of its administration), offers mentoring on topics."""

    mentor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mentoring_offers")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The city administration offering, when a city offers."),
    )
    topics = models.JSONField(_("topics (domains)"), default=list)
    description = models.TextField(_("what you offer"))
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.mentor} ({', '.join(self.topics)})"


class MentoringRequest(models.Model):
    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="mentoring_requests"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    description = models.TextField(_("what you need"))
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.challenge}"


class MentorshipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class Mentorship(models.Model):
    request = models.ForeignKey(
        MentoringRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentorships",
    )
    mentor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mentorships_as_mentor")
    mentee_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    goals = models.TextField(_("goals"), blank=True)
    status = models.CharField(
        max_length=10, choices=MentorshipStatus.choices, default=MentorshipStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class MentoringSession(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("held on"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"session {self.held_on}"


class MentorshipFeedback(models.Model):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="feedback")
    side = models.CharField(
        max_length=6, choices=[("mentor", _("Mentor")), ("mentee", _("Mentee"))]
    )
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("feedback"))
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["side"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "side"], name="feedback_once_per_side"),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_range",
                violation_error_message=_("The rating is between 1 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side} feedback"
