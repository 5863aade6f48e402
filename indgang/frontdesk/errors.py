"""Front desk's domain errors, each with a Danish message (core.api maps them
to `{"detail": "..."}`: DomainError 400, Conflict 409)."""

from django.utils.translation import gettext_lazy as _

from indgang.core.errors import Conflict, DomainError


class UnknownCode(DomainError):
    message = _(
        "Vi kan ikke finde en booking med den kode. Tjek koden, eller spørg i informationen."
    )


class UnknownPhone(UnknownCode):
    message = _("Vi kan ikke finde en tid i dag til det telefonnummer. Spørg i informationen.")


class WrongLocation(DomainError):
    message = _("Din tid er bestilt på et andet borgerservicested.")


class NotToday(DomainError):
    message = _("Din tid er ikke i dag. Se datoen i din bekræftelse.")


class TooEarly(DomainError):
    message = _("Du er for tidligt på den. Du kan tjekke ind fra %(time)s.")

    def __init__(self, *, opens_at=None):
        if opens_at is None:
            super().__init__()
        else:
            super().__init__(self.message % {"time": f"{opens_at:%H:%M}"})


class TooLate(DomainError):
    message = _("Tiden til at tjekke ind er overskredet. Spørg i informationen.")


class DeskCannotServe(DomainError):
    message = _("Skranken kan ikke klare alle borgerens ydelser.")
    field = "desk"


class QueueEmpty(Conflict):
    message = _("Der er ingen i køen, som denne skranke kan betjene.")


class TicketNotActive(Conflict):
    message = _("Kønummeret er allerede afsluttet eller ikke kaldt.")
