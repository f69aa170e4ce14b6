from django.urls import path

from urbanforum.processes import views

app_name = "processes"
urlpatterns = [
    path("", views.process_list, name="list"),
    path("open/<slug:challenge_slug>/", views.process_open, name="open"),
    path(
        "invitations/<int:invitation_id>/respond/",
        views.invitation_respond,
        name="invitation_respond",
    ),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("checklist/<int:item_id>/tick/", views.checklist_tick, name="checklist_tick"),
    path(
        "deliverables/<int:deliverable_id>/download/",
        views.deliverable_download,
        name="deliverable_download",
    ),
    path("<slug:slug>/", views.process_detail, name="detail"),
    path("<slug:slug>/timeline/", views.process_timeline, name="timeline"),
    path("<slug:slug>/edit/", views.process_edit, name="edit"),
    path("<slug:slug>/invite/", views.process_invite, name="invite"),
    path("<slug:slug>/tasks/", views.task_create, name="task_create"),
    path("<slug:slug>/deliverables/", views.deliverable_add, name="deliverable_add"),
    path("<slug:slug>/decisions/", views.decision_record, name="decision_record"),
    path("<slug:slug>/reviews/", views.review_add, name="review_add"),
    path("<slug:slug>/advance/", views.phase_advance, name="advance"),
    path("<slug:slug>/phases/<int:phase_id>/dates/", views.phase_dates, name="phase_dates"),
    path("<slug:slug>/publish/", views.publish_result, name="publish"),
    path("<slug:slug>/participants/", views.participant_add, name="participant_add"),
]
