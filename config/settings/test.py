"""Settings for pytest: environment defaults, then base."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("API_ANON_RATE", "100000/minute")
os.environ.setdefault("CHAT_START_RATE", "100000/minute")
os.environ.setdefault("BOOKING_API_RATE", "100000/minute")
os.environ.setdefault("FRONTDESK_KIOSK_RATE", "100000/minute")
# Parallel workers and repeated runs share one Redis: keep their keys apart.
_run = f"{os.getpid()}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
os.environ.setdefault("CACHE_KEY_PREFIX", f"indgang-test-{_run}")
os.environ.setdefault("CHANNEL_LAYER_PREFIX", f"indgang-test-{_run}")

from .base import *  # noqa: E402, F403
from .base import BASE_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
# Tests never touch the collected static files; serve from finders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "var" / "test-static"
WHITENOISE_AUTOREFRESH = True  # no scan of STATIC_ROOT at start-up; finders serve
WHITENOISE_USE_FINDERS = True
