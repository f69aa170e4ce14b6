"""In-app notifications and per-user preferences (per event type and channel)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from urbanforum.accounts.models import User


class Channel(models.TextChoices):
    IN_APP = "in_app", _("On the site")
    EMAIL = "email", _("E-mail")


class Frequency(models.TextChoices):
    OFF = "off", _("Off")
    ON = "on", _("On")  # in-app only
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


EMAIL_FREQUENCIES = (Frequency.OFF, Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY)
IN_APP_FREQUENCIES = (Frequency.OFF, Frequency.ON)


class Notification(models.Model):
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    event_type = models.CharField(max_length=80, db_index=True)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    object_key = models.CharField(max_length=120, blank=True)  # e.g. "processes.process:12"
    object_label = models.CharField(max_length=255, blank=True)
    actor_label = models.CharField(max_length=254, blank=True)
    in_app = models.BooleanField(default=True)
    email_frequency = models.CharField(max_length=10, blank=True, default="")
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_frequency", "emailed_at"]),
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.text[:60]}"


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    event_type = models.CharField(max_length=80)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "event_type", "channel"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_type", "channel"], name="notification_preference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.event_type} {self.channel}={self.frequency}"
