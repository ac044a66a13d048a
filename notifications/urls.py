"""A person's email choices and calendar feed, under /<lang>/account/notifications/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("calendar-feed/", views.calendar_feed_settings, name="calendar_feed_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
