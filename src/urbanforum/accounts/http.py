"""The request as the web layer sees it once someone is logged in: its user is a real `User`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from urbanforum.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind `login_required` (or a private API endpoint): `user` is a `User`.

    Only a type: views annotate their request with it so that services receive a typed actor.
    """

    user: User


def current_user(request: HttpRequest) -> User:
    """The logged-in user of a request; views behind login_required and private API endpoints
    use it so that services always receive a real User."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied(_("Log in to do this."))
    return user
