"""The ULG pages of the workspace, under /<lang>/workspace/ulg/."""

from django.urls import path

from . import views

app_name = "ulg"

urlpatterns = [
    path("", views.register, name="register"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("organisations/new/", views.organisation_add, name="organisation_add"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/delete/", views.organisation_delete, name="organisation_delete"),
    path("meetings/<int:pk>/", views.closeout, name="closeout"),
    path("meetings/<int:pk>/attendance/", views.attendance_save, name="attendance"),
    path("meetings/<int:pk>/outcomes/", views.outcome_add, name="outcome_add"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("outcomes/<int:pk>/delete/", views.outcome_delete, name="outcome_delete"),
]
