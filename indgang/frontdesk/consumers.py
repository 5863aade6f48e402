"""Live screens of a location: the waiting-room display and the staff queue
screens. Nothing sent during a disconnect is replayed, so every connect (and
every change) sends the current state read from the database."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from indgang.catalogue.models import Location

from . import selectors


def group_name(location_id: int) -> str:
    return f"frontdesk.location.{location_id}"


@database_sync_to_async
def _location_id(slug: str) -> int | None:
    return Location.objects.filter(slug=slug).values_list("pk", flat=True).first()


def display_state(location: Location) -> dict:
    """What the display shows: the last called tickets, newest first. The same
    shape goes over the WebSocket and the polling endpoint."""
    called = []
    for ticket in selectors.called_tickets(location=location, limit=8):
        desk = ticket.desk
        called.append(
            {
                "id": ticket.pk,
                "number": ticket.number,
                "desk": desk.number if desk else None,
                "called_at": ticket.called_at.isoformat() if ticket.called_at else None,
                "call_count": ticket.call_count,
            }
        )
    return {"type": "state", "location": location.slug, "called": called}


@database_sync_to_async
def _state(location_id: int) -> dict:
    return display_state(Location.objects.get(pk=location_id))


class LocationQueueConsumer(AsyncJsonWebsocketConsumer):
    """Anonymous and read-only: it shows what the display shows anyway."""

    location_id: int | None = None
    group: str | None = None

    async def connect(self):
        slug = self.scope["url_route"]["kwargs"]["slug"]
        self.location_id = await _location_id(slug)
        if self.location_id is None:
            await self.close(code=4404)
            return
        self.group = group_name(self.location_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json(await _state(self.location_id))

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The screens may ask for the state again (e.g. after waking up).
        if content.get("type") == "state.get" and self.location_id is not None:
            await self.send_json(await _state(self.location_id))

    async def queue_changed(self, event):
        """`{"type": "queue.changed"}` from signals.queue_changed()."""
        await self.send_json(await _state(self.location_id))
