"""Indgang settings. This is the only settings module that reads the environment.

`test.py` and `production.py` set environment defaults and import this module.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Development fallback; production.py refuses to start with it.
DEV_SECRET_KEY = "django-insecure-indgang-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)  # make run sets DEBUG=1
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The municipality's name as shown on every page.
MUNICIPALITY_NAME = env("MUNICIPALITY_NAME", default="Demo Kommune")
# The public address of the site, for links in SMS and e-mail (no trailing slash).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")
# Days after an appointment ends before the citizen's name, phone and e-mail are deleted.
BOOKING_RETENTION_DAYS = env.int("BOOKING_RETENTION_DAYS", default=30)
# Who registered a contact (staff identity) is cleared after this many days.
CONTACT_STAFF_RETENTION_DAYS = env.int("CONTACT_STAFF_RETENTION_DAYS", default=400)
# A callback task's citizen name and phone are cleared this many days after it is closed.
CALLBACK_RETENTION_DAYS = env.int("CALLBACK_RETENTION_DAYS", default=30)
# A chat's question and messages are deleted this many days after it ends.
CHAT_TRANSCRIPT_RETENTION_DAYS = env.int("CHAT_TRANSCRIPT_RETENTION_DAYS", default=30)
# Chats an agent takes at once unless set per agent.
CHAT_DEFAULT_CAPACITY = env.int("CHAT_DEFAULT_CAPACITY", default=3)
# The department that gets the callback requests citizens leave in the chat after hours.
CHAT_CALLBACK_DEPARTMENT = env("CHAT_CALLBACK_DEPARTMENT", default="borgerservice")
# Websites allowed to embed the chat widget (its iframe), e.g. https://www.kommune.dk;
# empty: any site. Every other page refuses to be framed.
CHAT_WIDGET_ORIGINS = env.list("CHAT_WIDGET_ORIGINS", default=[])
# A digital mail's sender, subject and text are cleared this many days after it is handled.
MAIL_RETENTION_DAYS = env.int("MAIL_RETENTION_DAYS", default=90)
# Digital mail fetched from the municipality's mailbox by `fetch_mail` (IMAP over
# TLS; MAIL_IMAP_SSL=0 means STARTTLS, never a clear-text login). A mail carrying
# the header MAIL_IMAP_SECURE_HEADER came through Digital Post (empty: all plain).
MAIL_IMAP_HOST = env("MAIL_IMAP_HOST", default="")
MAIL_IMAP_PORT = env.int("MAIL_IMAP_PORT", default=993)
MAIL_IMAP_SSL = env.bool("MAIL_IMAP_SSL", default=True)
MAIL_IMAP_USER = env("MAIL_IMAP_USER", default="")
MAIL_IMAP_PASSWORD = env("MAIL_IMAP_PASSWORD", default="")
MAIL_IMAP_FOLDER = env("MAIL_IMAP_FOLDER", default="INBOX")
MAIL_IMAP_SECURE_HEADER = env("MAIL_IMAP_SECURE_HEADER", default="X-Digital-Post")
# What-if simulation runs (scenario, result and who ran it) are deleted after this many days.
PLANNING_SIMULATION_RETENTION_DAYS = env.int("PLANNING_SIMULATION_RETENTION_DAYS", default=90)
# Guidance plans: the citizen's name, phone, e-mail and CPR number are deleted
# this many days after the plan closes (anonymise_old_plans).
GUIDANCE_PLAN_RETENTION_DAYS = env.int("GUIDANCE_PLAN_RETENTION_DAYS", default=365)
# Largest CSV file (MB) a manager may upload on the import page; larger files go
# through `manage.py import_records`.
CONTACTS_IMPORT_MAX_MB = env.int("CONTACTS_IMPORT_MAX_MB", default=50)
# Appointment API: anonymous POSTs per client address (DRF rate, e.g. "20/hour").
BOOKING_API_RATE = env("BOOKING_API_RATE", default="30/hour")
# Kiosk check-in API: anonymous check-ins per client address (DRF rate). A kiosk
# at the entrance is one address: high enough for a busy morning, low enough to
# stop guessing of booking codes.
FRONTDESK_KIOSK_RATE = env("FRONTDESK_KIOSK_RATE", default="120/hour")

INSTALLED_APPS = [
    "daphne",  # ASGI runserver; must precede django.contrib.staticfiles
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "indgang.core",
    "indgang.accounts",
    "indgang.audit",
    "indgang.catalogue",
    "indgang.notifications",
    "indgang.booking",
    "indgang.frontdesk",
    "indgang.contacts",
    "indgang.knowledge",
    "indgang.contactcentre",
    "indgang.chat",
    "indgang.digitalmail",
    "indgang.reports",
    "indgang.planning",
    "indgang.guides",
    "indgang.guidance",
    "indgang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = None
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "indgang.core.context_processors.municipality",
            ],
        },
    },
]

# Default: an SQLite file under var/ (no server needed). Production: postgres://…
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'indgang.sqlite3'}")
}
# Under ASGI persistent connections leak per request: keep 0 (CONVENTIONS.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# Behind PgBouncer in transaction mode server-side cursors fail; set 1 there.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the workers share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis for cache and channel layer; empty means in-memory layers (one process).
REDIS_URL = env("REDIS_URL", default="")
# channels-redis errors past redis-py's pool: cap connections per process.
CHANNEL_LAYER_CAPACITY = env.int("CHANNEL_LAYER_CAPACITY", default=100)
CHANNEL_LAYER_MAX_CONNECTIONS = env.int("CHANNEL_LAYER_MAX_CONNECTIONS", default=50)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="indgang"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "max_connections": CHANNEL_LAYER_MAX_CONNECTIONS}],
                "capacity": CHANNEL_LAYER_CAPACITY,
                "prefix": env("CHANNEL_LAYER_PREFIX", default="indgang"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Background tasks (Django's task API via django-tasks); the database backend
# needs a worker: `python manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, as django-axes requires
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling. django-axes' default locks by client address alone and for
# good, which would lock a whole town hall behind one NAT address. We lock the
# combination of username and address, and only for a cool-off period.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Renders that template with the time the lock lifts (HTTP 429, Retry-After).
AXES_LOCKOUT_CALLABLE = "indgang.accounts.views.locked_out"
AXES_VERBOSE = False
# Behind reverse proxies, how many stand in front of the app (0: none; production
# defaults to 1). The client address is then read from X-Forwarded-For, counted
# from the right so a client cannot forge it. django-ipware is not installed, so
# axes' AXES_IPWARE_* settings would be ignored: our own callable does this.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "indgang.core.http.client_ip_get"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "indgang.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="600/minute"),
        # A citizen starting chats (per client address): POST /api/v1/chat/conversations/.
        "chat": env("CHAT_START_RATE", default="20/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Indgang API",
    "DESCRIPTION": (
        "One entry to the municipality: service catalogue, locations and opening hours, "
        "appointment availability and booking; front desk, contacts and reports follow."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the installed sidecar package: nothing is fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets whose field names (kind, status) several apps use: fixed names,
    # so a new app's enum never renames an existing one.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "indgang.catalogue.models.LocationKind",
        "StatusEnum": ["cancelled"],  # the booking API's cancel answer
        "TicketKindEnum": "indgang.frontdesk.models.TicketKind",
        "TicketStatusEnum": "indgang.frontdesk.models.TicketStatus",
        "ChannelEnum": "indgang.catalogue.models.Channel",
        "StaffingModelEnum": ["erlang_c", "erlang_a"],  # the planning API's staffing model
        "ConversationStatusEnum": "indgang.chat.models.ConversationStatus",
        "ChatOutcomeEnum": "indgang.chat.api.serializers.CHAT_OUTCOME_CHOICES",
        "OutcomeEnum": "indgang.catalogue.models.Outcome",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        # WeasyPrint logs every layout step of a PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Daphne's runserver prints each request itself; don't log it twice.
        "django.channels.server": {"level": "INFO", "propagate": False},
    },
}

# Security headers that apply everywhere; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)  # one working day
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Load balancers probe /healthz over plain HTTP; everything else is redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The language switch's cookie follows the session cookie's HTTPS rule.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Notifications ---
# SMS and e-mail to citizens (indgang.notifications; docs/notifications.md).
# SMS backend: "console" prints to stdout (development), "file" appends JSON lines
# to SMS_FILE_PATH, "http" posts to the generic gateway below; or a dotted class path.
SMS_BACKEND = env("SMS_BACKEND", default="console")
# Where the file backend writes what it "sent" (one JSON object a line).
SMS_FILE_PATH = env("SMS_FILE_PATH", default=str(BASE_DIR / "var" / "sms.jsonl"))
# The http backend: POST {to, body, idempotency_key} here, with Bearer token.
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN", default="")
# Sender shown on the phone (alphanumeric sender ids are at most 11 characters).
SMS_SENDER_NAME = env("SMS_SENDER_NAME", default="Kommunen")
# Seconds to wait for the gateway; keep well below MESSAGE_LEASE_SECONDS.
SMS_GATEWAY_TIMEOUT = env.float("SMS_GATEWAY_TIMEOUT", default=10.0)
# E-mail through Django's framework. Default: print to the console (nothing leaves
# the machine); production sets django.core.mail.backends.smtp.EmailBackend.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)  # seconds; below the lease too
# Used by django.core.mail.backends.filebased.EmailBackend.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="borgerservice@localhost")
# Provider attempts per message before it shows as failed on the staff page.
MESSAGE_MAX_ATTEMPTS = env.int("MESSAGE_MAX_ATTEMPTS", default=8)
# How long a worker holds a claimed message; a dead worker's rows return after it.
MESSAGE_LEASE_SECONDS = env.int("MESSAGE_LEASE_SECONDS", default=60)
# Backoff after the n-th failure: random between half and all of base·2^(n-1) s, capped.
MESSAGE_RETRY_BASE_SECONDS = env.int("MESSAGE_RETRY_BASE_SECONDS", default=30)
MESSAGE_RETRY_MAX_SECONDS = env.int("MESSAGE_RETRY_MAX_SECONDS", default=3600)
# delete_old_messages removes sent, cancelled and failed messages older than this.
MESSAGE_RETENTION_DAYS = env.int("MESSAGE_RETENTION_DAYS", default=90)
