"""Stub."""

app_name = "reports-api"
urlpatterns: list = []
