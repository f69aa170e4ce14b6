"""WSGI entry point for `urbanforum serve` (gunicorn, loaded once with --preload)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urbanforum.settings")
application = get_wsgi_application()


def warm() -> None:
    """Do at boot what the first request would otherwise pay for: import the URL configuration
    (every app's views and the API, whose ~170 endpoints are built on import), compile the
    base template, and load the matching index and query model (URBANFORUM_WARM_MATCHING=0 skips
    it) — its database connections are closed again before the master forks the workers."""
    from django.template.loader import get_template
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - importing the URLconf is the point
    resolver._populate()
    get_template("base.html")
    if os.environ.get("URBANFORUM_WARM_MATCHING", "1") == "1":
        from urbanforum.matching import index

        index.warm()


if os.environ.get("URBANFORUM_WARM", "1") == "1":
    warm()
