"""Placeholder: filled by the helper that owns this page."""

from django.http import Http404


def forecast_view(request, **kwargs):
    raise Http404
