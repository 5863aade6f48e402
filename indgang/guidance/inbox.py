"""The caseworker's inbox section: their meetings and plan actions."""

from __future__ import annotations

from indgang.contactcentre.inbox_sections import InboxSection


def inbox_section(*, user) -> InboxSection | None:
    """ "Mine møder" and "Handlinger i vejledningsplaner" for a user with a
    meeting calendar or with actions assigned to them or their department."""
    from .models import ActionStatus
    from .selectors import inbox_data

    data = inbox_data(user=user)
    if data is None:
        return None
    return InboxSection(
        "guidance/inbox_section.html",
        {
            "meetings": data.meetings,
            "actions": data.actions,
            "overdue": sum(1 for row in data.actions if row.is_overdue),
            "status_choices": ActionStatus.choices,
        },
    )
