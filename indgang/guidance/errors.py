"""Guidance plans' domain errors, each with a Danish message."""

from django.utils.translation import gettext_lazy as _

from indgang.core.errors import Conflict, DomainError


class PlanClosed(Conflict):
    message = _("Planen er lukket. Genåbn den for at ændre den.")


class PlanNotClosed(Conflict):
    message = _("Planen er allerede åben.")


class NoRecipient(DomainError):
    message = _("Borgeren har hverken mobilnummer eller e-mail i planen.")


class NoUpcomingMeetings(DomainError):
    message = _("Planen har ingen kommende møder at sende.")


class MeetingNotInPlan(DomainError):
    message = _("Mødet hører ikke til planen.")
