"""Top-level URLs: each app's pages, the API under /api/v1/, schema and docs."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = f"Indgang – {settings.MUNICIPALITY_NAME}"
admin.site.site_title = "Indgang"
admin.site.index_title = "Administration"

api_v1 = [
    path("", include("indgang.catalogue.api")),
    path("", include("indgang.booking.api")),
    path("", include("indgang.frontdesk.api")),
    path("", include("indgang.contacts.api")),
    path("", include("indgang.reports.api")),
    path("", include("indgang.knowledge.api")),
    path("", include("indgang.contactcentre.api")),
    path("", include("indgang.planning.api")),
    path("", include("indgang.chat.api")),
    path("", include("indgang.digitalmail.api")),
    path("", include("indgang.guides.api")),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("", include("indgang.core.urls")),
    # Citizen and staff pages in Danish at the root, English under /en/.
    *i18n_patterns(
        path("personale/beskeder/", include("indgang.notifications.urls")),
        path("personale/henvendelser/", include("indgang.contacts.urls")),
        path("personale/rapporter/", include("indgang.reports.urls")),
        path("personale/planlaegning/", include("indgang.planning.urls")),
        path("personale/chat/", include("indgang.chat.staff_urls")),
        path("personale/post/", include("indgang.digitalmail.urls")),
        path("personale/livssituationer/", include("indgang.guides.staff_urls")),
        path("personale/vejledning/", include("indgang.guidance.urls")),
        path("livssituationer/", include("indgang.guides.urls")),
        path("chat/", include("indgang.chat.urls")),
        path("personale/viden/", include("indgang.knowledge.staff_urls")),
        path("personale/", include("indgang.contactcentre.urls")),
        path("hjaelp/", include("indgang.knowledge.urls")),
        path("personale/", include("indgang.accounts.urls")),
        path("", include("indgang.booking.urls")),
        path("", include("indgang.frontdesk.survey_urls")),
        path("", include("indgang.frontdesk.urls")),
        path("", include("indgang.catalogue.urls")),
        prefix_default_language=False,
    ),
]
