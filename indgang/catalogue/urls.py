from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.start, name="start"),
    path("ydelser/<slug:slug>/", views.service_detail, name="service"),
    path("steder/", views.location_list, name="locations"),
    path("steder/<slug:slug>/", views.location_detail, name="location"),
]
