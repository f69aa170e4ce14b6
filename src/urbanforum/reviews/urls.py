from django.urls import path

from urbanforum.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/reviewers/", views.assign, name="assign"),
    path("<int:pk>/invitation/", views.invitation, name="invitation"),
    path("<int:pk>/invitation/accept/", views.accept, name="accept"),
    path("<int:pk>/invitation/decline/", views.decline, name="decline"),
    path("<int:pk>/review/", views.submit, name="submit"),
    path("<int:pk>/close/", views.close, name="close"),
    path("process/<slug:slug>/", views.process_reviews, name="process_reviews"),
    path("process/<slug:slug>/rounds/", views.process_round_create, name="process_round_create"),
    path("process/<slug:slug>/follow-up/", views.process_follow_up, name="process_follow_up"),
    path(
        "process/<slug:slug>/follow-up/practice/", views.process_practice, name="process_practice"
    ),
    path(
        "process/<slug:slug>/follow-up/recommendations/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation"),
    path(
        "recommendations/<int:pk>/publish/",
        views.recommendation_publish,
        name="recommendation_publish",
    ),
    path("practices/<slug:slug>/adoptions/", views.practice_adoptions, name="adoptions"),
    path(
        "groups/<slug:slug>/recommendations/",
        views.group_recommendations,
        name="group_recommendations",
    ),
]
