from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("progress/", views.ProgressView.as_view(), name="progress"),
    path("progress/progress.csv", views.progress_csv, name="progress_csv"),
    path("progress/progress.json", views.progress_json, name="progress_json"),
    path("search/", views.SearchView.as_view(), name="search"),
]
