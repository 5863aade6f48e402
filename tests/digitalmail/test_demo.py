"""The demo mail: rules and a dozen Danish mails, secure and plain, triaged
by rules and by the knowledge base, some overdue; a second run adds nothing."""

import pytest

from indgang.contacts.models import MailKind
from indgang.core import clock
from indgang.demo.knowledge import demo_knowledge_seed
from indgang.demo.mail import MAILS, RULES, demo_mail_seed
from indgang.demo.services import demo_seed
from indgang.digitalmail.models import Mail, MailRule, MailStatus
from tests.conftest import local

NOW = local(2026, 11, 27, 11, 0)  # a Friday


@pytest.fixture
def seeded(db):
    with clock.frozen(at=NOW):
        demo_seed(password="korrekt-hest-batteri-haefteklamme")
        demo_knowledge_seed()
        return demo_mail_seed()


def test_the_demo_has_rules_and_a_dozen_new_mails_of_both_kinds(seeded):
    assert (seeded.rules, seeded.mails) == (len(RULES), len(MAILS))
    assert MailRule.objects.count() == len(RULES) and Mail.objects.count() == len(MAILS) >= 12
    assert set(Mail.objects.values_list("kind", flat=True)) == {MailKind.SECURE, MailKind.PLAIN}
    assert not Mail.objects.exclude(status=MailStatus.NEW).exists()


def test_the_demo_mails_are_triaged_by_rules_and_the_knowledge_base(seeded):
    def area(subject: str) -> str | None:
        mail = Mail.objects.select_related("subject_area").get(subject=subject)
        return mail.subject_area.slug if mail.subject_area else None

    assert area("Pas til min datter på 9 år") == "pas"
    assert area("Plads i vuggestue fra 1. august") == "boern-og-familie"
    assert area("Rykker – men jeg har betalt") == "opkraevning"
    assert area("Mistet det gule kort") == "sygesikring"  # knowledge search, synonyms
    reasons = set(Mail.objects.values_list("suggestion", flat=True))
    assert any(r.startswith("Sorteringsregel") for r in reasons)
    assert any(r.startswith("Vidensbasen") for r in reasons)


def test_some_demo_mail_is_overdue(seeded):
    with clock.frozen(at=NOW):
        assert Mail.objects.filter(deadline__lt=clock.now()).exists()
        assert Mail.objects.filter(deadline__gt=clock.now()).exists()


def test_a_second_run_adds_nothing(seeded):
    with clock.frozen(at=NOW):
        again = demo_mail_seed()
    assert (again.rules, again.mails, again.existing) == (0, 0, len(MAILS))
    assert not again.changed
