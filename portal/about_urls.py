from django.urls import path

from . import city_views

app_name = "network"

urlpatterns = [
    path("", city_views.about, name="about"),
]
