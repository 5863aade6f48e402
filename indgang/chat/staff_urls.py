"""The agent console under /personale/chat/."""

from django.urls import path

from . import staff_views as views

app_name = "chat_staff"
urlpatterns = [
    path("", views.console, name="console"),
    path("status/", views.status_fragment, name="status"),
    path("min-status/", views.presence, name="presence"),
    path("tag-naeste/", views.take_next, name="take_next"),
    path("samtale/<uuid:pk>/", views.conversation_page, name="conversation"),
    path("samtale/<uuid:pk>/beskeder/", views.messages_fragment, name="messages"),
    path("samtale/<uuid:pk>/soeg/", views.search_fragment, name="search"),
    path("samtale/<uuid:pk>/send/", views.send, name="send"),
    path("samtale/<uuid:pk>/viderestil/", views.transfer, name="transfer"),
    path("samtale/<uuid:pk>/afslut/", views.close, name="close"),
]
