"""The inbox pages: the list by deadline with overdue in words and filters,
and a mail's page with the suggestion, answer, forward and callback — for the
contact centre and managers only; without JavaScript."""

from datetime import timedelta

import pytest
from django.urls import reverse

from indgang.catalogue.models import Channel
from indgang.contactcentre.models import CallbackTask
from indgang.contacts.models import Contact, MailKind
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.digitalmail.models import MailStatus
from indgang.notifications.models import Message
from tests.catalogue.factories import DepartmentFactory, ServiceFactory, SubjectAreaFactory
from tests.conftest import local
from tests.digitalmail.factories import MailFactory

pytestmark = pytest.mark.django_db

NOW = local(2026, 11, 23, 10, 0)
INBOX = "/personale/post/"


@pytest.fixture(autouse=True)
def monday():
    with clock.frozen(at=NOW):
        yield


@pytest.fixture
def agent(client, make_staff):
    user = make_staff(Role.CONTACT_CENTRE, first_name="Kim", last_name="Kontakt")
    client.force_login(user)
    return user


@pytest.fixture
def tax():
    return DepartmentFactory(name="Opkrævningen", slug="opkraevning", email="opk@kommune.example")


def page_url(mail) -> str:
    return reverse("digitalmail:mail", kwargs={"pk": mail.pk})


def test_the_urls():
    assert reverse("digitalmail:inbox") == INBOX
    assert page_url(type("M", (), {"pk": 7})) == "/personale/post/7/"


def test_the_inbox_lists_open_mail_by_deadline_with_overdue_in_words(client, agent, tax):
    later = MailFactory(subject="Senere frist", deadline=NOW + timedelta(days=3))
    overdue = MailFactory(subject="Gammel mail", deadline=NOW - timedelta(hours=1), department=tax)
    MailFactory(subject="Besvaret", status=MailStatus.ANSWERED)
    secure = MailFactory(subject="Sikker", kind=MailKind.SECURE, deadline=NOW + timedelta(days=1))
    response = client.get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    assert [m.pk for m in response.context["mails"]] == [overdue.pk, secure.pk, later.pk]
    assert "Besvaret</a>" not in html
    assert html.count("Overskredet:") == 1
    row = html[html.index(f'data-mail="{overdue.pk}"') :]
    assert row.index("Overskredet:") < row.index("Gammel mail") < row.index("Opkrævningen")
    assert "3 mails venter på svar." in html
    assert "Sikker post" in html


def test_the_inbox_filters_by_status_and_department(client, agent, tax):
    mine = MailFactory(subject="Skat", department=tax)
    MailFactory(subject="Uden afdeling")
    answered = MailFactory(subject="Svaret", status=MailStatus.ANSWERED, department=tax)
    listed = client.get(INBOX, {"department": "opkraevning"}).context["mails"]
    assert [m.pk for m in listed] == [mine.pk]
    listed = client.get(INBOX, {"status": "answered"}).context["mails"]
    assert [m.pk for m in listed] == [answered.pk]
    listed = client.get(INBOX, {"status": "all", "department": "none"}).context["mails"]
    assert [m.subject for m in listed] == ["Uden afdeling"]
    html = client.get(INBOX, {"status": "forwarded"}).content.decode()
    assert "Der er ingen post, der passer til det valgte." in html


@pytest.mark.parametrize("n", [3, 30])
def test_the_inbox_query_count_does_not_grow(client, agent, tax, n, django_assert_max_num_queries):
    area = SubjectAreaFactory()
    MailFactory.create_batch(n, department=tax, subject_area=area, forwarded_to=tax)
    with django_assert_max_num_queries(12):
        client.get(INBOX)


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.MANAGER, 200), (Role.BACK_OFFICE, 403), (Role.FRONT_DESK, 403)],
)
def test_only_the_contact_centre_and_managers_see_the_inbox(client, make_staff, role, status):
    client.force_login(make_staff(role))
    assert client.get(INBOX).status_code == status


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(INBOX).status_code == 302


def test_the_mail_page_shows_the_mail_and_the_suggestion(client, agent, tax):
    area = SubjectAreaFactory(name="Ejendomsskat")
    mail = MailFactory(
        subject="Grundskyld",
        body="Hvorfor er den steget?\n\n<script>x</script>",
        subject_area=area,
        department=tax,
        suggestion="Sorteringsregel: ordet »grundskyld«",
        deadline=NOW - timedelta(minutes=5),
    )
    html = client.get(page_url(mail)).content.decode()
    assert "<h1>Grundskyld</h1>" in html
    assert "Hvorfor er den steget?" in html and "&lt;script&gt;" in html
    assert "Forslag: <strong>Ejendomsskat</strong>, Opkrævningen." in html
    assert "Ud fra: Sorteringsregel: ordet »grundskyld«" in html
    assert "Overskredet:" in html
    assert "Send svar" in html


def test_a_secure_mail_page_says_to_answer_in_digital_post(client, agent):
    html = client.get(page_url(MailFactory(kind=MailKind.SECURE))).content.decode()
    assert "Svar borgeren i Digital Post-systemet" in html
    assert "Markér som besvaret" in html and "Send svar" not in html


def test_answering_sends_the_answer_and_goes_back_to_the_inbox(client, agent):
    mail = MailFactory()
    response = client.post(page_url(mail), {"action": "answer", "answer-text": "Se borger.dk"})
    assert response.status_code == 302 and response["Location"] == INBOX
    assert Message.objects.get().recipient == "karen.jensen@example.org"
    mail.refresh_from_db()
    assert mail.status == MailStatus.ANSWERED
    assert "Svaret er sendt til karen.jensen@example.org." in client.get(INBOX).content.decode()


def test_an_empty_answer_shows_the_error_summary(client, agent):
    mail = MailFactory()
    response = client.post(page_url(mail), {"action": "answer", "answer-text": " "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_answer-text"' in html and "Skriv dit svar." in html
    assert not Message.objects.exists()


def test_a_refused_answer_shows_the_services_message(client, agent):
    mail = MailFactory()
    response = client.post(page_url(mail), {"action": "answer", "answer-text": "CPR 010203-1234"})
    assert response.status_code == 400
    assert "Skriv ikke CPR-numre i svaret" in response.content.decode()


def test_forwarding_from_the_page(client, agent, tax):
    mail = MailFactory(department=tax)
    response = client.post(
        page_url(mail),
        {"action": "forward", "forward-department": tax.pk, "forward-note": "Til jer"},
    )
    assert response.status_code == 302
    mail.refresh_from_db()
    assert (mail.status, mail.forwarded_to) == (MailStatus.FORWARDED, tax)
    assert Message.objects.get().recipient == "opk@kommune.example"


def test_turning_a_mail_into_a_callback_from_the_page(client, agent, tax):
    mail = MailFactory(kind=MailKind.SECURE, department=tax)
    html = client.get(page_url(mail)).content.decode()
    assert f'<option value="{tax.pk}" selected>' in html  # the suggested department
    response = client.post(
        page_url(mail),
        {
            "action": "callback",
            "callback-phone": "20304050",
            "callback-department": tax.pk,
            "callback-note": "Vil gerne ringes op om skattebilletten",
        },
    )
    assert response.status_code == 302
    task = CallbackTask.objects.get()
    assert task.department == tax and task.channel == Channel.DIGITAL_POST
    assert Contact.objects.get().channel == Channel.DIGITAL_POST


def test_changing_the_suggestion_from_the_page(client, agent, tax):
    service = ServiceFactory(department=tax)
    mail = MailFactory()
    response = client.post(
        page_url(mail),
        {"action": "triage", "triage-service": service.pk, "triage-subject_area": ""},
    )
    assert response.status_code == 302 and response["Location"] == page_url(mail)
    mail.refresh_from_db()
    assert (mail.service, mail.department, mail.subject_area) == (
        service,
        tax,
        service.subject_area,
    )


def test_a_handled_mail_has_no_forms_and_says_what_happened(client, agent, tax):
    mail = MailFactory(
        status=MailStatus.FORWARDED, forwarded_to=tax, handled_at=NOW, handled_by=agent
    )
    html = client.get(page_url(mail)).content.decode()
    assert "Videresendt" in html and "Opkrævningen" in html and "af Kim Kontakt" in html
    assert "Send svar" not in html and "Opret tilbagekald" not in html
    response = client.post(page_url(mail), {"action": "answer", "answer-text": "Igen"})
    assert response.status_code == 400
    assert "Mailen er allerede behandlet." in response.content.decode()


def test_an_anonymised_mail_shows_no_personal_data(client, agent):
    mail = MailFactory(
        sender_name="", sender_address="", subject="", body="", anonymised_at=NOW,
        status=MailStatus.ANSWERED,
    )  # fmt: skip
    html = client.get(page_url(mail)).content.decode()
    assert "Afsender, emne og tekst er slettet efter opbevaringsperioden." in html


def test_an_unknown_mail_is_404(client, agent):
    assert client.get("/personale/post/999999/").status_code == 404
