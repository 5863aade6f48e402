from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontdeskConfig(AppConfig):
    name = "indgang.frontdesk"
    verbose_name = _("Skranke og kø")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the signal receivers
