from django.urls import path

from . import workspace_views as views

app_name = "workspace_indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("<int:indicator_pk>/<int:city_pk>/", views.series_detail, name="detail"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
