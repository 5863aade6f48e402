"""Staff login, logout, the staff start page and the lockout page."""

from __future__ import annotations

from datetime import timedelta

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from indgang.core import clock
from indgang.core.permissions import role_required

from .forms import StaffLoginForm
from .selectors import staff_overview_get


class StaffLoginView(auth_views.LoginView):
    """Django's LoginView; it follows `next` only to this site
    (url_has_allowed_host_and_scheme), else goes to the staff start page."""

    form_class = StaffLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@never_cache
@role_required()
def home(request):
    """Who is logged in, their roles and department, and what they can open."""
    return render(
        request, "accounts/home.html", {"overview": staff_overview_get(user=request.user)}
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): HTTP 429 in Danish, with
    the time the username may try again from this address.

    Every failed attempt during a lockout starts the cool-off again, so the lock
    lifts one cool-off period after now.
    """
    cool_off = get_cool_off(request) or timedelta(0)
    retry_at = timezone.localtime(clock.now() + cool_off)
    context = {
        "cool_off_minutes": max(1, round(cool_off.total_seconds() / 60)),
        "retry_at": retry_at,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
