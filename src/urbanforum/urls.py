from django.contrib import admin
from django.urls import include, path

from urbanforum.api import api
from urbanforum.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("cities/", include("urbanforum.cities.urls")),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("accounts/", include("allauth.urls")),
    path("", include("urbanforum.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
