"""Booking pages: the citizen's flow under /bestil-tid/, the citizen's own
booking under /tid/, staff booking under /personale/tidsbestilling/."""

from django.urls import path

from . import views
from .views import calendar as calendar_views

app_name = "booking"

urlpatterns = [
    # The citizen's booking flow, one step a page.
    path("bestil-tid/", views.services_step, name="start"),
    path("bestil-tid/selvbetjening/", views.self_service_step, name="self_service"),
    path("bestil-tid/sted/", views.location_step, name="location"),
    path("bestil-tid/dag/", views.calendar_step, name="calendar"),
    path("bestil-tid/tid/", views.time_step, name="time"),
    path("bestil-tid/oplysninger/", views.details_step, name="details"),
    path("bestil-tid/bekraeft/", views.confirm_step, name="confirm"),
    path("bestil-tid/kvittering/", views.done, name="done"),
    # The citizen's own link (in SMS and e-mail): see, move or cancel. The last
    # path segment is the cancel token.
    path("tid/<str:code>/<str:token>", views.manage, name="manage"),
    path("tid/<str:code>/<str:token>/aflys/", views.manage_cancel, name="manage_cancel"),
    path("tid/<str:code>/<str:token>/flyt/", views.manage_move, name="manage_move"),
    # Staff: a location's day, and booking, moving and cancelling for citizens.
    path("personale/tidsbestilling/", views.staff_day, name="staff_day"),
    path("personale/tidsbestilling/ny/", views.staff_new, name="staff_new"),
    path("personale/tidsbestilling/ny/dag/", views.staff_calendar, name="staff_calendar"),
    path("personale/tidsbestilling/ny/tid/", views.staff_time, name="staff_time"),
    path("personale/tidsbestilling/ny/oplysninger/", views.staff_details, name="staff_details"),
    path("personale/tidsbestilling/<int:pk>/flyt/", views.staff_move, name="staff_move"),
    path("personale/tidsbestilling/<int:pk>/aflys/", views.staff_cancel, name="staff_cancel"),
]

# The caseworker's own meeting calendar (360-degree guidance books into it).
urlpatterns += [
    path("personale/moedekalender/", calendar_views.my_calendar, name="my_calendar"),
]
