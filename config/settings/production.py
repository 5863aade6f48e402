"""Production profile: HTTPS-only defaults, then base. Every value can still be
overridden from the environment; see docs/operations.md."""

import os

for key, value in {
    "DEBUG": "0",
    "SECURE_SSL_REDIRECT": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_TLS_PROXY": "1",
    # One TLS-terminating proxy in front: the client address is the last
    # X-Forwarded-For entry (login throttling and the audit trail use it).
    "PROXY_COUNT": "1",
    # Real delivery: the generic HTTP SMS gateway (set SMS_GATEWAY_URL and
    # SMS_GATEWAY_TOKEN) and SMTP (set EMAIL_HOST etc.); see docs/notifications.md.
    "SMS_BACKEND": "http",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}.items():
    os.environ.setdefault(key, value)

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from .base import *  # noqa: E402, F403
from .base import DEBUG, DEV_SECRET_KEY, SECRET_KEY  # noqa: E402

if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters in production."
    )
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
