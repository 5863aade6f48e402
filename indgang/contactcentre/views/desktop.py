"""Stub."""

urlpatterns: list = []
