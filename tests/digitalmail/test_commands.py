"""`manage.py anonymise_old_mail`."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from indgang.core import clock
from tests.digitalmail.factories import MailFactory

pytestmark = pytest.mark.django_db


def test_anonymise_old_mail_clears_mail_handled_before_the_retention_period(settings):
    settings.MAIL_RETENTION_DAYS = 30
    old = MailFactory(handled_at=clock.now() - timedelta(days=31), status="answered")
    new = MailFactory(handled_at=clock.now() - timedelta(days=29), status="answered")
    out = StringIO()
    call_command("anonymise_old_mail", stdout=out)
    assert "Anonymiserede 1 mails" in out.getvalue() and "30 dage" in out.getvalue()
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.body == "" and old.anonymised_at is not None
    assert new.body
    call_command("anonymise_old_mail", "--days", "7", stdout=out)
    new.refresh_from_db()
    assert new.body == ""


def test_anonymise_old_mail_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("anonymise_old_mail", "--days", "-1")
