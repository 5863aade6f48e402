"""Guidance plans (360-graders borgervejledning) under /personale/vejledning/."""

from django.urls import path

from . import views

app_name = "guidance"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("ny/", views.plan_new, name="new"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/rediger/", views.plan_edit, name="edit"),
    path("<int:pk>/cpr/", views.plan_cpr, name="cpr"),
    path("<int:pk>/handlinger/ny/", views.action_new, name="action_new"),
    path("handlinger/<int:pk>/status/", views.action_status, name="action_status"),
    path("<int:pk>/moeder/ny/", views.meeting_new, name="meeting_new"),
    path("<int:pk>/moeder/<int:meeting_pk>/aflys/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/send/", views.plan_send, name="send"),
    path("<int:pk>/luk/", views.plan_close, name="close"),
    path("<int:pk>/genaabn/", views.plan_reopen, name="reopen"),
]
