from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("invitation/<str:token>/", views.AcceptInvitationView.as_view(), name="invitation"),
]
