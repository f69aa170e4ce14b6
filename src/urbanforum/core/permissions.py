"""Helpers that let services enforce the same rules as views and the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(user: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(
            _("You do not have permission to do this (%(perm)s).") % {"perm": perm}
        )
