from django.urls import path

from urbanforum.impact import views

app_name = "impact"
urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("new/", views.pilot_create, name="create"),
    path("process/<slug:slug>/", views.process_pilots, name="process_pilots"),
    path("<slug:slug>/", views.pilot_detail, name="detail"),
    path("<slug:slug>/edit/", views.pilot_edit, name="edit"),
    path("<slug:slug>/complete/", views.pilot_complete, name="complete"),
    path("<slug:slug>/kpis/", views.kpi_add, name="kpi_add"),
    path("<slug:slug>/measurements/", views.measurement_add, name="measurement_add"),
    path("<slug:slug>/measurements/import/", views.measurements_import, name="import"),
    path("<slug:slug>/milestones/", views.milestone_add, name="milestone_add"),
    path("<slug:slug>/milestones/<int:pk>/", views.milestone_progress, name="milestone_progress"),
    path("<slug:slug>/impact/", views.impact_edit, name="impact_edit"),
]
