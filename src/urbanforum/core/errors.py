"""Failures that say so: the site's answers when a request is bad or the database is away.

- **Database unavailable** (a locked SQLite file, a PostgreSQL server that restarts: Django's
  `OperationalError` / `InterfaceError`) → 503 with `Retry-After`; a JSON error body on /api/, an
  HTML page in the site's layout elsewhere. It is a moment, not a bug: the client should retry.
- **Requests no view can understand** are refused before any view runs (`BadRequestMiddleware`):
  a NUL byte in the path or the query string (PostgreSQL refuses NUL in text, SQLite keeps it),
  a query string longer than `URBANFORUM_MAX_QUERY_STRING`, a multipart body without a boundary.
- Whatever still escapes a view on /api/ answers with the API's error body, never an HTML page
  (`server_error`, the site's `handler500`).

Every error body of the API is `{"detail": "...", "errors": [{"field", "message"}]}`
(core.api.ErrorBody); docs/api-robustness.md lists the statuses.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger("urbanforum.errors")

# The database is away for a moment (locked, restarting, unreachable).
DATABASE_UNAVAILABLE: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
# The client's request cannot be read (a malformed multipart body, a suspicious header).
UNREADABLE: tuple[type[Exception], ...] = (MultiPartParserError, BadRequest, SuspiciousOperation)
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def json_error(
    status: int, detail: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    body = json.dumps({"detail": detail, "errors": errors or []})
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """An error page in the site's layout, rendered without touching the database (no user,
    no session, no notifications); plain HTML if even that fails."""
    from urbanforum.core.context_processors import site

    context: dict[str, Any] = {**site(request), "title": title, "message": message}
    html: str
    try:
        html = render_to_string("core/error.html", context)
    except Exception:  # the layout itself failed: the page must still answer
        logger.exception("the error page could not be rendered in the site's layout")
        title, message = escape(title), escape(message)  # a message may quote the request
        html = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>{message}</p>"
    return HttpResponse(html, status=status)


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON on the API, the site's page elsewhere."""
    detail = _("The database is unavailable for a moment. Please try again shortly.")
    if is_api(request):
        response = json_error(503, detail)
    else:
        response = _page(request, 503, _("Temporarily unavailable"), detail)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request: HttpRequest, detail: str, *, status: int = 400) -> HttpResponse:
    if is_api(request):
        return json_error(status, detail)
    if status == 400:  # the site's own 400 page (core.error_pages), with the reason
        from urbanforum.core.error_pages import bad_request_page

        return bad_request_page(request, detail)
    return _page(request, status, _("Bad request"), detail)


def unreadable_detail(exc: BaseException) -> tuple[int, str]:
    if isinstance(exc, RequestDataTooBig):
        return 413, _("The request body is too large.")
    if isinstance(exc, MultiPartParserError):
        return 400, _("The multipart body cannot be read: %(reason)s") % {"reason": exc}
    return 400, _("The request cannot be read.")


def response_for(request: HttpRequest, exc: BaseException) -> HttpResponse | None:
    """The answer to an exception that is the client's or the database's, not a bug; None for
    anything else."""
    if isinstance(exc, DATABASE_UNAVAILABLE):
        logger.warning("database unavailable: %s", exc)
        return unavailable(request)
    if isinstance(exc, UNREADABLE):
        status, detail = unreadable_detail(exc)
        return bad_request(request, detail, status=status)
    return None


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The site's handler500: a database that is away is a 503; the API keeps its error body."""
    exc = sys.exc_info()[1]
    if exc is not None:
        answer = response_for(request, exc)
        if answer is not None:
            return answer
    if is_api(request):
        return json_error(500, _("Internal server error."))
    from urbanforum.core.error_pages import server_error_page

    return server_error_page(request)


def _query_problem(request: HttpRequest) -> tuple[int, str] | None:
    query = request.META.get("QUERY_STRING", "")
    if len(query) > settings.URBANFORUM_MAX_QUERY_STRING:
        return 414, _("The query string is too long.")
    if "\x00" in request.path or "%00" in query or "\x00" in query:
        return 422, _("The request contains a NUL character, which is not allowed.")
    return None


def _multipart_problem(request: HttpRequest) -> str | None:
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.lower().startswith("multipart/") and "boundary=" not in content_type.lower():
        return _("A multipart body needs a boundary in its Content-Type.")
    return None


def _form_problem(request: HttpRequest) -> tuple[int, str, list[dict[str, str]]] | None:
    """A form body with a NUL character in a field: refused for every form, because not every
    page's POST goes through a Django form field, which would refuse it (the API's JSON bodies
    are checked by their schemas, core.schemas.Input)."""
    if request.method != "POST":
        return None
    content_type = request.META.get("CONTENT_TYPE", "").lower()
    if not content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        return None
    try:
        fields = request.POST
    except UNREADABLE as exc:
        status, detail = unreadable_detail(exc)
        return status, detail, []
    bad = [name for name, values in fields.lists() if any("\x00" in v for v in [name, *values])]
    if not bad:
        return None
    message = _(_("The text contains a NUL character, which is not allowed."))
    return 422, message, [{"field": name, "message": message} for name in bad]


class BadRequestMiddleware:
    """Refuse what no view can understand, before any view runs; turn a database that is away
    into a 503, for views and the API alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = _query_problem(request)
        if refusal is not None:
            return bad_request(request, refusal[1], status=refusal[0])
        problem = _multipart_problem(request)
        if problem is not None:
            return bad_request(request, problem)
        form_refusal = _form_problem(request)
        if form_refusal is not None:
            status, detail, errors = form_refusal
            if is_api(request):
                return json_error(status, detail, errors)
            return bad_request(request, detail, status=status)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        return response_for(request, exc)
