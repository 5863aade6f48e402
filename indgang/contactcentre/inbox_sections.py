"""Sections other apps add to the back-office inbox.

The inbox lives here, but apps above this one (guidance: a caseworker's
meetings and plan actions) have work to show in it. They register a function
in their AppConfig.ready(); the inbox calls each with the user and renders the
sections it returns, in registration order. Imports keep pointing down.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class InboxSection:
    template_name: str  # rendered with the inbox's context plus `context`
    context: dict = field(default_factory=dict)


SectionProvider = Callable[..., "InboxSection | None"]
_providers: list[SectionProvider] = []


def register(provider: SectionProvider) -> None:
    """`provider(user=…)` returns an InboxSection, or None to show nothing."""
    if provider not in _providers:
        _providers.append(provider)


def sections_for(*, user) -> list[InboxSection]:
    return [s for p in _providers if (s := p(user=user)) is not None]
