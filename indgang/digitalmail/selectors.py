"""Reads of the digital mail inbox."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from indgang.catalogue.models import Department
from indgang.core import clock

from .models import Mail, MailStatus

# The inbox's status filter: open mails by default.
STATUS_OPEN = "open"
STATUS_ALL = "all"
STATUS_FILTERS = [
    (STATUS_OPEN, _("Ubehandlede")),
    (MailStatus.ANSWERED.value, _("Besvarede")),
    (MailStatus.FORWARDED.value, _("Videresendte")),
    (MailStatus.CALLBACK.value, _("Lavet til tilbagekald")),
    (STATUS_ALL, _("Alle")),
]
NO_DEPARTMENT = "none"


def mail_get(*, pk: int) -> Mail | None:
    return (
        Mail.objects.select_related(
            "subject_area", "department", "service", "forwarded_to", "handled_by", "callback"
        )
        .filter(pk=pk)
        .first()
    )


def mail_inbox(*, status: str = STATUS_OPEN, department: str = "") -> QuerySet:
    """Mails by deadline (earliest first). `status`: "open" (new), a MailStatus
    value or "all"; `department`: a department slug, "none" (not triaged to
    a department) or "" (every department)."""
    qs = Mail.objects.select_related("subject_area", "department", "forwarded_to")
    if status == STATUS_OPEN:
        qs = qs.filter(status=MailStatus.NEW)
    elif status in MailStatus.values:
        qs = qs.filter(status=status)
    if department == NO_DEPARTMENT:
        qs = qs.filter(department__isnull=True)
    elif department:
        qs = qs.filter(department__slug=department)
    return qs.order_by("deadline", "received_at", "pk")


def mail_is_overdue(mail: Mail, *, at: datetime | None = None) -> bool:
    """An open mail whose deadline has passed."""
    return mail.status == MailStatus.NEW and mail.deadline < (at or clock.now())


def mails_mark_overdue(mails, *, at: datetime | None = None) -> list[Mail]:
    """The mails as a list, each with `.overdue`."""
    at = at or clock.now()
    rows = list(mails)
    for mail in rows:
        mail.overdue = mail_is_overdue(mail, at=at)
    return rows


def open_count() -> int:
    return Mail.objects.filter(status=MailStatus.NEW).count()


def departments() -> QuerySet:
    return Department.objects.order_by("name")
