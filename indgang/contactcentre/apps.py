from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactcentreConfig(AppConfig):
    name = "indgang.contactcentre"
    verbose_name = _("Kontaktcenter")
