"""Stub: filled in by the quick pages."""

urlpatterns: list = []
