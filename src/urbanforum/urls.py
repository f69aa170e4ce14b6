"""Root URLs. Each urbanforum app with a `urls.py` is mounted at its AppConfig.url_prefix."""

import importlib.util

from django.apps import apps
from django.contrib import admin
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView

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
    # Browsers ask for /favicon.ico before reading <link rel="icon">.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"), permanent=True)),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("accounts/", include("allauth.urls")),
    path("", include("urbanforum.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    *_app_urls(),
]

# Error pages in the site's layout, saying why and what to do (core.errors).
handler400 = "urbanforum.core.errors.bad_request"
handler403 = "urbanforum.core.errors.permission_denied"
handler404 = "urbanforum.core.errors.page_not_found"
handler500 = "urbanforum.core.errors.server_error"
