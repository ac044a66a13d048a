"""Meetings in the signed-in workspace, under /<lang>/workspace/meetings/."""

from django.urls import path

from . import workspace_views as views

app_name = "workspace_meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/invite/", views.meeting_invite, name="invite"),
    path("<int:pk>/answer/", views.meeting_respond, name="respond"),
    path("<int:pk>/minutes/", views.minutes_upload, name="minutes"),
    path("<int:pk>/minutes/download/", views.minutes_download, name="minutes_download"),
    path("<int:pk>/calendar.ics", views.meeting_calendar, name="calendar"),
    path("answer/<str:token>/", views.rsvp_link, name="rsvp_link"),
]
