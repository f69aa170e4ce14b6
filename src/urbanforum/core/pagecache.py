"""A shared cache for what every anonymous visitor sees alike: the public list pages and API lists.

Why it is safe (docs/operations.md, "The page cache"):

- **Only anonymous readers, only listed views.** A GET or HEAD of a view named in
  `URBANFORUM_PAGE_CACHE_VIEWS`, with no logged-in person, no `Authorization` header (an API token
  is a person) and no message waiting to be shown. Everything an anonymous visitor sees is what every
  anonymous visitor sees, so one entry serves them all; a person's page is never stored or served.
- **The key holds everything the page depends on** besides the data: the path with its query, the
  language, the time zone, the host and scheme (absolute links), and htmx's request headers (an
  htmx request gets a fragment, not the page).
- **The data's version is in the key.** Every write of the platform goes through a service that
  records it in the audit trail, inside its transaction (core.audit). The newest audit entry's id is
  therefore the version of everything public: a write makes every older entry unreachable at once,
  in every process that shares the database — web workers, the background worker and the CLI alike —
  and a rolled-back write changes nothing. One primary-key lookup (`MAX(id)`) per request.
- **Only plain, successful answers are stored:** status 200, no cookie set by the view, not marked
  private or no-store. The form token (CSRF) in a page is the reader's own: it is replaced by a
  placeholder when stored and by the reader's token when served.

Entries expire after `URBANFORUM_PAGE_CACHE_SECONDS` (0 switches the cache off), which also bounds
what a write outside the services (a bulk load by hand) leaves stale. Responses say
`X-Page-Cache: hit` or `miss`, for operators and tests.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from urbanforum.core.models import AuditEvent

HEADER = "X-Page-Cache"
_PLACEHOLDER = "__urbanforum_csrf_token__"
# Where a page carries its form token: hidden inputs and htmx's request headers (base.html).
_TOKEN_PATTERNS = (
    re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,128})"'),
    re.compile(r'"X-CSRFToken": "([A-Za-z0-9]{32,128})"'),
)
# Request headers that change the answer for the same address (htmx asks for fragments).
_VARYING_HEADERS = ("HX-Request", "HX-Target", "HX-Trigger", "HX-History-Restore-Request", "Accept")


def seconds() -> int:
    return int(getattr(settings, "URBANFORUM_PAGE_CACHE_SECONDS", 0) or 0)


def cacheable_views() -> frozenset[str]:
    return frozenset(getattr(settings, "URBANFORUM_PAGE_CACHE_VIEWS", ()))


def data_version() -> int:
    """The id of the newest audit entry: it changes with every write of the platform."""
    return AuditEvent.objects.aggregate(version=Max("id"))["version"] or 0


def _is_anonymous_reader(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if request.headers.get("Authorization"):
        return False
    storage = getattr(request, "_messages", None)
    # len() does not mark the messages as read.
    return not (storage is not None and len(storage))


def cache_key(request: HttpRequest, version: int) -> str:
    parts = [
        str(version),
        str(request.method or "GET"),
        str(request.scheme),
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
        *(f"{name}={request.headers.get(name, '')}" for name in _VARYING_HEADERS),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:{digest}"


def _storable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _freeze(response: HttpResponse) -> dict[str, Any]:
    body = response.content.decode(response.charset or "utf-8", errors="strict")
    tokens = {m.group(1) for pattern in _TOKEN_PATTERNS for m in pattern.finditer(body)}
    for token in tokens:
        body = body.replace(token, _PLACEHOLDER)
    headers = {k: v for k, v in response.items() if k.lower() not in ("content-length", "vary")}
    return {"status": response.status_code, "headers": headers, "body": body}


def _thaw(request: HttpRequest, frozen: dict[str, Any]) -> HttpResponse:
    body: str = frozen["body"]
    if _PLACEHOLDER in body:
        # The reader's own token; CsrfViewMiddleware sets its cookie on the way out.
        body = body.replace(_PLACEHOLDER, get_token(request))
    response = HttpResponse(body, status=frozen["status"])
    for name, value in frozen["headers"].items():
        response[name] = value
    return response


class PageCacheMiddleware:
    """Place it after the authentication, locale, message and htmx middleware (settings.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key_for(request)
        if key is None:
            return self.get_response(request)
        frozen = cache.get(key)
        if frozen is not None:
            response = _thaw(request, frozen)
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _storable(response):
            cache.set(key, _freeze(response), timeout=seconds())
            response[HEADER] = "miss"
        return response

    def _key_for(self, request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD") or seconds() <= 0:
            return None
        views = cacheable_views()
        if not views:
            return None
        from django.urls import Resolver404, resolve

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.view_name not in views or not _is_anonymous_reader(request):
            return None
        return cache_key(request, data_version())
