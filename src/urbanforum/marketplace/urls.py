from django.urls import path

from urbanforum.marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("solutions/", views.solution_list, name="solution_list"),
    path("solutions/new/", views.solution_create, name="solution_create"),
    path("solutions/<slug:slug>/", views.solution_detail, name="solution_detail"),
    path("solutions/<slug:slug>/edit/", views.solution_edit, name="solution_edit"),
    path("experts/", views.expert_list, name="expert_list"),
    path("experts/new/", views.expert_create, name="expert_create"),
    path("experts/<slug:slug>/", views.expert_detail, name="expert_detail"),
    path("experts/<slug:slug>/edit/", views.expert_edit, name="expert_edit"),
]
