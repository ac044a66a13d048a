"""URLs in front of the admin's own (included before ``admin.site.urls``)."""

from django.contrib import admin
from django.urls import path

from . import admin_files, views

urlpatterns = [
    # The admin signs in only through allauth, which asks staff for their second factor.
    path("login/", views.admin_login, name="admin_login_redirect"),
    path(
        "private-files/<str:app_label>/<str:model_name>/<str:pk>/<str:field_name>/",
        admin.site.admin_view(admin_files.private_file),
        name="admin_private_file",
    ),
]
