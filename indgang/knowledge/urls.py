"""Public help pages under /hjaelp/: search public articles, read one."""

from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.help_search, name="help"),
    path("<slug:slug>/", views.help_article, name="article"),
]
