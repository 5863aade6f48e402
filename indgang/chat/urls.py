"""The citizen's chat: the loader script, the chat page and the callback
request (Danish at /chat/, English under /en/chat/)."""

from django.urls import path

from . import views

app_name = "chat"

urlpatterns = [
    path("", views.chat_page, name="page"),
    path("widget.js", views.widget_js, name="widget"),
    path("ring-mig-op/", views.callback, name="callback"),
]
