"""Front-desk pages: the kiosk, the waiting-room display and the staff queue screen."""

from django.urls import path

from . import views

app_name = "frontdesk"

urlpatterns = [
    # Anonymous screens in the citizen-service centre.
    path("kiosk/<slug:slug>/", views.kiosk, name="kiosk"),
    path("kiosk/<slug:slug>/uden-tid/", views.kiosk_no_booking, name="kiosk_no_booking"),
    path("skaerm/<slug:slug>/", views.display, name="display"),
    path("skaerm/<slug:slug>/status.json", views.display_json, name="display_json"),
    # Staff: the queue screen of a location and its actions (POST).
    path("personale/skranke/<slug:slug>/", views.staff, name="staff"),
    path("personale/skranke/<slug:slug>/kald-naeste/", views.staff_call_next, name="call_next"),
    path(
        "personale/skranke/<slug:slug>/nummer/<int:pk>/<str:action>/",
        views.staff_ticket_action,
        name="ticket_action",
    ),
    path("personale/skranke/<slug:slug>/uden-tid/", views.staff_walkin, name="walkin"),
    path(
        "personale/skranke/<slug:slug>/kontakt/<str:point>/",
        views.staff_point_contact,
        name="point_contact",
    ),
]
