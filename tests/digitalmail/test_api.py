"""POST /api/v1/mail/: another system pushes a mail. 201 with the triage and
deadline, the same message_id again 200, 400 with a message per field, and
only for users with digitalmail.add_mail (the Integration role)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indgang.catalogue.models import Channel, ServiceChannel
from indgang.core.permissions import Role
from indgang.digitalmail.models import Mail, MailSource
from tests.catalogue.factories import DepartmentFactory, ServiceFactory, SubjectAreaFactory
from tests.digitalmail.factories import MailRuleFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/mail/"
MAIL = {
    "message_id": "dp-2026-000123",
    "kind": "secure",
    "sender_name": "Karen Jensen",
    "sender_address": "",
    "subject": "Mit pas er udløbet",
    "body": "Hvordan fornyer jeg mit pas?",
    "received_at": "2026-11-23T09:30:00+01:00",
}


@pytest.fixture
def api(make_staff):
    client = APIClient()
    user = make_staff(Role.INTEGRATION)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def passport():
    area = SubjectAreaFactory(name="Pas", slug="pas")
    department = DepartmentFactory(name="Borgerservice", slug="borgerservice")
    service = ServiceFactory(
        name="Pas", slug="pas-voksne", subject_area=area, department=department, channels=[]
    )
    ServiceChannel.objects.create(
        service=service, channel=Channel.DIGITAL_POST, response_deadline_days=10
    )
    MailRuleFactory(words="pas", subject_area=area, service=service)
    return service


def test_a_pushed_mail_is_stored_with_its_triage_and_deadline(api, passport):
    response = api.post(URL, MAIL, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    mail = Mail.objects.get()
    assert body == {
        "id": mail.pk,
        "message_id": "dp-2026-000123",
        "kind": "secure",
        "status": "new",
        "subject_area": "pas",
        "department": "borgerservice",
        "service": "pas-voksne",
        "suggestion": "Sorteringsregel: ordet »pas«",
        "deadline": "2026-12-07T16:00:00+01:00",
        "url": f"/personale/post/{mail.pk}/",
    }
    assert mail.source == MailSource.API and mail.body == "Hvordan fornyer jeg mit pas?"


def test_the_same_message_id_again_is_200_and_stores_nothing(api, passport):
    first = api.post(URL, MAIL, format="json").json()
    again = api.post(URL, {**MAIL, "subject": "Noget andet"}, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Mail.objects.count() == 1 and Mail.objects.get().subject == "Mit pas er udløbet"


def test_without_a_suggestion_the_fields_are_null(api):
    body = api.post(URL, {**MAIL, "subject": "Tak", "body": "Tak for sidst"}, format="json").json()
    assert (body["subject_area"], body["department"], body["service"]) == (None, None, None)
    assert body["deadline"] == "2026-11-25T16:00:00+01:00"


def test_every_bad_field_gets_a_danish_message(api):
    response = api.post(
        URL,
        {"kind": "brev", "sender_address": "ikke en adresse", "received_at": "i går"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "message_id": ["Angiv mailens id (message_id)."],
        "kind": ["Ukendt type »brev«. Mulige: secure, plain."],
        "sender_address": ["Skriv en gyldig e-mailadresse."],
        "received_at": ["Skriv tidspunktet som ISO 8601, fx 2026-12-07T09:30:00+01:00."],
    }
    assert not Mail.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"subject": "", "body": " "}, "body", "Mailen har hverken emne eller tekst."),
        (
            {"kind": "plain", "sender_address": ""},
            "sender_address",
            "Almindelig e-mail skal have afsenderens adresse.",
        ),
    ],
)
def test_a_mail_needs_text_and_plain_mail_an_address(api, change, field, message):
    response = api.post(URL, {**MAIL, **change}, format="json")
    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_anonymous_is_401_and_contact_centre_staff_403(client, make_staff):
    assert APIClient().post(URL, MAIL, format="json").status_code == 401
    client.force_login(make_staff(Role.CONTACT_CENTRE))
    response = client.post(URL, MAIL, content_type="application/json")
    assert response.status_code == 403
    assert "Integration" in response.json()["detail"]
    assert not Mail.objects.exists()
