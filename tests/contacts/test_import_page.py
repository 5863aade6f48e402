"""The managers' upload page for the file import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indgang.audit.models import AuditEvent
from indgang.contacts.models import Call, SelfServiceCount
from indgang.core.permissions import Role
from tests.catalogue.factories import ServiceFactory, SubjectAreaFactory

pytestmark = pytest.mark.django_db

URL = "/personale/henvendelser/indlaes/"
CALLS = (
    "call_id,line,arrived_at,answered_at,ended_at,result,subject_area,transferred_to\n"
    "c1,main,2019-03-04T09:00:00+01:00,2019-03-04T09:00:15+01:00,"
    "2019-03-04T09:04:00+01:00,resolved,borger,\n"
    "c2,main,2019-03-04T09:01:00+01:00,,2019-03-04T09:01:30+01:00,abandoned,,\n"
)


@pytest.fixture
def manager_client(client, make_staff):
    client.force_login(make_staff(Role.MANAGER))
    return client


@pytest.fixture
def area():
    return SubjectAreaFactory(slug="borger")


def upload(client, kind: str, text: str, name: str = "data.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(URL, {"kind": kind, "file": file})


def test_the_url_name_is_contacts_import():
    assert reverse("contacts:import") == URL


def test_the_page_describes_each_format(manager_client):
    response = manager_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "<legend" in page and 'type="file"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "call_id,line,arrived_at,answered_at,ended_at,result,subject_area,transferred_to" in page
    assert "service,period_start,period_end,digital,manual" in page
    assert "Højst 50 MB" in page


def test_a_manager_uploads_a_good_file_and_sees_the_counts(manager_client, area):
    response = upload(manager_client, "calls", CALLS)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen er indlæst" in page
    assert "2 rækker læst" in page and "2 nye gemt" in page
    assert Call.objects.count() == 2
    assert Call.objects.get(call_id="c1").source == "upload"
    event = AuditEvent.objects.get(action="contacts.import")
    assert event.extra["kind"] == "calls" and event.extra["created"] == 2
    assert event.actor is not None


def test_uploading_the_same_file_again_stores_nothing_new(manager_client, area):
    upload(manager_client, "calls", CALLS)

    response = upload(manager_client, "calls", CALLS)

    assert "0 nye gemt" in response.content.decode()
    assert "2 fandtes allerede" in response.content.decode()
    assert Call.objects.count() == 2


def test_a_self_service_correction_is_shown(manager_client):
    ServiceFactory(slug="pas")
    upload(
        manager_client,
        "self_service",
        "service,period_start,period_end,digital,manual\npas,2019-01-01,2019-03-31,80,20\n",
    )

    response = upload(
        manager_client,
        "self_service",
        "service,period_start,period_end,digital,manual\npas,2019-01-01,2019-03-31,90,10\n",
    )

    assert "1 rettet" in response.content.decode()
    assert SelfServiceCount.objects.get().digital == 90


def test_a_bad_file_lists_the_bad_rows_and_stores_nothing(manager_client, area):
    text = CALLS + (
        "c3,main,2019-03-04T09:00:00,,2019-03-04T09:01:00+01:00,abandoned,,\n"  # line 4
        "c4,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,skat,\n"  # 5
    )

    response = upload(manager_client, "calls", text)

    assert response.status_code == 400
    page = response.content.decode()
    assert "2 rækker har fejl" in page
    assert 'data-line="4"' in page and "Linje 4: arrived_at:" in page
    assert "Linje 5: subject_area: “skat” findes ikke" in page
    assert "Intet er gemt." in page
    assert 'class="alert alert-error indgang-error-summary"' in page
    assert Call.objects.count() == 0
    assert not AuditEvent.objects.filter(action="contacts.import").exists()


def test_only_the_first_200_bad_rows_are_listed(manager_client, area):
    rows = "".join(f"x{n},main,bad,,2019-03-04T09:01:00+01:00,abandoned,,\n" for n in range(205))
    header = CALLS.splitlines()[0]

    response = upload(manager_client, "calls", f"{header}\n{rows}")

    page = response.content.decode()
    assert "205 rækker har fejl" in page
    assert page.count("data-line=") == 200
    assert "og 5 rækker mere med fejl" in page


def test_a_header_error_is_shown(manager_client):
    response = upload(manager_client, "contacts", CALLS)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Filen kan ikke indlæses" in page
    assert "Kolonner mangler: contact_id" in page
    assert "Intet er gemt." in page


def test_a_file_that_is_not_utf8_is_an_error(manager_client, area):
    file = SimpleUploadedFile("data.csv", CALLS.replace("c1", "cø1").encode("latin-1"))

    response = manager_client.post(URL, {"kind": "calls", "file": file})

    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert Call.objects.count() == 0


def test_missing_kind_and_file_are_form_errors(manager_client):
    response = manager_client.post(URL, {})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Vælg, hvad filen indeholder." in page
    assert "Vælg en fil." in page


def test_a_file_over_the_limit_is_refused(manager_client, settings):
    settings.CONTACTS_IMPORT_MAX_MB = 0

    response = upload(manager_client, "calls", CALLS)

    assert response.status_code == 400
    assert "større end 0 MB" in response.content.decode()
    assert Call.objects.count() == 0


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CONTACT_CENTRE, Role.ADMINISTRATOR])
def test_other_staff_get_403(client, make_staff, role, area):
    client.force_login(make_staff(role))

    assert client.get(URL).status_code == 403
    assert upload(client, "calls", CALLS).status_code == 403
    assert Call.objects.count() == 0


def test_anonymous_users_are_sent_to_the_login_page(client, login_url):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(login_url)


def test_a_file_kept_on_disk_during_upload_is_imported_too(manager_client, area, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # Django writes the upload to a temporary file

    response = upload(manager_client, "calls", "\ufeff" + CALLS)

    assert response.status_code == 200
    assert Call.objects.count() == 2
