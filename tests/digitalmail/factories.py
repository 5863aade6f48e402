"""Factories for digital mail: rules and mails (plain by default)."""

from datetime import timedelta

import factory

from indgang.contacts.models import MailKind
from indgang.core import clock
from indgang.digitalmail.models import Mail, MailRule, MailSource
from tests.catalogue.factories import SubjectAreaFactory


class MailRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailRule

    words = "pas"
    subject_area = factory.SubFactory(SubjectAreaFactory)
    position = 100


class MailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mail

    message_id = factory.Sequence(lambda n: f"<mail-{n}@example.org>")
    kind = MailKind.PLAIN
    source = MailSource.MAILBOX
    sender_name = "Karen Jensen"
    sender_address = "karen.jensen@example.org"
    subject = "Spørgsmål om mit pas"
    body = "Hvornår skal jeg forny mit pas?"
    received_at = factory.LazyFunction(clock.now)
    deadline = factory.LazyAttribute(lambda o: o.received_at + timedelta(days=2))
