"""The site's error pages (400, 403, 404, 500): in the site's layout, saying why the request was
refused and what the user can do next. Mounted as `handler400`… in `urbanforum.urls`.

Under /api/ the answer stays JSON (`{"detail": …}`), like the API's own errors."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _back_url(request: HttpRequest) -> str:
    """The page the user came from, if it is on this site (never an outside address)."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _reason(exception: Exception | None) -> str:
    """The refusal's own message (`PermissionDenied("Only coordinators …")`), if it has one."""
    if exception is None or not exception.args:
        return ""
    message = exception.args[0]
    return str(message) if isinstance(message, str | Promise) else ""


def _render(
    request: HttpRequest, template: str, status: int, context: dict[str, Any]
) -> HttpResponse:
    return HttpResponse(
        loader.render_to_string(template, {"back_url": _back_url(request), **context}, request),
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return _render(request, "400.html", 400, {})


def bad_request_page(request: HttpRequest, reason: str) -> HttpResponse:
    """The 400 page with the reason a request was refused (core.errors), drawn without the
    database if the layout cannot be."""
    try:
        return _render(request, "400.html", 400, {"reason": reason})
    except Exception:
        logger.exception("The 400 page could not be drawn in the site's layout")
        return HttpResponse(loader.render_to_string("errors/500_plain.html"), status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = _reason(exception) if isinstance(exception, PermissionDenied) else ""
    if _is_api(request):
        return JsonResponse({"detail": reason or _("Permission denied.")}, status=403)
    return _render(request, "403.html", 403, {"reason": reason})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (CSRF_FAILURE_VIEW)."""
    message = _(
        "The form's security token is missing or has expired (the page was open for a long "
        "time, or cookies are blocked). Go back, reload the page and send the form again."
    )
    if _is_api(request):
        return JsonResponse({"detail": message}, status=403)
    return _render(request, "403.html", 403, {"reason": message, "csrf": True})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return _render(request, "404.html", 404, {})


def server_error_page(request: HttpRequest) -> HttpResponse:
    """In the site's layout if it can be drawn; if drawing it fails too (the layout reads the
    database, which may be what failed), a page that needs nothing but the template files."""
    if _is_api(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    try:
        return _render(request, "500.html", 500, {})
    except Exception:
        logger.exception("The 500 page could not be drawn in the site's layout")
        return HttpResponse(loader.render_to_string("errors/500_plain.html"), status=500)
