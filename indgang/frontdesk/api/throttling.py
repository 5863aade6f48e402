"""Rate limit of the anonymous kiosk check-in."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from indgang.core.http import client_ip_get


class KioskRateThrottle(AnonRateThrottle):
    """Check-ins per client address, at settings.FRONTDESK_KIOSK_RATE (read on
    every request). The address is `client_ip_get`'s (PROXY_COUNT honoured); a
    kiosk at the entrance is one address, so the rate stops guessing of booking
    codes, not a busy morning."""

    scope = "frontdesk_kiosk"

    def get_rate(self) -> str:
        return settings.FRONTDESK_KIOSK_RATE

    def get_cache_key(self, request, view) -> str | None:
        ident = client_ip_get(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
