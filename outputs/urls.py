from django.urls import path

from . import views

app_name = "outputs"

urlpatterns = [
    path("outputs/", views.output_list, name="list"),
    path("outputs/<int:pk>/download/", views.output_download, name="download"),
    path("results/", views.results_page, name="results"),
]
