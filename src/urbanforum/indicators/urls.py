from django.urls import path

from urbanforum.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/new/", views.import_new, name="import_new"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("frameworks/<slug:code>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<slug:code>/yaml/", views.framework_yaml, name="framework_yaml"),
    path("<str:code>/", views.indicator_detail, name="detail"),
]
