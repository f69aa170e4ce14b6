"""Notifications' personal data (accounts.personal_data registry)."""

from __future__ import annotations

from django.utils.translation import gettext

from urbanforum.accounts.personal_data.registry import Erasure, PersonalData, register
from urbanforum.notifications.models import Notification, NotificationPreference


def _forget_actor(erasure: Erasure) -> None:
    # Other people's notifications name the person who acted ("Anna posted …"): they now name
    # a former member.
    if erasure.display_name:
        Notification.objects.filter(actor_label=erasure.display_name).exclude(
            recipient=erasure.user
        ).update(actor_label=gettext("former member"))


def register_personal_data() -> None:
    register(
        PersonalData(
            Notification, "delete", "Notifications received by the person", erase=_forget_actor
        )
    )
    register(PersonalData(NotificationPreference, "delete", "Notification preferences"))
