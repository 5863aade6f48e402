"""Rate limit of the booking API's writes."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from indgang.core.http import client_ip_get
from indgang.core.permissions import is_staff_member


class BookingRateThrottle(AnonRateThrottle):
    """Bookings and cancellations per client address, at settings.BOOKING_API_RATE
    (e.g. "30/hour"; read on every request, so tests and load runs can change it).

    The address is `client_ip_get`'s (PROXY_COUNT proxies honoured). Municipal
    staff are not limited: a whole town hall shares one address, and staff book
    for every citizen who calls or walks in.
    """

    scope = "booking"

    def get_rate(self) -> str:
        return settings.BOOKING_API_RATE

    def get_cache_key(self, request, view) -> str | None:
        if is_staff_member(request.user):
            return None
        ident = client_ip_get(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
