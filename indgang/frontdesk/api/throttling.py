"""Rate limit of the anonymous kiosk check-in."""

from indgang.core.api import ClientAddressThrottle


class KioskRateThrottle(ClientAddressThrottle):
    """Check-ins per client address, at settings.FRONTDESK_KIOSK_RATE. A kiosk
    at the entrance is one address, so the rate stops guessing of booking
    codes, not a busy morning."""

    scope = "frontdesk_kiosk"
    rate_setting = "FRONTDESK_KIOSK_RATE"
