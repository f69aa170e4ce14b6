"""Log-in rate limits outside allauth: the admin's log-in page.

The site's log-in (allauth) counts its failures with allauth's own limiter, configured from the
same `URBANFORUM_LOGIN_RATE_LIMIT` in settings; API tokens are limited in `core.api`. All three
count in the shared Django cache (core.ratelimit), so the limits hold across servers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from urbanforum.core import ratelimit

ADMIN_SCOPE = "admin_login"


def too_many_attempts(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "accounts/too_many_attempts.html", {"retry_after": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def limit_failed_logins(
    view: Callable[..., HttpResponse], *, scope: str, username_field: str = "username"
) -> Callable[..., HttpResponse]:
    """Wrap a log-in view: refuse (429) while the client's address or the account named in the
    form is over the limit, and count a failed POST (the form shown again, not a redirect)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            return view(request, *args, **kwargs)
        limit = ratelimit.login_limit()
        keys = [f"ip:{ratelimit.client_ip(request)}"]
        username = str(request.POST.get(username_field, "")).strip().lower()
        if username:
            keys.append(f"user:{username}")
        wait = ratelimit.retry_after(scope, keys, limit)
        if wait:
            return too_many_attempts(request, wait)
        response = view(request, *args, **kwargs)
        if not 300 <= response.status_code < 400:  # a success redirects
            ratelimit.record_failure(scope, keys, limit)
        return response

    return wrapped
