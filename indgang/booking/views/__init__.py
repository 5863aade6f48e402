"""Booking pages, one module a use case: flow.py the citizen's booking flow
(/bestil-tid/), manage.py the citizen's own booking by link (/tid/), staff.py
staff booking (/personale/tidsbestilling/), which reuses the other two's steps
and move page; _common.py what they share. The names urls.py uses are
re-exported here."""

from .flow import (
    calendar_step,
    confirm_step,
    details_step,
    done,
    location_step,
    self_service_step,
    services_step,
    time_step,
)
from .manage import manage, manage_cancel, manage_move
from .staff import (
    STAFF_ROLES,
    staff_calendar,
    staff_cancel,
    staff_day,
    staff_details,
    staff_move,
    staff_new,
    staff_time,
)

__all__ = [
    "STAFF_ROLES",
    "calendar_step",
    "confirm_step",
    "details_step",
    "done",
    "location_step",
    "manage",
    "manage_cancel",
    "manage_move",
    "self_service_step",
    "services_step",
    "staff_calendar",
    "staff_cancel",
    "staff_day",
    "staff_details",
    "staff_move",
    "staff_new",
    "staff_time",
    "time_step",
]
