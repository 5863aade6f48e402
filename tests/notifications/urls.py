"""The project's URLs with the messages page, for tests written before
config/urls.py includes it (once it does, this is config.urls unchanged)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path

from config.urls import urlpatterns as project_urlpatterns


def _includes_notifications(patterns) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            module = pattern.urlconf_name
            if getattr(module, "__name__", module) == "indgang.notifications.urls":
                return True
            if isinstance(module, list | tuple) and _includes_notifications(module):
                return True
    return False


urlpatterns = list(project_urlpatterns)
if not _includes_notifications(urlpatterns):
    urlpatterns += i18n_patterns(
        path("personale/beskeder/", include("indgang.notifications.urls")),
        prefix_default_language=False,
    )
