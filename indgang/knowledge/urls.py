"""Stub."""

app_name = "knowledge"
urlpatterns: list = []
