"""WebSocket routes of the chat (included by config/asgi.py)."""

from django.urls import path

from .consumers import AgentsConsumer, ConversationConsumer

websocket_urlpatterns = [
    path("ws/chat/agents/", AgentsConsumer.as_asgi()),
    path("ws/chat/<uuid:pk>/", ConversationConsumer.as_asgi()),
]
