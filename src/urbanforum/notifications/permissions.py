"""Notifications are personal: each user sees and changes only their own (the notification policy
in policies.py; services check the recipient too)."""

from __future__ import annotations

import rules

from urbanforum.notifications.policies import notification_policy

rules.add_perm("notifications.view_own", rules.is_authenticated)
rules.add_perm("notifications.view_notification", notification_policy.predicate)
