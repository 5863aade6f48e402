"""The digital mail API under /api/v1/:

POST /api/v1/mail/
    Another system (e.g. the Digital Post integration) pushes one mail:
    {"message_id", "kind": "secure"|"plain", "sender_name", "sender_address",
     "subject", "body", "received_at"}. 201 with the stored mail's id, its
    suggested subject area, department and service and its deadline; the same
    message_id again → 200 with the stored mail; 400 with a message per field.
    Token or session of a user with digitalmail.add_mail (the Integration role).
"""

from django.urls import path

from .views import MailReceiveView

app_name = "digitalmail-api"
urlpatterns = [
    path("mail/", MailReceiveView.as_view(), name="receive"),
]
