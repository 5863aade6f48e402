"""Stub: filled in by the imports pages."""

urlpatterns: list = []
