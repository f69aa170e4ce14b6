from django.urls import path

from urbanforum.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog", views.catalog, name="catalog"),
    path("catalog.ttl", views.catalog_ttl, name="catalog_ttl"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog_jsonld"),
    path("files/<str:name>", views.download, name="file"),
    path("datasets/<slug:slug>", views.dataset, name="dataset"),
    path("regenerate/", views.regenerate, name="regenerate"),
]
