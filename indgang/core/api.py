"""Shared API plumbing: one exception handler for domain and Django validation
errors, the Danish 429 answer, and rate limits per client address."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError
from .http import client_ip_get
from .permissions import is_staff_member


def exception_handler(exc, context):
    """Domain errors become `{"detail": "..."}` with their status code, or, when
    a 400 names its `field`, `{field: ["..."]}`; Django's ValidationError (from
    a service's own checks) becomes DRF field errors."""
    if isinstance(exc, DjangoValidationError):
        exc = serializers.ValidationError(detail=serializers.as_serializer_error(exc))
    elif isinstance(exc, DomainError):
        if exc.status_code == 400 and hasattr(exc, "field"):
            return Response({exc.field: [str(exc.message)]}, status=400)
        return Response({"detail": str(exc.message)}, status=exc.status_code)
    return drf_exception_handler(exc, context)


class TooManyRequests(Throttled):
    """429 in Danish, saying when to try again (raise from `APIView.throttled`)."""

    default_detail = _("For mange forespørgsler fra din adresse.")
    extra_detail_singular = _("Prøv igen om {wait} sekund.")
    extra_detail_plural = _("Prøv igen om {wait} sekunder.")


class ClientAddressThrottle(AnonRateThrottle):
    """Requests per client address (`client_ip_get`, PROXY_COUNT honoured) at
    the rate in the setting named by `rate_setting`, read on every request so
    tests and load runs can change it. With `exempt_staff`, municipal staff are
    not limited."""

    rate_setting: str = ""
    exempt_staff = False

    def get_rate(self) -> str:
        return getattr(settings, self.rate_setting)

    def get_cache_key(self, request, view) -> str | None:
        if self.exempt_staff and is_staff_member(request.user):
            return None
        ident = client_ip_get(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
