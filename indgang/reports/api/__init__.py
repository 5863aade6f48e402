"""The reports API under /api/v1/reports/:

GET /api/v1/reports/citizen-service/?year=2019[&quarter=2]   the citizen-service report (managers)
"""

from django.urls import path

from .views import CitizenServiceReportView

app_name = "reports-api"
urlpatterns = [
    path(
        "reports/citizen-service/",
        CitizenServiceReportView.as_view(),
        name="citizen-service",
    ),
]
