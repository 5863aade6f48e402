"""The planning start page: the staffing calculator and the way to the
forecast, the staffing plan, the channel costs and the what-if scenarios."""

from __future__ import annotations

from django.shortcuts import render

from indgang.core.permissions import Role, role_required

from ..forms import StaffingForm

MANAGER_ROLES = (Role.MANAGER,)


def error_links(form) -> list[tuple[str, str]]:
    """The error summary's links, for `booking/_error_summary.html`."""
    return [
        (error, f"#{form[name].auto_id}" if name in form.fields else "#")
        for name, errors in form.errors.items()
        for error in errors
    ]


@role_required(*MANAGER_ROLES)
def index_view(request):
    form = StaffingForm(request.GET or None)
    result = form.result if form.is_bound and form.is_valid() else None
    context = {
        "form": form,
        "result": result,
        "error_links": error_links(form) if form.is_bound else [],
    }
    return render(request, "planning/index.html", context, status=400 if form.errors else 200)
