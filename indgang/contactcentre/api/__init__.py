"""Stub."""

app_name = "contactcentre-api"
urlpatterns: list = []
