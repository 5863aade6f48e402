"""The citizen's pages of the life-situation guides (/livssituationer/)."""

from django.urls import path

from . import views

app_name = "guides"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.guide, name="guide"),
    path("<slug:slug>/tjekliste/", views.checklist, name="checklist"),
    path("<slug:slug>/send/", views.send, name="send"),
]
