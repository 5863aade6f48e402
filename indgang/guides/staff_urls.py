"""Staff pages of the guides under /personale/livssituationer/."""

from django.urls import path

from . import staff_views as views

app_name = "guides_staff"

urlpatterns = [
    path("brudte-trin/", views.broken_steps, name="broken"),
]
