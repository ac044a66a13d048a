from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.directory, name="directory"),
]
