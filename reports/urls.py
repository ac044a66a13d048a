from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("periods/add/", views.period_add, name="period_add"),
    path("periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("<int:period>/", views.period, name="period"),
    path("<int:period>/network-report.pdf", views.network_pdf, name="network_pdf"),
    path("<int:period>/network-report.xlsx", views.network_xlsx, name="network_xlsx"),
    path("<int:period>/<slug:city>/", views.city_report, name="city_report"),
    path("<int:period>/<slug:city>/submit/", views.submit, name="submit"),
    path("<int:period>/<slug:city>/review/", views.review, name="review"),
]
