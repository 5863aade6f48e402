"""Stub."""

app_name = "contacts-api"
urlpatterns: list = []
