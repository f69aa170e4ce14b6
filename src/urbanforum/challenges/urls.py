from django.urls import path

from urbanforum.challenges import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="list"),
    path("new/", views.challenge_create, name="create"),
    path("<slug:slug>/", views.challenge_detail, name="detail"),
    path("<slug:slug>/edit/", views.challenge_edit, name="edit"),
    path("<slug:slug>/status/", views.challenge_status, name="status"),
    path("<slug:slug>/join/", views.challenge_join, name="join"),
    path("<slug:slug>/leave/", views.challenge_leave, name="leave"),
    path("<slug:slug>/matches/decide/", views.match_decide, name="decide"),
]
