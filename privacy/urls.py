from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.PolicyView.as_view(), name="policy"),
    path("my-data/", views.MyDataView.as_view(), name="my_data"),
    path("my-data/export.json", views.export_data, name="export"),
    path("delete-account/", views.DeleteAccountView.as_view(), name="delete_account"),
]
