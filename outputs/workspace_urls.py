from django.urls import path

from . import workspace_views as views

app_name = "workspace_outputs"

urlpatterns = [
    path("", views.publishing, name="list"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/unpublish/", views.unpublish, name="unpublish"),
]
