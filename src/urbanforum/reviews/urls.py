from django.urls import path

from urbanforum.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/reviewers/", views.assign, name="assign"),
    path("<int:pk>/review/", views.submit, name="submit"),
    path("<int:pk>/close/", views.close, name="close"),
]
