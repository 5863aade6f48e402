"""The agent desktop: each outcome records the right contact in the registry;
transfer only to available colleagues in an open department; a closed
department gives a futile call and a callback proposal; the self-service link
goes into the message ledger; only contact-centre agents and managers get in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from indgang.catalogue.models import Channel, Outcome
from indgang.contactcentre import desktop
from indgang.contactcentre.models import CallbackTask, Presence
from indgang.contacts.models import Contact, Point
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.core.permissions import Role
from indgang.knowledge import services as knowledge
from indgang.knowledge.models import ArticleStatus, Audience
from indgang.notifications.models import Message, MessageChannel
from tests.catalogue.factories import ServiceFactory
from tests.conftest import local
from tests.contactcentre.factories import caseworker, department_with_phone_hours

OPEN = local(2026, 11, 23, 10, 20)  # Monday, the department answers 9–15
CLOSED = local(2026, 11, 23, 16, 30)
URL = "/personale/kontaktcenter/"
OUTCOME_URL = "/personale/kontaktcenter/udfald/"


@pytest.fixture
def monday():
    with clock.frozen(at=OPEN) as at:
        yield at


@pytest.fixture
def evening():
    with clock.frozen(at=CLOSED) as at:
        yield at


@pytest.fixture
def department(db):
    return department_with_phone_hours(name="Ydelsesafdelingen")


@pytest.fixture
def service(department):
    return ServiceFactory(
        name="Boligstøtte",
        department=department,
        self_service_url="https://www.borger.dk/boligstoette",
    )


@pytest.fixture
def agent(make_staff):
    return make_staff(Role.CONTACT_CENTRE, first_name="Anna", last_name="Agent")


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


@pytest.fixture
def article(make_staff, service):
    with clock.frozen(at=OPEN):
        return knowledge.article_create(
            by=make_staff(Role.MANAGER),
            title="Boligstøtte: udbetaling",
            summary="Hvornår boligstøtten bliver udbetalt.",
            body="Boligstøtten udbetales **forud** den 1. i måneden.",
            audience=Audience.INTERNAL,
            status=ArticleStatus.PUBLISHED,
            services=[service],
        )


def only_contact() -> Contact:
    (contact,) = Contact.objects.all()
    return contact


# --- Flows --------------------------------------------------------------------


def test_resolved_records_a_main_line_call(monday, agent, service):
    desktop.resolve(by=agent, channel=Channel.PHONE, service=service)
    contact = only_contact()
    assert (contact.channel, contact.point, contact.outcome) == (
        Channel.PHONE,
        Point.MAIN_LINE,
        Outcome.RESOLVED,
    )
    assert contact.service == service
    assert contact.subject_area == service.subject_area
    assert contact.staff == agent


def test_chat_has_no_point(monday, agent, service):
    desktop.resolve(by=agent, channel=Channel.CHAT, service=service)
    assert (only_contact().channel, only_contact().point) == (Channel.CHAT, "")


def test_transfer_to_an_available_colleague(monday, agent, service, department):
    colleague = caseworker(department=department, presence=Presence.AVAILABLE)
    desktop.transfer(by=agent, channel=Channel.PHONE, to_user=colleague, service=service)
    assert only_contact().outcome == Outcome.TRANSFERRED


@pytest.mark.parametrize("presence", [Presence.BUSY, Presence.MEETING, Presence.AWAY, None])
def test_no_transfer_to_a_colleague_who_is_not_available(
    monday, agent, service, department, presence
):
    colleague = caseworker(department=department, presence=presence, first_name="Bo")
    with pytest.raises(DomainError, match="ikke ledig"):
        desktop.transfer(by=agent, channel=Channel.PHONE, to_user=colleague, service=service)
    assert not Contact.objects.exists()


def test_no_transfer_when_the_department_is_closed(evening, agent, service, department):
    colleague = caseworker(department=department, presence=Presence.AVAILABLE)
    with pytest.raises(DomainError, match="lukket telefonen"):
        desktop.transfer(by=agent, channel=Channel.PHONE, to_user=colleague, service=service)
    with pytest.raises(DomainError, match="lukket telefonen"):
        desktop.transfer(by=agent, channel=Channel.PHONE, department=department)
    assert not Contact.objects.exists()


def test_futile_in_a_closed_department_proposes_a_callback(evening, agent, service, department):
    result = desktop.futile(by=agent, channel=Channel.PHONE, service=service)
    assert result.contact.outcome == Outcome.FUTILE
    assert result.proposal is not None
    assert result.proposal.department == department
    assert "åbner igen i morgen kl. 09.00" in result.proposal.message


def test_futile_in_an_open_department_proposes_nothing(monday, agent, service):
    assert desktop.futile(by=agent, channel=Channel.PHONE, service=service).proposal is None


def test_callback_creates_the_task_and_records_a_callback(monday, agent, service, department):
    result = desktop.callback(
        by=agent,
        channel=Channel.PHONE,
        department=department,
        question="Hvornår kommer min boligstøtte?",
        citizen_name="Karen Jensen",
        citizen_phone="12 34 56 78",
        service=service,
    )
    task = CallbackTask.objects.get()
    assert task == result.task
    assert (task.department, task.service, task.citizen_phone) == (
        department,
        service,
        "+4512345678",
    )
    assert only_contact().outcome == Outcome.CALLBACK


def test_callback_after_a_futile_call_is_one_contact(evening, agent, service, department):
    desktop.futile(by=agent, channel=Channel.PHONE, service=service)
    desktop.callback(
        by=agent,
        channel=Channel.PHONE,
        department=department,
        question="Ring om boligstøtte",
        service=service,
        record_contact=False,
    )
    assert only_contact().outcome == Outcome.FUTILE
    assert CallbackTask.objects.count() == 1


def test_self_service_referral_sends_the_link(monday, agent, service):
    result = desktop.refer_self_service(
        by=agent,
        channel=Channel.PHONE,
        service=service,
        phone="12 34 56 78",
        email="karen@example.dk",
    )
    assert only_contact().outcome == Outcome.REFERRED_SELF_SERVICE
    sms = Message.objects.get(channel=MessageChannel.SMS)
    email = Message.objects.get(channel=MessageChannel.EMAIL)
    assert sms.recipient == "+4512345678"
    assert "https://www.borger.dk/boligstoette" in sms.body
    assert email.recipient == "karen@example.dk"
    assert "https://www.borger.dk/boligstoette" in email.body
    assert sms.reference == f"contact:{result.contact.pk}"


def test_self_service_referral_without_sending_stores_no_message(monday, agent, service):
    desktop.refer_self_service(by=agent, channel=Channel.PHONE, service=service)
    assert only_contact().outcome == Outcome.REFERRED_SELF_SERVICE
    assert not Message.objects.exists()


def test_a_bad_phone_number_records_nothing(monday, agent, service):
    with pytest.raises(DomainError, match="telefonnummer"):
        desktop.refer_self_service(by=agent, channel=Channel.PHONE, service=service, phone="12")
    assert not Contact.objects.exists()
    assert not Message.objects.exists()


# --- Page ---------------------------------------------------------------------


def test_front_desk_and_back_office_get_403(client, make_staff, monday):
    for role in (Role.FRONT_DESK, Role.BACK_OFFICE):
        client.force_login(make_staff(role))
        assert client.get(URL).status_code == 403
        assert client.post(OUTCOME_URL, {"outcome": "resolved"}).status_code == 403


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"] or "log-ind" in response["Location"]


def test_search_open_and_resolve(agent_client, monday, article, service):
    page = agent_client.get(URL, {"q": "boligstøtte"})
    assert page.status_code == 200
    assert "Boligstøtte: udbetaling" in page.text
    partial = agent_client.get(reverse("contactcentre:desktop_search"), {"q": "boligstøtte"})
    assert "Boligstøtte: udbetaling" in partial.text
    assert "<html" not in partial.text

    page = agent_client.get(URL, {"q": "boligstøtte", "article": article.pk})
    assert "<strong>forud</strong>" in page.text
    assert "Registreres på: <strong>Boligstøtte</strong>" in page.text

    response = agent_client.post(
        OUTCOME_URL, {"outcome": "resolved", "article": article.pk, "service": service.pk}
    )
    assert response.status_code == 302
    contact = only_contact()
    assert (contact.outcome, contact.service, contact.point) == (
        Outcome.RESOLVED,
        service,
        Point.MAIN_LINE,
    )
    page = agent_client.get(response["Location"])
    assert "Registreret: afklaret (Boligstøtte), Telefon." in page.text


def test_htmx_outcome_clears_the_desktop_and_announces(agent_client, monday, article, service):
    response = agent_client.post(
        OUTCOME_URL,
        {"outcome": "resolved", "article": article.pk, "service": service.pk, "q": "bolig"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'hx-swap-oob="innerHTML"' in response.text
    assert "Registreret: afklaret (Boligstøtte)" in response.text
    assert "Boligstøtte: udbetaling" not in response.text  # cleared for the next call


def test_chat_channel_is_remembered(agent_client, monday, service):
    agent_client.post(reverse("contactcentre:desktop_channel"), {"channel": "chat"})
    agent_client.post(OUTCOME_URL, {"outcome": "resolved", "service": service.pk})
    assert only_contact().channel == Channel.CHAT


def test_the_page_offers_only_available_colleagues(agent_client, monday, article, department):
    caseworker(
        department=department, presence=Presence.AVAILABLE, first_name="Lene", last_name="Ledig"
    )
    caseworker(
        department=department, presence=Presence.BUSY, first_name="Otto", last_name="Optaget"
    )
    page = agent_client.get(URL, {"article": article.pk})
    assert "Viderestil til Lene Ledig" in page.text
    assert "Otto Optaget" not in page.text


def test_transfer_from_the_page_to_a_busy_colleague_is_refused(
    agent_client, monday, service, department
):
    busy = caseworker(department=department, presence=Presence.BUSY, first_name="Otto")
    page = agent_client.post(
        OUTCOME_URL, {"outcome": "transfer_user", "to_user": busy.pk, "service": service.pk}
    )
    assert page.status_code == 200
    assert "ikke ledig" in page.text
    assert not Contact.objects.exists()


def test_closed_department_says_so_and_futile_callback_flow(
    agent_client, evening, article, service
):
    page = agent_client.get(URL, {"article": article.pk})
    assert "Ydelsesafdelingen har lukket telefonen nu" in page.text
    assert "Registrér forgæves kald og opret tilbagekald" in page.text

    page = agent_client.post(
        OUTCOME_URL,
        {"outcome": "futile_callback", "service": service.pk, "department": service.department.pk},
    )
    assert page.status_code == 200
    futile = only_contact()
    assert futile.outcome == Outcome.FUTILE
    assert f'name="futile_contact" value="{futile.pk}"' in page.text

    response = agent_client.post(
        OUTCOME_URL,
        {
            "outcome": "callback",
            "service": service.pk,
            "futile_contact": futile.pk,
            "department": service.department.pk,
            "citizen_name": "Karen Jensen",
            "citizen_phone": "12345678",
            "question": "Hvornår kommer boligstøtten?",
        },
    )
    assert response.status_code == 302
    assert only_contact().outcome == Outcome.FUTILE  # one call, one contact
    task = CallbackTask.objects.get()
    assert task.department == service.department
    assert "tilbagekald til Ydelsesafdelingen" in agent_client.get(URL).text


def test_callback_form_errors_are_shown(agent_client, monday, service):
    page = agent_client.post(OUTCOME_URL, {"outcome": "callback", "service": service.pk})
    assert "Skriv borgerens spørgsmål." in page.text
    assert not CallbackTask.objects.exists()
    assert not Contact.objects.exists()


def test_self_service_from_the_page_puts_sms_and_email_in_the_ledger(agent_client, monday, service):
    response = agent_client.post(
        OUTCOME_URL,
        {
            "outcome": "self_service",
            "service": service.pk,
            "phone": "12345678",
            "email": "borger@example.dk",
        },
    )
    assert response.status_code == 302
    assert only_contact().outcome == Outcome.REFERRED_SELF_SERVICE
    assert set(Message.objects.values_list("channel", "recipient")) == {
        ("sms", "+4512345678"),
        ("email", "borger@example.dk"),
    }
