"""ASGI entry point: HTTP through Django, WebSockets through Channels.

The front desk's live screens and the chat add their WebSocket routes to
`websocket_urlpatterns`.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
django_asgi_app = get_asgi_application()

import gc  # noqa: E402

# Everything loaded at start-up lives for the whole process: move it out of the
# garbage collector's sight, so full collections stay short (measured in
# docs/performance.md: p99 of the availability call 130 ms → 36 ms).
gc.collect()
gc.freeze()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from indgang.chat.routing import websocket_urlpatterns as chat_ws  # noqa: E402
from indgang.frontdesk.routing import websocket_urlpatterns as frontdesk_ws  # noqa: E402

websocket_urlpatterns: list = [*frontdesk_ws, *chat_ws]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
