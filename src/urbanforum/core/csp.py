"""A strict Content-Security-Policy on every response (Django 5.2 has no CSP of its own; Django 6
brings `django.middleware.csp`, which this middleware can give way to).

The site runs no inline script: every script is a vendored or own file under /static/, loaded
from our own origin; data for scripts travels in `<script type="application/json">` blocks
(`json_script`), which are never executed; event handlers are attached by static/js/site.js.
So `script-src 'self'` holds with neither 'unsafe-inline' nor 'unsafe-eval' (Vega evaluates its
expressions with vega-embed's interpreter, `ast: true` in charts.js, instead of `new Function`).

Styles: style sheets only from our origin (`style-src 'self'`: no injected `<style>` element),
while style *attributes* stay allowed (`style-src-attr 'unsafe-inline'`): a few templates set CSS
variables of a bar or an indentation inline, and Vega and Leaflet position their SVG elements
through attributes. Style attributes cannot run script.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

DEFAULT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "style-src-attr": "'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy_header() -> str:
    return "; ".join(f"{directive} {sources}" for directive, sources in DEFAULT_POLICY.items())


class ContentSecurityPolicyMiddleware:
    """Sets `Content-Security-Policy` on every response that has none yet."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = policy_header()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response
