"""What the community's API endpoints share: the error responses and the permission check."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest

from urbanforum.core.api import ErrorBody

ERRORS = {401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody}


def check(request: HttpRequest, perm: str, obj: Model | None, message: str) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message)
