from django.urls import path

from urbanforum.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.search, name="search"),
    path("saved/", views.saved_list, name="saved"),
    path("saved/<int:pk>/delete/", views.saved_delete, name="saved_delete"),
]
