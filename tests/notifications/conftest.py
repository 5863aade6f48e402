"""Messages go to the file backend under tmp_path; e-mail to Django's locmem outbox."""

import pytest

from indgang.notifications.gateways import read_sent_sms


@pytest.fixture(autouse=True)
def sms_file(settings, tmp_path):
    """Every notifications test sends SMS to a file of its own; returns its path."""
    path = tmp_path / "sms.jsonl"
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = str(path)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MESSAGE_MAX_ATTEMPTS = 8
    settings.MESSAGE_RETRY_BASE_SECONDS = 30
    settings.MESSAGE_RETRY_MAX_SECONDS = 3600
    return path


@pytest.fixture
def sent_sms(sms_file):
    """sent_sms() → what the file backend has "sent" so far."""
    return lambda: read_sent_sms(sms_file)
