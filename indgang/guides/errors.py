"""Domain errors of the guides (core.errors: DomainError → 400), each with a
Danish message."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from indgang.core.errors import DomainError


class AnswersInvalid(DomainError):
    """A required visible question is unanswered or an answer is not a value
    the question takes. `errors` maps each question key to a Danish message;
    `message` names the keys."""

    message = _("Tjek svarene.")

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        keys = ", ".join(f"»{key}«" for key in self.errors)
        if len(self.errors) == 1:
            text = gettext("Tjek svaret på spørgsmålet %(keys)s.") % {"keys": keys}
        else:
            text = gettext("Tjek svarene på spørgsmålene %(keys)s.") % {"keys": keys}
        super().__init__(text)
