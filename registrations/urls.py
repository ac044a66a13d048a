"""Public addresses, under /<lang>/meetings/ (the form) and /<lang>/registrations/ (the links)."""

from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("meetings/<slug:slug>/register/", views.register, name="register"),
    path("meetings/<slug:slug>/register/sent/", views.sent, name="sent"),
    path("registrations/confirm/<str:token>/", views.confirm, name="confirm"),
    path("registrations/r/<str:token>/", views.manage, name="manage"),
    path("registrations/r/<str:token>/qr.svg", views.qr_svg, name="qr_svg"),
    path("registrations/r/<str:token>/qr.png", views.qr_png, name="qr_png"),
    path("registrations/r/<str:token>/calendar.ics", views.calendar, name="calendar"),
    path("registrations/r/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registrations/r/<str:token>/delete/", views.delete, name="delete"),
]
