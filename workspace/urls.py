from django.urls import path

from . import item_views, views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("network/", views.network, name="network"),
    path("network/changes/", views.changes, name="changes"),
    path("network/closing-date/", views.closing_date, name="closing_date"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("steps/add/", item_views.step_add, name="step_add"),
    path("steps/<int:pk>/", item_views.step_detail, name="step_detail"),
    path("steps/<int:pk>/edit/", item_views.step_edit, name="step_edit"),
    path("steps/<int:pk>/evidence/", item_views.evidence_upload, name="evidence_upload"),
    path("steps/<int:pk>/comments/", item_views.comment_add, name="comment_add"),
    path("evidence/<int:pk>/", item_views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", item_views.evidence_delete, name="evidence_delete"),
    path("deliverables/<int:pk>/", item_views.deliverable_detail, name="deliverable_detail"),
    path("deliverables/<int:pk>/edit/", item_views.deliverable_edit, name="deliverable_edit"),
    path("deliverables/<int:pk>/upload/", item_views.deliverable_upload, name="deliverable_upload"),
    path("files/<int:pk>/", item_views.deliverable_download, name="deliverable_download"),
]
