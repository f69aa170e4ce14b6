from django.urls import path
from django.views.generic import RedirectView

from urbanforum.community import views

app_name = "community"
urlpatterns = [
    # The community's front door is its working groups.
    path("", RedirectView.as_view(pattern_name="community:group_list"), name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/join/", views.group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", views.group_leave, name="group_leave"),
    path("groups/<slug:slug>/members/", views.group_add_member, name="group_add_member"),
    path("groups/<slug:slug>/documents/", views.document_add, name="document_add"),
    path("groups/<slug:slug>/links/", views.group_link, name="group_link"),
    path("groups/<slug:slug>/threads/", views.group_thread_create, name="group_thread_create"),
    path("documents/<int:document_id>/", views.document_download, name="document_download"),
    path("processes/<slug:slug>/discussions/", views.process_threads, name="process_threads"),
    path("threads/<int:thread_id>/", views.thread_detail, name="thread_detail"),
    path("threads/<int:thread_id>/reply/", views.thread_reply, name="thread_reply"),
    path("posts/<int:post_id>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:post_id>/history/", views.post_history, name="post_history"),
    path("posts/<int:post_id>/report/", views.post_report, name="post_report"),
    path("posts/<int:post_id>/moderate/", views.post_moderate, name="post_moderate"),
    path("moderation/", views.moderation, name="moderation"),
    path("events/", views.event_list, name="event_list"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/calendar.ics", views.event_feed, name="event_feed"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/edit/", views.event_edit, name="event_edit"),
    path("events/<slug:slug>/register/", views.event_register, name="event_register"),
    path("events/<slug:slug>/unregister/", views.event_unregister, name="event_unregister"),
    path("events/<slug:slug>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/report/", views.event_report, name="event_report"),
    path("events/<slug:slug>/attendees/", views.event_attendees, name="event_attendees"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("mentoring/", views.mentoring, name="mentoring"),
    path("mentoring/offers/", views.offer_create, name="offer_create"),
    path("mentoring/ask/<slug:challenge_slug>/", views.request_create, name="request_create"),
    path("mentoring/requests/<int:request_id>/", views.request_detail, name="request_detail"),
    path(
        "mentoring/requests/<int:request_id>/ask/",
        views.mentorship_propose,
        name="mentorship_propose",
    ),
    path("mentorships/<int:mentorship_id>/", views.mentorship_detail, name="mentorship_detail"),
    path(
        "mentorships/<int:mentorship_id>/answer/", views.mentorship_answer, name="mentorship_answer"
    ),
    path(
        "mentorships/<int:mentorship_id>/sessions/",
        views.mentorship_session,
        name="mentorship_session",
    ),
    path("mentorships/<int:mentorship_id>/end/", views.mentorship_end, name="mentorship_end"),
    path(
        "mentorships/<int:mentorship_id>/feedback/",
        views.mentorship_feedback,
        name="mentorship_feedback",
    ),
]
