"""The contact registry's push API under /api/v1/: telephony platforms and
other systems send records as they happen.

    POST /api/v1/calls/                 calls (perm contacts.add_call)
    POST /api/v1/contacts/              contacts (perm contacts.add_contact)
    POST /api/v1/self-service-counts/   self-service counts (perm contacts.add_selfservicecount)

One JSON object or a list (at most 10,000) with the file formats' field names;
all or nothing, idempotent by id. Token (the Integration role) or session.
"""

from django.urls import path

from .views import CallPushView, ContactPushView, SelfServicePushView

app_name = "contacts-api"
urlpatterns = [
    path("calls/", CallPushView.as_view(), name="calls"),
    path("contacts/", ContactPushView.as_view(), name="contacts"),
    path("self-service-counts/", SelfServicePushView.as_view(), name="self-service-counts"),
]
