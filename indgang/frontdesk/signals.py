"""What front desk tells the rest of the system after a commit.

`queue_changed` pokes the live screens of a location through the channel layer
(the display's consumer listens on the group `frontdesk.location.<id>`; each
screen then reloads its state from the database). `ticket_served` is a Django
signal sent after a desk expedition is committed, with `expedition_id`; the
survey hooks into it, so front desk never imports it.
"""

from __future__ import annotations

import logging

import django.dispatch
from asgiref.sync import async_to_sync

logger = logging.getLogger(__name__)

ticket_served = django.dispatch.Signal()  # kwargs: expedition_id


def location_group(location_id: int) -> str:
    """The channel-layer group of a location's live screens."""
    return f"frontdesk.location.{location_id}"


def queue_changed(*, location_id: int) -> None:
    """Tell a location's live screens that its queue changed. Never raises: a
    screen that misses the message reloads on reconnect or on its next poll."""
    from channels.layers import get_channel_layer

    try:
        channel_layer = get_channel_layer()
        if channel_layer is None:
            return
        async_to_sync(channel_layer.group_send)(
            location_group(location_id), {"type": "queue.changed"}
        )
    except Exception:  # the channel layer is a convenience, never a failure
        logger.warning("queue_changed: channel layer unavailable", exc_info=True)
