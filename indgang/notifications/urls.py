"""Staff pages for messages. config/urls.py includes this under /personale/beskeder/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/send-igen/", views.message_retry_view, name="retry"),
]
