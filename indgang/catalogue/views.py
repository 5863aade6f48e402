"""Citizen pages: the start page, one service, the locations. Public (no login):
each view calls one selector and renders."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def start(request):
    page = selectors.start_page_get()
    return render(request, "catalogue/start.html", {"page": page})


@require_safe
def service_detail(request, slug: str):
    page = selectors.service_page_get(slug=slug)
    if page is None:
        raise Http404
    return render(request, "catalogue/service_detail.html", {"page": page})


@require_safe
def location_list(request):
    weeks = selectors.location_week_list()
    return render(request, "catalogue/location_list.html", {"weeks": weeks})


@require_safe
def location_detail(request, slug: str):
    week = selectors.location_week_get(slug=slug)
    if week is None:
        raise Http404
    return render(request, "catalogue/location_detail.html", {"week": week})
