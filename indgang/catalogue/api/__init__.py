"""The catalogue's read API under /api/v1/: subject areas, services,
authorities and locations with their opening hours.

Public (no login needed) and GET only; integrators may send a token all the
same. Errors are `{"detail": "..."}` (404) or DRF field errors such as
`{"channel": ["..."]}` (400), in Danish. `serializers.py` holds the query and
output serializers, `views.py` the viewsets; the URLs are here.
"""

from rest_framework.routers import SimpleRouter

from .views import AuthorityViewSet, LocationViewSet, ServiceViewSet, SubjectAreaViewSet

router = SimpleRouter()
router.register("subject-areas", SubjectAreaViewSet, basename="subject-area")
router.register("services", ServiceViewSet, basename="service")
router.register("authorities", AuthorityViewSet, basename="authority")
router.register("locations", LocationViewSet, basename="location")

app_name = "catalogue-api"
urlpatterns = router.urls
