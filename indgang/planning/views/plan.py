"""Placeholder: filled by the helper that owns this page."""

from django.http import Http404


def plan_view(request, **kwargs):
    raise Http404


def plan_xlsx_view(request, **kwargs):
    raise Http404
