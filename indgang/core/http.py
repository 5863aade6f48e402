"""The client's IP address, as django-axes and the audit trail should see it.

Behind reverse proxies `REMOTE_ADDR` is the nearest proxy, so every citizen and
every employee would share one address. Each proxy appends the address it
received the request from to `X-Forwarded-For`; with `PROXY_COUNT` proxies in
front of the app the client is the PROXY_COUNT-th entry from the right. Entries
further left were written by the client and are never trusted.

Set as `AXES_CLIENT_IP_CALLABLE` (django-ipware, which axes would otherwise use
for its `AXES_IPWARE_*` settings, is not installed).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid_ip(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip_get(request) -> str | None:
    """The client address of `request`, honouring `settings.PROXY_COUNT`."""
    remote_addr = request.META.get("REMOTE_ADDR") or None
    proxy_count = getattr(settings, "PROXY_COUNT", 0)
    if proxy_count <= 0:
        return remote_addr
    forwarded = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    if len(forwarded) < proxy_count:
        # The proxy did not add the header: misconfigured, fall back to the peer.
        return remote_addr
    return _valid_ip(forwarded[-proxy_count]) or remote_addr
