"""Helpers that let services enforce the same rules as views and the API."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from urbanforum.accounts.models import User


def require(user: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` has `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(f"You do not have permission to do this ({perm}).")


def current_user(request: HttpRequest) -> User:
    """The logged-in user of a request; views behind login_required and private API endpoints
    use it so that services always receive a real User."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied("Log in to do this.")
    return user
