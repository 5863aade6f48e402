from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingConfig(AppConfig):
    name = "indgang.booking"
    verbose_name = _("Tidsbestilling")
