"""Front desk's own reactions to its signals (connected in apps.py)."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from .signals import ticket_served
from .survey import survey_invite

logger = logging.getLogger("indgang.frontdesk")


@receiver(ticket_served, dispatch_uid="frontdesk.survey_invite")
def survey_invite_on_served(sender, *, expedition_id: int, **kwargs) -> None:
    """Invite the citizen to the survey. Runs after the expedition's commit, so
    a failure here must not reach the desk: it is logged, not raised."""
    try:
        survey_invite(expedition_id=expedition_id)
    except Exception:
        logger.exception("survey invitation failed for expedition %s", expedition_id)
