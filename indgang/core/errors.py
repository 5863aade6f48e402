"""Domain errors. Each carries a Danish message for the user.

`DomainError` maps to HTTP 400 and `Conflict` to 409 in the API (core.api) and
to a form error in views.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    message = _("Forespørgslen kunne ikke gennemføres.")
    status_code = 400

    def __init__(self, message: str | None = None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class Conflict(DomainError):
    message = _("Forespørgslen er i konflikt med data, der allerede findes.")
    status_code = 409


class PermissionDenied(DomainError):
    message = _("Du har ikke adgang til dette.")
    status_code = 403
