"""Notifications are personal: each is seen by its recipient only — coordinators included. The
rule is written once here and used by the list, the bell, the API and the dashboard."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from urbanforum.core.policies import NOTHING, VisibilityPolicy, is_authenticated
from urbanforum.notifications.models import Notification


class NotificationPolicy(VisibilityPolicy[Notification]):
    model = Notification

    def rule(self, user: Any) -> Q:
        return Q(recipient_id=user.pk) if is_authenticated(user) else NOTHING


notification_policy = NotificationPolicy()
