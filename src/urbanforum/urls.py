"""Root URLs. Each urbanforum app with a `urls.py` is mounted at its AppConfig.url_prefix."""

import importlib.util

from django.apps import apps
from django.contrib import admin
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView

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
    # A city officer's workspace (a coordinator's: the network's), where they land after log-in.
    path("my-city/", site_views.workspace, name="workspace"),
    # Browsers ask for /favicon.ico before reading <link rel="icon">.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico"), permanent=True)),
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

# Error pages in the site's layout, saying why and what to do (core.error_pages); a database that
# is away answers 503, and the API keeps its JSON error body (core.errors).
handler400 = "urbanforum.core.error_pages.bad_request"
handler403 = "urbanforum.core.error_pages.permission_denied"
handler404 = "urbanforum.core.error_pages.page_not_found"
handler500 = "urbanforum.core.errors.server_error"
