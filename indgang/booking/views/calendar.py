"""The caseworker's own meeting calendar ("Min mødekalender") under
/personale/moedekalender/: weekly meeting hours, absences, meeting length and
place, and the meetings citizen service has booked. Every form posts and
redirects back (works without JavaScript)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from indgang.core.errors import DomainError
from indgang.core.permissions import Role, role_required

from .. import selectors, services
from ..forms import StaffCalendarAbsenceForm, StaffCalendarHoursForm, StaffCalendarSettingsForm

CALENDAR_ROLES = (Role.BACK_OFFICE, Role.MANAGER)
FORMS = {
    "add_hours": ("hours_form", StaffCalendarHoursForm),
    "add_absence": ("absence_form", StaffCalendarAbsenceForm),
    "settings": ("settings_form", StaffCalendarSettingsForm),
}


def _error_links(form) -> list[tuple[str, str]]:
    return [
        (error, f"#{form[name].auto_id}" if name in form.fields else "#")
        for name, errors in form.errors.items()
        for error in errors
    ]


def _context(request, **forms) -> dict:
    user = request.user
    calendar = selectors.staff_calendar_for(user=user)
    settings_initial = (
        {"meeting_minutes": calendar.meeting_minutes, "place": calendar.place}
        if calendar
        else {"meeting_minutes": 45}
    )
    return {
        "calendar": calendar,
        "department": getattr(user, "department", None),
        "my_hours": selectors.staff_calendar_hours_list(calendar=calendar) if calendar else [],
        "absences": (
            selectors.staff_calendar_absences_upcoming(calendar=calendar) if calendar else []
        ),
        "meetings": selectors.staff_meetings_for(user=user),
        "hours_form": forms.get("hours_form") or StaffCalendarHoursForm(),
        "absence_form": forms.get("absence_form") or StaffCalendarAbsenceForm(),
        "settings_form": forms.get("settings_form")
        or StaffCalendarSettingsForm(initial=settings_initial),
        "error_links": [
            link for f in forms.values() if f is not None and f.is_bound for link in _error_links(f)
        ],
    }


def _save(request, action: str, form):
    """Carry out one valid form; a ValidationError lands on the form."""
    user = request.user
    data = form.cleaned_data
    calendar = services.staff_calendar_ensure(user=user)
    if action == "add_hours":
        services.staff_calendar_hours_add(
            calendar=calendar, weekday=data["weekday"], opens=data["opens"], closes=data["closes"]
        )
        messages.success(request, _("Mødetiden er tilføjet."))
    elif action == "add_absence":
        services.staff_calendar_absence_add(
            calendar=calendar,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            reason=data["reason"],
        )
        messages.success(request, _("Fraværet er tilføjet. Der kan ikke bookes møder i perioden."))
    else:
        services.staff_calendar_settings_update(
            calendar=calendar,
            meeting_minutes=data["meeting_minutes"],
            place=data["place"],
            is_active=calendar.is_active,
        )
        messages.success(request, _("Indstillingerne er gemt."))


def _remove(request, action: str) -> None:
    calendar = selectors.staff_calendar_for(user=request.user)
    raw = request.POST.get("pk", "")
    pk = int(raw) if raw.isdigit() else 0
    if action == "remove_hours":
        removed = calendar is not None and services.staff_calendar_hours_remove(
            calendar=calendar, hours_id=pk
        )
        done, gone = _("Mødetiden er fjernet."), _("Mødetiden findes ikke længere.")
    else:
        removed = calendar is not None and services.staff_calendar_absence_remove(
            calendar=calendar, absence_id=pk
        )
        done, gone = _("Fraværet er fjernet."), _("Fraværet findes ikke længere.")
    if removed:
        messages.success(request, done)
    else:
        messages.error(request, gone)


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(*CALENDAR_ROLES)
def my_calendar(request):
    url = reverse("booking:my_calendar")
    if request.method == "GET":
        return render(request, "booking/calendar/my_calendar.html", _context(request))
    action = request.POST.get("action", "")
    if action in ("remove_hours", "remove_absence"):
        _remove(request, action)
        return redirect(url)
    if action not in FORMS:
        messages.error(request, _("Handlingen kendes ikke. Prøv igen."))
        return redirect(url)
    name, form_class = FORMS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():  # no empty calendar left behind by a refusal
                _save(request, action, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return redirect(url)
    context = _context(request, **{name: form})
    return render(request, "booking/calendar/my_calendar.html", context, status=400)
