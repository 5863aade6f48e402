from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalMailConfig(AppConfig):
    name = "indgang.digitalmail"
    verbose_name = _("Digital post og e-mail")
