"""Reads for staff pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from indgang.catalogue.models import Location
from indgang.core.permissions import Role, has_role, user_role_labels


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


def _work_links(user) -> list[StaffLink]:
    """The screens of the user's daily work, by permission and role."""
    links = []
    if user.has_perm("frontdesk.view_ticket"):
        locations = Location.objects.filter(is_active=True, desks__isnull=False).distinct()
        for location in locations.order_by("name"):
            links.append(
                StaffLink(
                    title=_("Skranke og kø: %(location)s") % {"location": location.name},
                    url=reverse("frontdesk:staff", args=[location.slug]),
                    description=_("Dagens tider, køen, kald næste og registrér ekspeditioner."),
                )
            )
    if has_role(user, Role.CONTACT_CENTRE, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Kontaktcenter: agentskrivebord"),
                url=reverse("contactcentre:desktop"),
                description=_(
                    "Søg i vidensbasen under opkaldet, registrér udfaldet, viderestil til "
                    "kolleger, der er ledige, eller opret et tilbagekald."
                ),
            )
        )
    if has_role(user, Role.CONTACT_CENTRE, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Chat"),
                url=reverse("chat_staff:console"),
                description=_(
                    "Tag næste borger i chatkøen, svar med vidensbasen ved hånden og afslut "
                    "med et udfald."
                ),
            )
        )
        links.append(
            StaffLink(
                title=_("Digital post"),
                url=reverse("digitalmail:inbox"),
                description=_(
                    "Sikker post og e-mail med foreslået fagområde og svarfrist: besvar, "
                    "videresend eller opret et tilbagekald."
                ),
            )
        )
    if has_role(user, Role.BACK_OFFICE, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Min indbakke"),
                url=reverse("contactcentre:inbox"),
                description=_(
                    "Din status og telefontid, afdelingens tilbagekald og artikler, "
                    "der skal gennemses."
                ),
            )
        )
    if has_role(user, Role.BACK_OFFICE, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Min mødekalender"),
                url=reverse("booking:my_calendar"),
                description=_(
                    "Dine faste mødetider og fravær, som borgerservice booker møder i, "
                    "og dine kommende møder med borgere."
                ),
            )
        )
    if user.has_perm("guidance.add_guidanceplan"):
        links.append(
            StaffLink(
                title=_("Vejledningsplaner (360 grader)"),
                url=reverse("guidance:list"),
                description=_(
                    "Planer for borgere i komplekse situationer: handlinger på tværs af "
                    "afdelinger og møder booket i sagsbehandlernes kalendere."
                ),
            )
        )
    if has_role(user, Role.CONTACT_CENTRE, Role.BACK_OFFICE, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Telefonbog"),
                url=reverse("contactcentre:directory"),
                description=_("Afdelinger og medarbejdere med status og dagens telefontid."),
            )
        )
    if user.has_perm("knowledge.view_article"):
        links.append(
            StaffLink(
                title=_("Vidensbase"),
                url=reverse("knowledge_staff:list"),
                description=_("Interne og offentlige artikler om kommunens ydelser."),
            )
        )
    if user.has_perm("contacts.add_contact"):
        links.append(
            StaffLink(
                title=_("Registrér henvendelser"),
                url=reverse("contacts:quick"),
                description=_("Ét klik pr. henvendelse i alle kanaler: fagområde og udfald."),
            )
        )
    if has_role(user, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Borgerservicerapport"),
                url=reverse("reports:citizen_service"),
                description=_(
                    "Henvendelser pr. kanal og kvartal, omstilling, kontaktcenter og "
                    "digitaliseringsgrad mod kommunens mål. Som side, PDF og regneark."
                ),
            )
        )
    if has_role(user, Role.MANAGER):
        links.append(
            StaffLink(
                title=_("Planlægning"),
                url=reverse("planning:index"),
                description=_(
                    "Prognose, bemandingsplan for telefon, chat og skranke, kanalomkostninger "
                    "og hvad-nu-hvis-simulering."
                ),
            )
        )
    if has_role(user, Role.MANAGER, Role.ADMINISTRATOR):
        links.append(
            StaffLink(
                title=_("Tal fra skranken"),
                url=reverse("survey:measures"),
                description=_("Betjent til tiden, udeblevne og ventetid for borgere uden tid."),
            )
        )
        links.append(
            StaffLink(
                title=_("Brugerundersøgelse"),
                url=reverse("survey:results"),
                description=_("Borgernes svar efter besøget."),
            )
        )
    if user.has_perm("contacts.import_records"):
        links.append(
            StaffLink(
                title=_("Indlæs opkald, henvendelser og selvbetjeningstal"),
                url=reverse("contacts:import"),
                description=_("CSV-filer fra telefonien og selvbetjeningsløsningerne."),
            )
        )
    if has_role(user, Role.MANAGER, Role.ADMINISTRATOR, Role.BACK_OFFICE):
        links.append(
            StaffLink(
                title=_("Brudte trin i livssituationer"),
                url=reverse("guides_staff:broken"),
                description=_(
                    "Trin i livssituationerne, hvor ydelsen er arkiveret, er slettet eller har "
                    "mistet sit link til selvbetjening."
                ),
            )
        )
    return links


def staff_links_for(*, user) -> list[StaffLink]:
    """What an employee can open from the staff start page today."""
    links = _work_links(user)
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
