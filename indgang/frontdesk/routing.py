"""WebSocket routes of the front desk (included by config/asgi.py)."""

from django.urls import path

from .consumers import LocationQueueConsumer

websocket_urlpatterns = [
    path("ws/frontdesk/<slug:slug>/", LocationQueueConsumer.as_asgi()),
]
