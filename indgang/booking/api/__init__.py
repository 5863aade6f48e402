"""The booking API under /api/v1/: free times, booking and cancelling.

    GET  /api/v1/availability/?services=pas,koerekort&location=…&date_from=…&date_to=…
    POST /api/v1/appointments/                       (Idempotency-Key header honoured)
    POST /api/v1/appointments/<code>/cancel/         {"token": "…"}

Anonymous calls are allowed; the two POSTs are rate-limited per client address
(BOOKING_API_RATE). Errors are `{"detail": "..."}` or field errors such as
`{"start": ["..."]}`, in Danish. `serializers.py` holds the input and output
serializers, `views.py` the views; the URLs are here.
"""

from django.urls import path

from .views import AppointmentCancelView, AppointmentCreateView, AvailabilityView

app_name = "booking-api"
urlpatterns = [
    path("availability/", AvailabilityView.as_view(), name="availability"),
    path("appointments/", AppointmentCreateView.as_view(), name="appointment-create"),
    path(
        "appointments/<str:code>/cancel/",
        AppointmentCancelView.as_view(),
        name="appointment-cancel",
    ),
]
