"""Domain errors of the message ledger."""

from django.utils.translation import gettext_lazy as _

from indgang.core.errors import Conflict


class MessageNotRetryable(Conflict):
    message = _("Beskeden kan ikke sendes igen: den er sendt, annulleret eller ved at blive sendt.")
