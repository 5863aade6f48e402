"""Receiving, deadlines, answering, forwarding, callbacks and retention of
digital mail: what staff and citizens see, what the ledger, the contact
registry and the audit trail get."""

from datetime import timedelta

import pytest

from indgang.audit.models import AuditEvent
from indgang.catalogue.models import Channel, Outcome, ServiceChannel
from indgang.contactcentre.models import CallbackTask
from indgang.contacts.models import Contact, ContactTally, MailKind
from indgang.core import clock
from indgang.core.errors import DomainError, PermissionDenied
from indgang.core.permissions import Role
from indgang.digitalmail import services
from indgang.digitalmail.models import Mail, MailSource, MailStatus
from indgang.notifications.models import Message
from tests.catalogue.factories import DepartmentFactory, ServiceFactory, SubjectAreaFactory
from tests.conftest import local
from tests.contactcentre.factories import caseworker
from tests.digitalmail.factories import MailFactory, MailRuleFactory

pytestmark = pytest.mark.django_db

MONDAY = local(2026, 11, 23, 10, 0)


@pytest.fixture
def agent(make_staff):
    return make_staff(Role.CONTACT_CENTRE, first_name="Kim", last_name="Kontakt")


@pytest.fixture
def property_tax():
    """A service answered within 10 working days by Digital Post and 5 by e-mail,
    and a rule that finds it."""
    department = DepartmentFactory(name="Opkrævningen", email="opkraevning@kommune.example")
    area = SubjectAreaFactory(name="Ejendomsskat")
    service = ServiceFactory(
        name="Ejendomsskat", subject_area=area, department=department, channels=[]
    )
    ServiceChannel.objects.create(service=service, channel=Channel.DIGITAL_POST,
                                  response_deadline_days=10)  # fmt: skip
    ServiceChannel.objects.create(service=service, channel=Channel.EMAIL, response_deadline_days=5)
    MailRuleFactory(words="ejendomsskat*, grundskyld", subject_area=area, service=service)
    return service


def receive(**kwargs):
    fields = {
        "message_id": "<1@example.org>",
        "kind": MailKind.PLAIN,
        "source": MailSource.API,
        "sender_name": "Poul Hansen",
        "sender_address": "poul@example.org",
        "subject": "Ejendomsskattebillet",
        "body": "Hvorfor er grundskylden steget?",
        "received_at": MONDAY,
    }
    return services.mail_receive(**{**fields, **kwargs})


# Receiving and deadlines ------------------------------------------------------------


def test_a_mail_is_stored_once_per_message_id(property_tax):
    mail, created = receive()
    again, created_again = receive(subject="Noget andet", body="Andet")
    assert created and not created_again
    assert again.pk == mail.pk and again.subject == "Ejendomsskattebillet"
    assert Mail.objects.count() == 1


def test_a_received_mail_is_triaged(property_tax):
    mail, _ = receive()
    assert mail.service == property_tax
    assert mail.subject_area == property_tax.subject_area
    assert mail.department == property_tax.department
    assert mail.suggestion == "Sorteringsregel: ordet »ejendomsskat*«"
    assert mail.status == MailStatus.NEW


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        (MailKind.SECURE, local(2026, 12, 7, 16, 0)),  # Digital Post: 10 working days
        (MailKind.PLAIN, local(2026, 11, 30, 16, 0)),  # e-mail: 5 working days
    ],
)
def test_the_deadline_is_the_services_for_the_channel(property_tax, kind, due):
    mail, _ = receive(kind=kind, sender_address="")
    assert mail.deadline == due


def test_without_a_service_the_deadline_is_two_working_days_at_16():
    mail, _ = receive(subject="Tak", body="Tak for hjælpen")
    assert mail.service is None
    assert mail.deadline == local(2026, 11, 25, 16, 0)


def test_the_deadline_skips_easter():
    mail, _ = receive(subject="Tak", body="Tak", received_at=local(2026, 4, 1, 11, 0))
    assert mail.deadline == local(2026, 4, 8, 16, 0)  # Skærtorsdag to 2. påskedag are closed


def test_a_zero_day_deadline_after_16_is_the_next_working_day(property_tax):
    ServiceChannel.objects.filter(channel=Channel.EMAIL).update(response_deadline_days=0)
    friday_evening = local(2026, 11, 27, 17, 30)
    mail, _ = receive(received_at=friday_evening)
    assert mail.deadline == local(2026, 11, 30, 16, 0)


@pytest.mark.parametrize(
    "change",
    [{"kind": "letter"}, {"source": "fax"}, {"message_id": "  "}, {"received_at": None}],
)
def test_a_bad_mail_is_refused(change):
    if change.get("received_at", 1) is None:
        change = {"received_at": MONDAY.replace(tzinfo=None)}
    with pytest.raises(DomainError):
        receive(**change)
    assert not Mail.objects.exists()


# Changing the triage -------------------------------------------------------------------


def test_staff_change_the_triage_and_a_new_service_moves_the_deadline(agent, property_tax):
    mail, _ = receive(subject="Tak", body="Tak")
    mail = services.mail_triage_set(
        mail=mail, by=agent, subject_area=None, department=None, service=property_tax
    )
    assert mail.department == property_tax.department
    assert mail.subject_area == property_tax.subject_area
    assert mail.deadline == local(2026, 11, 30, 16, 0)
    assert mail.suggestion == "Valgt af Kim Kontakt"
    assert AuditEvent.objects.filter(action="mail.triaged", target_id=str(mail.pk)).exists()


# Answering -------------------------------------------------------------------------------


def contact_of(mail) -> Contact:
    mail.refresh_from_db()
    return Contact.objects.get(pk=mail.contact_id)


def test_answering_plain_mail_e_mails_the_sender_and_records_a_resolved_contact(
    agent, property_tax
):
    mail, _ = receive()
    with clock.frozen(at=MONDAY + timedelta(hours=3)):
        handled = services.mail_answer(mail=mail, by=agent, text="Grundskylden følger vurderingen.")
    message = Message.objects.get(reference=f"mail:{mail.pk}")
    assert message.channel == "email" and message.recipient == "poul@example.org"
    assert message.subject == "Sv: Ejendomsskattebillet"
    assert message.body == "Grundskylden følger vurderingen."
    assert handled.status == MailStatus.ANSWERED
    assert handled.handled_by == agent and handled.handled_at == MONDAY + timedelta(hours=3)
    contact = contact_of(mail)
    assert (contact.channel, contact.outcome) == (Channel.EMAIL, Outcome.RESOLVED)
    assert contact.subject_area == property_tax.subject_area
    assert contact.occurred_at == MONDAY and contact.staff == agent
    assert ContactTally.objects.filter(channel=Channel.EMAIL).exists()
    event = AuditEvent.objects.get(action="mail.answered")
    assert "Grundskyld" not in str(event.extra)


def test_secure_mail_is_only_marked_answered_and_counts_as_digital_post(agent, property_tax):
    mail, _ = receive(kind=MailKind.SECURE, sender_address="")
    services.mail_answer(mail=mail, by=agent, text="")
    assert not Message.objects.exists()
    mail.refresh_from_db()
    assert mail.status == MailStatus.ANSWERED
    assert contact_of(mail).channel == Channel.DIGITAL_POST


def test_plain_mail_without_an_address_cannot_be_answered(agent):
    mail = MailFactory(sender_address="")
    with pytest.raises(DomainError, match="ingen afsenderadresse"):
        services.mail_answer(mail=mail, by=agent, text="Svar")
    assert not Message.objects.exists()
    mail.refresh_from_db()
    assert mail.status == MailStatus.NEW and mail.contact is None


@pytest.mark.parametrize(
    ("text", "error"),
    [("  ", "Skriv dit svar."), ("Dit CPR er 010203-1234", "CPR")],
)
def test_an_empty_answer_or_one_with_a_cpr_number_is_refused(agent, text, error):
    mail = MailFactory()
    with pytest.raises(DomainError, match=error):
        services.mail_answer(mail=mail, by=agent, text=text)
    assert not Message.objects.exists() and not Contact.objects.exists()


def test_a_handled_mail_cannot_be_handled_again(agent):
    mail = MailFactory()
    services.mail_answer(mail=mail, by=agent, text="Svar")
    with pytest.raises(DomainError, match="allerede behandlet"):
        services.mail_answer(mail=mail, by=agent, text="Igen")
    assert Contact.objects.count() == 1 and Message.objects.count() == 1


def test_only_staff_with_the_inbox_may_handle_mail(make_staff):
    mail = MailFactory()
    with pytest.raises(PermissionDenied):
        services.mail_answer(mail=mail, by=make_staff(Role.BACK_OFFICE), text="Svar")


# Forwarding ----------------------------------------------------------------------------


def test_forwarding_plain_mail_sends_it_to_the_department_without_cpr_numbers(agent, property_tax):
    mail, _ = receive(body="Mit CPR-nummer er 010203-1234. Hvorfor er skatten steget?")
    department = property_tax.department
    services.mail_forward(mail=mail, by=agent, department=department, note="Haster lidt")
    message = Message.objects.get()
    assert message.recipient == "opkraevning@kommune.example"
    assert message.subject == "Videresendt henvendelse til Opkrævningen"
    assert "Hvorfor er skatten steget?" in message.body
    assert "010203-1234" not in message.body and "[CPR-nummer fjernet]" in message.body
    assert "Besked fra kontaktcentret: Haster lidt" in message.body
    mail.refresh_from_db()
    assert (mail.status, mail.forwarded_to) == (MailStatus.FORWARDED, department)
    assert contact_of(mail).outcome == Outcome.TRANSFERRED


def test_forwarding_secure_mail_tells_the_department_to_look_in_digital_post(agent, property_tax):
    mail, _ = receive(kind=MailKind.SECURE, message_id="dp-77", sender_address="")
    services.mail_forward(mail=mail, by=agent, department=property_tax.department)
    body = Message.objects.get().body
    assert "dp-77" in body and "Digital Post" in body
    assert "grundskylden" not in body and "Poul" not in body and "Ejendomsskattebillet" not in body
    assert contact_of(mail).channel == Channel.DIGITAL_POST


def test_a_department_without_an_address_gets_it_through_its_caseworkers(agent):
    department = DepartmentFactory(email="")
    caseworker(department=department, email="anna@kommune.example")
    services.mail_forward(mail=MailFactory(), by=agent, department=department)
    assert Message.objects.get().recipient == "anna@kommune.example"


def test_a_department_nobody_can_be_e_mailed_cannot_get_mail(agent):
    mail = MailFactory()
    with pytest.raises(DomainError, match="ingen e-mailadresse"):
        services.mail_forward(mail=mail, by=agent, department=DepartmentFactory(email=""))
    mail.refresh_from_db()
    assert mail.status == MailStatus.NEW and not Contact.objects.exists()


# Callbacks -------------------------------------------------------------------------------


def test_a_mail_becomes_a_callback_task_in_the_department(agent, property_tax):
    mail, _ = receive(kind=MailKind.SECURE, sender_address="")
    with clock.frozen(at=MONDAY):
        services.mail_to_callback(mail=mail, by=agent, phone="20 30 40 50", note="Vil ringes op")
    task = CallbackTask.objects.get()
    assert task.department == property_tax.department and task.service == property_tax
    assert (task.citizen_name, task.citizen_phone) == ("Poul Hansen", "+4520304050")
    assert task.question == "Vil ringes op" and task.channel == Channel.DIGITAL_POST
    mail.refresh_from_db()
    assert (mail.status, mail.callback) == (MailStatus.CALLBACK, task)
    assert contact_of(mail).outcome == Outcome.CALLBACK
    # The department is told by e-mail that a task waits.
    assert Message.objects.filter(kind="callback.created").exists()


def test_a_callback_needs_a_phone_and_a_department(agent):
    mail = MailFactory()
    with pytest.raises(DomainError, match="telefonnummer"):
        services.mail_to_callback(mail=mail, by=agent, phone="", note="Ring")
    with pytest.raises(DomainError, match="afdeling"):
        services.mail_to_callback(mail=mail, by=agent, phone="20304050", note="Ring")
    assert not CallbackTask.objects.exists()


# Retention ----------------------------------------------------------------------------------


def test_old_handled_mail_loses_sender_subject_and_text(agent, settings):
    settings.MAIL_RETENTION_DAYS = 90
    old, recent, open_ = MailFactory(), MailFactory(), MailFactory(received_at=MONDAY)
    with clock.frozen(at=MONDAY):
        services.mail_answer(mail=old, by=agent, text="Svar")
    with clock.frozen(at=MONDAY + timedelta(days=80)):
        services.mail_answer(mail=recent, by=agent, text="Svar")
    at = MONDAY + timedelta(days=91)
    assert services.mails_anonymise_old(at=at) == 1
    old.refresh_from_db()
    assert (old.sender_name, old.sender_address, old.subject, old.body) == ("", "", "", "")
    assert old.anonymised_at == at and old.status == MailStatus.ANSWERED
    recent.refresh_from_db()
    open_.refresh_from_db()
    assert recent.body and open_.body
    assert services.mails_anonymise_old(at=at) == 0


def test_an_anonymised_mail_cannot_be_handled(agent):
    mail = MailFactory(anonymised_at=clock.now())
    with pytest.raises(DomainError, match="anonymiseret"):
        services.mail_forward(mail=mail, by=agent, department=DepartmentFactory(email="a@b.dk"))
