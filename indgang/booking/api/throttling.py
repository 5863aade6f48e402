"""Rate limit of the booking API's writes."""

from indgang.core.api import ClientAddressThrottle


class BookingRateThrottle(ClientAddressThrottle):
    """Bookings and cancellations per client address, at settings.BOOKING_API_RATE
    (e.g. "30/hour"). Municipal staff are not limited: a whole town hall shares
    one address, and staff book for every citizen who calls or walks in."""

    scope = "booking"
    rate_setting = "BOOKING_API_RATE"
    exempt_staff = True
