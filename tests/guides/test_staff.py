"""The staff page of broken steps (/personale/livssituationer/brudte-trin/)."""

import pytest
from django.urls import reverse

from indgang.core.permissions import Role
from indgang.guides.models import QuestionKind
from indgang.guides.selectors import steps_broken
from tests.catalogue.factories import ServiceFactory
from tests.guides.factories import GuideFactory, QuestionFactory, StepFactory

pytestmark = pytest.mark.django_db

URL = "/personale/livssituationer/brudte-trin/"


@pytest.fixture
def step():
    service = ServiceFactory(name="Flytning", self_service_url="https://www.borger.dk/flyt")
    return StepFactory(
        guide=GuideFactory(title="Du skal flytte"),
        title="Meld flytning",
        service=service,
        url="",
        expects_self_service=True,
    )


def page(client, make_staff, role=Role.MANAGER, **kwargs):
    client.force_login(make_staff(role, **kwargs))
    return client.get(URL)


def test_url_name():
    assert reverse("guides_staff:broken") == URL


def test_nothing_broken(client, make_staff, step):
    response = page(client, make_staff)
    assert response.status_code == 200
    assert "Alle trin virker." in response.content.decode()


def test_an_archived_service_is_listed(client, make_staff, step):
    step.service.is_archived = True
    step.service.save()

    html = page(client, make_staff).content.decode()

    assert "Du skal flytte" in html
    assert "Meld flytning" in html
    assert "Ydelsen »Flytning« er arkiveret." in html


def test_a_lost_self_service_link_is_listed_with_a_link_to_edit(client, make_staff, step):
    step.service.self_service_url = ""
    step.service.save()

    html = page(client, make_staff, role=Role.ADMINISTRATOR, is_staff=True).content.decode()

    assert "har ikke længere et link til selvbetjening" in html
    assert f"/admin/guides/guide/{step.guide_id}/change/" in html


def test_a_deleted_service_is_listed(step):
    step.service.delete()
    [broken] = steps_broken()
    assert "hverken en ydelse eller et link" in broken.reasons[0]


def test_a_deadline_from_a_question_that_is_not_a_date(step):
    question = QuestionFactory(guide=step.guide, key="moving_date", kind=QuestionKind.DATE)
    step.deadline_question, step.deadline_offset_days = question, 5
    step.save()
    assert steps_broken() == []
    question.kind = QuestionKind.NUMBER
    question.save()
    [broken] = steps_broken()
    assert broken.reasons == ["Fristen regnes fra »moving_date«, som ikke er et datospørgsmål."]


@pytest.mark.parametrize(
    "role",
    [Role.MANAGER, Role.ADMINISTRATOR, Role.BACK_OFFICE, Role.FRONT_DESK, Role.CONTACT_CENTRE],
)
def test_staff_roles_may_view(client, make_staff, role):
    assert page(client, make_staff, role=role).status_code == 200


def test_others_may_not(client, make_staff):
    assert page(client, make_staff, role=Role.INTEGRATION).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
