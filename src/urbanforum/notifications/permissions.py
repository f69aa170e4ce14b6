"""Notifications are personal: each user sees and changes only their own (checked in services and
selectors by recipient); nothing else to register."""

from __future__ import annotations

import rules

rules.add_perm("notifications.view_own", rules.is_authenticated)
