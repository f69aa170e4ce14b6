from django.urls import path

from urbanforum.benchmark import views

app_name = "benchmark"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/new/", views.run_create, name="run_create"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/csv/", views.run_csv, name="run_csv"),
    path("runs/<int:pk>/publish/", views.run_publish, name="run_publish"),
]
