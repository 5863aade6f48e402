"""The citizen-service report counts the inbox's mails (by the local day they
came) beside the kept counts (MailCount): secure and plain, by subject area
and the department they were forwarded to."""

from datetime import date

import pytest

from indgang.contacts.models import MailCount, MailKind
from indgang.reports.selectors import citizen_service_report
from tests.catalogue.factories import DepartmentFactory, SubjectAreaFactory
from tests.conftest import local
from tests.digitalmail.factories import MailFactory

pytestmark = pytest.mark.django_db


def test_inbox_mails_are_counted_beside_the_kept_counts():
    pas = SubjectAreaFactory(slug="pas")
    department = DepartmentFactory(slug="borgerservice")
    MailCount.objects.create(
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        kind=MailKind.SECURE,
        subject_area=pas,
        count=10,
    )
    MailFactory(kind=MailKind.SECURE, received_at=local(2026, 1, 1, 0, 5), subject_area=pas)
    MailFactory(
        kind=MailKind.PLAIN,
        received_at=local(2026, 3, 31, 23, 55),
        subject_area=pas,
        forwarded_to=department,
    )
    MailFactory(kind=MailKind.PLAIN, received_at=local(2026, 6, 2, 12))
    # Just outside the year in local time.
    MailFactory(kind=MailKind.SECURE, received_at=local(2025, 12, 31, 23, 59))
    MailFactory(kind=MailKind.SECURE, received_at=local(2027, 1, 1, 0, 0))

    year = citizen_service_report(year=2026)["digital_mail"]
    assert year == {
        "secure": 11,
        "plain": 2,
        "by_subject_area": {"pas": 12},
        "forwarded_to": {"borgerservice": 1},
    }
    first_quarter = citizen_service_report(year=2026, quarter=1)["digital_mail"]
    assert (first_quarter["secure"], first_quarter["plain"]) == (11, 1)
    assert citizen_service_report(year=2026, quarter=2)["digital_mail"]["plain"] == 1


def test_a_kept_count_equal_to_an_inbox_row_is_not_lost():
    MailCount.objects.create(
        period_start=date(2026, 5, 1), period_end=date(2026, 5, 31), kind=MailKind.PLAIN, count=1
    )
    MailFactory(kind=MailKind.PLAIN, received_at=local(2026, 5, 4, 9))
    assert citizen_service_report(year=2026)["digital_mail"]["plain"] == 2
