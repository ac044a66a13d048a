"""The organisers' pages, under /<lang>/workspace/registrations/."""

from django.urls import path

from . import organiser_views as views

app_name = "registrations_organise"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/settings/", views.edit_settings, name="settings"),
    path("<int:pk>/door/", views.door, name="door"),
    path("<int:pk>/door/check-in/", views.check_in_by_code, name="check_in_by_code"),
    path("<int:pk>/door/<int:registration_pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/door/<int:registration_pk>/undo/", views.undo_check_in, name="undo_check_in"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
