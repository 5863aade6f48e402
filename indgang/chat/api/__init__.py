"""The chat API under /api/v1/chat/ (the contract of issue 9; see docs/chat.md):

POST /api/v1/chat/conversations/                    start a chat (anonymous, rate-limited)
GET  /api/v1/chat/conversations/<id>/               its state (X-Chat-Token or staff)
GET  /api/v1/chat/conversations/<id>/messages/?after=<seq>
POST /api/v1/chat/conversations/<id>/messages/      {"text", "client_id"} → 201/200 {"seq"}
POST /api/v1/chat/take-next/                        staff: 200, 204 or 409
POST /api/v1/chat/conversations/<id>/close/         the holder: {"outcome"} → 200
"""

from django.urls import path

from .views import (
    CloseView,
    ConversationCreateView,
    ConversationDetailView,
    MessagesView,
    TakeNextView,
)

app_name = "chat-api"
urlpatterns = [
    path("chat/conversations/", ConversationCreateView.as_view(), name="conversations"),
    path(
        "chat/conversations/<uuid:pk>/",
        ConversationDetailView.as_view(),
        name="conversation",
    ),
    path("chat/conversations/<uuid:pk>/messages/", MessagesView.as_view(), name="messages"),
    path("chat/conversations/<uuid:pk>/close/", CloseView.as_view(), name="close"),
    path("chat/take-next/", TakeNextView.as_view(), name="take-next"),
]
