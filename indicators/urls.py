from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("indicators.csv", views.indicators_csv, name="csv"),
    path("indicators.json", views.indicators_json, name="json"),
]
