"""Booking's domain errors, each with a Danish message."""

from django.utils.translation import gettext_lazy as _

from indgang.core.errors import Conflict, DomainError


class SlotTaken(Conflict):
    message = _("Tiden er ikke længere ledig. Vælg en anden tid.")


class NotASlot(DomainError):
    """The start can never be a slot: outside opening hours, off the slot step,
    too soon, in the past or beyond the booking horizon."""

    message = _("Tidspunktet kan ikke bookes. Vælg en af de ledige tider.")
    field = "start"


class NoDeskForServices(DomainError):
    message = _("Ingen skranke på stedet kan klare alle de valgte ydelser i ét besøg.")
    field = "services"


class NotBookable(DomainError):
    message = _("Der kan ikke bestilles tid på dette sted.")
    field = "location"


class PhoneLimitReached(DomainError):
    message = _("Der er allerede bestilt det største antal tider for dette telefonnummer den dag.")
    field = "phone"


class BookingNotActive(DomainError):
    message = _("Tiden er allerede aflyst.")


class BookingInThePast(Conflict):
    message = _(
        "Tiden er allerede begyndt eller overstået og kan ikke længere flyttes eller aflyses."
    )


class StaffCalendarNotBookable(NotASlot):
    """The caseworker's calendar is switched off (a NotASlot, so callers that
    catch NotASlot need nothing more)."""

    message = _("Der kan ikke bookes møder i denne kalender.")
    field = "calendar"


class StaffCalendarNoDepartment(DomainError):
    message = _(
        "Du er ikke tilknyttet en afdeling, så der kan ikke oprettes en mødekalender til dig. "
        "Bed en administrator om at sætte din afdeling på din brugerprofil."
    )
