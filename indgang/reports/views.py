"""The citizen-service report for managers (page, PDF, spreadsheet) and the
KPI targets. Thin: check, call one selector or service, render."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from indgang.core import clock
from indgang.core.permissions import Role, role_required

from .forms import KpiTargetsForm, ReportPeriodForm
from .render import report_context, report_pdf, report_xlsx
from .selectors import KPI_KEYS, citizen_service_report, kpi_targets_get
from .services import kpi_targets_update

MANAGER_ROLES = (Role.MANAGER,)
TARGETS_PERM = "reports.change_kpitargets"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period_form(request) -> ReportPeriodForm:
    """The period form bound to the query; no year given: this year, whole year."""
    data = {
        "year": request.GET.get("year") or str(clock.today().year),
        "quarter": request.GET.get("quarter", ""),
    }
    return ReportPeriodForm(data)


def _error_links(form) -> list[tuple[str, str]]:
    return [
        (error, f"#{form[name].auto_id}")
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]


def _invalid_period(request, form) -> HttpResponse:
    context = {"form": form, "error_links": _error_links(form), "report": None}
    return render(request, "reports/citizen_service.html", context, status=400)


def _query(year: int, quarter: int | None) -> str:
    params = {"year": year}
    if quarter:
        params["quarter"] = quarter
    return urlencode(params)


def _file_name(year: int, quarter: int | None, extension: str) -> str:
    period = f"{year}-K{quarter}" if quarter else str(year)
    return f"borgerservicerapport-{period}.{extension}"


@never_cache
@role_required(*MANAGER_ROLES)
def citizen_service_view(request):
    form = _period_form(request)
    if not form.is_valid():
        return _invalid_period(request, form)
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    report = citizen_service_report(year=year, quarter=quarter)
    query = _query(year, quarter)
    context = {
        **report_context(report),
        "form": form,
        "pdf_url": f"{reverse('reports:citizen_service_pdf')}?{query}",
        "xlsx_url": f"{reverse('reports:citizen_service_xlsx')}?{query}",
        "pdf_name": _file_name(year, quarter, "pdf"),
        "xlsx_name": _file_name(year, quarter, "xlsx"),
        "can_change_targets": request.user.has_perm(TARGETS_PERM),
    }
    return render(request, "reports/citizen_service.html", context)


def _download(request, *, extension: str, content_type: str, build) -> HttpResponse:
    form = _period_form(request)
    if not form.is_valid():
        return _invalid_period(request, form)
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    report = citizen_service_report(year=year, quarter=quarter)
    response = HttpResponse(build(report), content_type=content_type)
    name = _file_name(year, quarter, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@never_cache
@role_required(*MANAGER_ROLES)
def citizen_service_pdf_view(request):
    return _download(request, extension="pdf", content_type="application/pdf", build=report_pdf)


@never_cache
@role_required(*MANAGER_ROLES)
def citizen_service_xlsx_view(request):
    return _download(request, extension="xlsx", content_type=XLSX, build=report_xlsx)


def _plain(value: Decimal) -> Decimal:
    """80.0 → 80, 42.5 → 42.5: whole targets without a decimal in the form."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


@never_cache
@role_required(*MANAGER_ROLES)
def targets_view(request):
    if not request.user.has_perm(TARGETS_PERM):
        raise DjangoDenied(_("Din rolle giver ikke adgang til at ændre målene."))
    current = kpi_targets_get()
    if request.method == "POST":
        form = KpiTargetsForm(request.POST)
        if form.is_valid():
            try:
                kpi_targets_update(by=request.user, **form.cleaned_data)
            except ValidationError as exc:  # the model's own 0–100 check
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                messages.success(request, _("Målene er gemt. Rapporten viser nu tallene mod dem."))
                return redirect("reports:citizen_service")
        status = 400
    else:
        form = KpiTargetsForm(initial={key: _plain(getattr(current, key)) for key in KPI_KEYS})
        status = 200
    context = {
        "form": form,
        "error_links": _error_links(form) if form.is_bound else [],
        "updated_at": current.updated_at,
        "title": _("Mål for borgerservice"),
    }
    return render(request, "reports/targets.html", context, status=status)
