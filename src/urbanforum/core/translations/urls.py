from django.urls import path

from urbanforum.core.translations import views

app_name = "translations"
urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.translations, name="edit"),
    path("<slug:kind>/<int:pk>/machine/", views.translation_machine, name="machine"),
    path(
        "<slug:kind>/<int:pk>/<str:language>/delete/",
        views.translation_delete,
        name="delete",
    ),
]
