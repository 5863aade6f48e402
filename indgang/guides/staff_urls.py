from django.urls import path  # noqa: F401

app_name = "guides_staff"

urlpatterns: list = []
