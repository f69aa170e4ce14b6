"""Root URLs. Each urbanforum app with a `urls.py` is mounted at its AppConfig.url_prefix."""

import importlib.util

from django.apps import apps
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from urbanforum.accounts import views as accounts_views
from urbanforum.api import api
from urbanforum.core import views as core_views
from urbanforum.site import views as site_views


def _app_urls() -> list[URLPattern | URLResolver]:
    patterns: list[URLPattern | URLResolver] = []
    for config in apps.get_app_configs():
        prefix = getattr(config, "url_prefix", None)
        if prefix is None or importlib.util.find_spec(f"{config.name}.urls") is None:
            continue
        patterns.append(path(prefix, include(f"{config.name}.urls")))
    return patterns


urlpatterns = [
    path("", site_views.home, name="home"),
    path("audit/", core_views.audit_log, name="audit_log"),
    # Translations of content, for every kind the content apps registered (core.translations).
    path("translations/", include("urbanforum.core.translations.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("urbanforum.accounts.urls")),
    # The switcher also saves a logged-in person's language (before Django's own set_language).
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    *_app_urls(),
]

# A database that is away answers 503, and the API keeps its JSON error body (core.errors).
handler500 = "urbanforum.core.errors.server_error"
