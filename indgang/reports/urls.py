"""Pages of the citizen-service report, under /personale/rapporter/."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("borgerservice/", views.citizen_service_view, name="citizen_service"),
    path("borgerservice/pdf/", views.citizen_service_pdf_view, name="citizen_service_pdf"),
    path("borgerservice/xlsx/", views.citizen_service_xlsx_view, name="citizen_service_xlsx"),
    path("maal/", views.targets_view, name="targets"),
]
