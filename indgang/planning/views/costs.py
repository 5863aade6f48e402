"""Placeholder: filled by the helper that owns this page."""

from django.http import Http404


def costs_view(request, **kwargs):
    raise Http404


def rates_view(request, **kwargs):
    raise Http404
