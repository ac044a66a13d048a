from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("calendar.ics", views.meetings_feed, name="feed"),
    path("<slug:slug>/", views.meeting_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.meeting_ics, name="ics"),
]
