"""Staff pages of the digital mail inbox, under /personale/post/."""

from django.urls import path

from . import views

app_name = "digitalmail"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.mail_detail, name="mail"),
]
