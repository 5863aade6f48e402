"""Domain errors of the chat (core.errors: DomainError → 400, Conflict → 409,
PermissionDenied → 403), each with a Danish message."""

from django.utils.translation import gettext_lazy as _

from indgang.core.errors import Conflict, DomainError, PermissionDenied


class EmptyQuestion(DomainError):
    field = "question"
    message = _("Skriv dit spørgsmål.")


class EmptyMessage(DomainError):
    field = "text"
    message = _("Skriv en besked.")


class MissingClientId(DomainError):
    field = "client_id"
    message = _("Beskeden mangler et klient-id.")


class UnknownOutcome(DomainError):
    field = "outcome"
    message = _("Vælg et gyldigt udfald.")


class ConversationClosed(Conflict):
    message = _("Samtalen er afsluttet.")


class AtCapacity(Conflict):
    message = _(
        "Du har allerede så mange chats, som du kan tage. Afslut en, før du tager den næste."
    )


class NotHolder(PermissionDenied):
    message = _("Samtalen er ikke din.")


class TransferRefused(Conflict):
    message = _("Samtalen kan ikke gives videre til den kollega lige nu.")
