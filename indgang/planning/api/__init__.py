"""The planning API under /api/v1/planning/:

GET /api/v1/planning/staffing/?calls_per_hour=200&aht_seconds=150&answer_within_seconds=20
    [&agents=10][&patience_seconds=120][&shrinkage=0.3][&target_service_level=0.8]
    [&max_abandoned_after=0.08]
    Erlang C / Erlang A staffing for staff (token or session); the same JSON as
    `python manage.py staffing --format json`. See docs/planning.md.
"""

from django.urls import path

from .views import StaffingView

app_name = "planning-api"
urlpatterns = [
    path("planning/staffing/", StaffingView.as_view(), name="staffing"),
]
