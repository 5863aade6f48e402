from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "indgang.guidance"
    verbose_name = _("Borgervejledning")

    def ready(self) -> None:
        # The caseworker's inbox shows their meetings and plan actions.
        from indgang.contactcentre import inbox_sections

        from . import inbox

        inbox_sections.register(inbox.inbox_section)
