"""The front-desk API under /api/v1/frontdesk/: kiosk check-in, walk-ins,
call next and what follows, and the queue of a location.

    POST /api/v1/frontdesk/checkins/                  {"location", "code"} (anonymous, rate-limited)
    POST /api/v1/frontdesk/tickets/                   {"location", "services": [...]}
    POST /api/v1/frontdesk/desks/<id>/call-next/      200, or 204 when nobody is waiting
    POST /api/v1/frontdesk/tickets/<id>/served/       {"service", "outcome", "co_service", …}
    POST /api/v1/frontdesk/tickets/<id>/no-show/
    POST /api/v1/frontdesk/tickets/<id>/recall/
    POST /api/v1/frontdesk/tickets/<id>/transfer/     {"desk": <id>}
    GET  /api/v1/frontdesk/locations/<slug>/queue/

All but the check-in need a staff role (token or session).
"""

from django.urls import path

from .views import (
    CallNextView,
    CheckinCreateView,
    NoShowView,
    QueueView,
    RecallView,
    ServedView,
    TransferView,
    WalkinCreateView,
)

app_name = "frontdesk-api"
urlpatterns = [
    path("frontdesk/checkins/", CheckinCreateView.as_view(), name="checkin-create"),
    path("frontdesk/tickets/", WalkinCreateView.as_view(), name="ticket-create"),
    path("frontdesk/desks/<int:pk>/call-next/", CallNextView.as_view(), name="call-next"),
    path("frontdesk/tickets/<int:pk>/served/", ServedView.as_view(), name="ticket-served"),
    path("frontdesk/tickets/<int:pk>/no-show/", NoShowView.as_view(), name="ticket-no-show"),
    path("frontdesk/tickets/<int:pk>/recall/", RecallView.as_view(), name="ticket-recall"),
    path("frontdesk/tickets/<int:pk>/transfer/", TransferView.as_view(), name="ticket-transfer"),
    path("frontdesk/locations/<slug:slug>/queue/", QueueView.as_view(), name="queue"),
]
