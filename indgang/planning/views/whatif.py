"""Placeholder: filled by the helper that owns this page."""

from django.http import Http404


def scenario_view(request, **kwargs):
    raise Http404


def run_view(request, **kwargs):
    raise Http404


def run_status_view(request, **kwargs):
    raise Http404
