"""Reads for staff pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from indgang.core.permissions import user_role_labels


@dataclass(frozen=True)
class StaffLink:
    title: str
    url: str
    description: str


@dataclass(frozen=True)
class StaffOverview:
    name: str
    username: str
    role_labels: list[str]
    department: str
    is_superuser: bool
    links: list[StaffLink] = field(default_factory=list)


def staff_links_for(*, user) -> list[StaffLink]:
    """What an employee can open from the staff start page today."""
    links = []
    if user.is_active and user.is_staff:
        links.append(
            StaffLink(
                title=_("Administration"),
                url=reverse("admin:index"),
                description=_("Ydelser, steder, åbningstider, skranker, medarbejdere og roller."),
            )
        )
    links.append(
        StaffLink(
            title=_("API-dokumentation"),
            url=reverse("api-docs"),
            description=_("Kommunens API til integrationer (OpenAPI 3)."),
        )
    )
    links.append(
        StaffLink(
            title=_("Borgerens forside"),
            url=reverse("catalogue:start"),
            description=_("Den indgang, borgerne ser: emner, ydelser og den hurtigste kanal."),
        )
    )
    return links


def staff_overview_get(*, user) -> StaffOverview:
    """Who is logged in, their roles in Danish, department and links."""
    department = user.department.name if user.department_id else ""
    return StaffOverview(
        name=user.get_full_name() or user.get_username(),
        username=user.get_username(),
        role_labels=user_role_labels(user),
        department=department,
        is_superuser=user.is_superuser,
        links=staff_links_for(user=user),
    )
