from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("", views.closure, name="closure"),
    path("close/", views.close, name="close"),
    path("reopen/", views.reopen, name="reopen"),
    path("latest.tar.gz", views.download, name="download"),
]
