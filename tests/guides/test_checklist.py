"""The personal checklist: which steps, in which order, by which channel, and
their deadlines relative to a date answer."""

from datetime import date

import pytest
from django.test import override_settings
from django.utils import translation

from indgang.catalogue.models import Channel
from indgang.guides.selectors import answers_parse, checklist_build, guide_get
from tests.catalogue.factories import (
    AuthorityFactory,
    DepartmentFactory,
    DeskFactory,
    ServiceFactory,
)
from tests.guides.factories import StepFactory, guide_build

pytestmark = pytest.mark.django_db

ANSWERS = {"moving_date": "2027-01-15", "from": "abroad", "children": False}


def checklist(guide, data=ANSWERS):
    guide = guide_get(slug=guide.slug)
    return checklist_build(guide=guide, answers=answers_parse(guide=guide, data=data))


@pytest.fixture
def guide():
    return guide_build(slug="flyt")


def test_steps_are_ordered_by_deadline_and_undated_steps_come_last(guide):
    date_q = guide.questions.get(key="moving_date")
    StepFactory(guide=guide, title="Uden frist", position=1)
    StepFactory(
        guide=guide, title="Efter", position=2, deadline_question=date_q, deadline_offset_days=5
    )
    StepFactory(
        guide=guide, title="Før", position=3, deadline_question=date_q, deadline_offset_days=-3
    )
    StepFactory(guide=guide, title="Også uden frist", position=4)

    steps = checklist(guide)

    assert [s.title for s in steps] == ["Før", "Efter", "Uden frist", "Også uden frist"]
    assert [s.deadline for s in steps] == [date(2027, 1, 12), date(2027, 1, 20), None, None]
    assert steps[0].deadline_text == "Senest 12. januar 2027"
    assert steps[2].deadline_text == ""


def test_deadline_text_in_english(guide):
    StepFactory(
        guide=guide,
        deadline_question=guide.questions.get(key="moving_date"),
        deadline_offset_days=5,
    )
    with translation.override("en"):
        steps = checklist(guide)
    assert steps[0].title.startswith("Step")
    assert "January 2027" in steps[0].deadline_text


def test_steps_shown_only_when_their_condition_holds(guide):
    StepFactory(guide=guide, title="Dagtilbud", show_if={"key": "children", "equals": True})
    StepFactory(guide=guide, title="Fra udlandet", show_if={"key": "from", "equals": "abroad"})

    assert [s.title for s in checklist(guide)] == ["Fra udlandet"]
    with_children = {**ANSWERS, "children": True, "children_count": 1}
    assert [s.title for s in checklist(guide, with_children)] == ["Dagtilbud", "Fra udlandet"]


@override_settings(PUBLIC_BASE_URL="https://indgang.example.dk", MUNICIPALITY_NAME="Demo Kommune")
def test_channel_prefers_self_service_then_booking_then_phone_then_link(guide):
    department = DepartmentFactory(phone="70 10 20 30")
    self_service = ServiceFactory(
        name="Flytning", department=department, self_service_url="https://www.borger.dk/flyt"
    )
    bookable = ServiceFactory(name="Pas", department=department)
    phone_only = ServiceFactory(name="Boligstøtte", department=department, channels=[Channel.PHONE])
    nothing = ServiceFactory(name="Affald", department=DepartmentFactory(phone=""), channels=[])
    DeskFactory(services=[self_service, bookable])
    StepFactory(guide=guide, title="Selv", service=self_service, url="", position=1)
    StepFactory(guide=guide, title="Book", service=bookable, url="", position=2)
    StepFactory(guide=guide, title="Ring", service=phone_only, url="", position=3)
    StepFactory(guide=guide, title="Læs", service=nothing, url="", position=4)
    StepFactory(guide=guide, title="Link", url="https://skat.dk/", position=5)

    steps = {s.title: s for s in checklist(guide)}

    assert steps["Selv"].channel == "self_service"
    assert steps["Selv"].url == "https://www.borger.dk/flyt"
    assert steps["Book"].channel == "booking"
    assert steps["Book"].url == f"https://indgang.example.dk/bestil-tid/?services={bookable.slug}"
    assert steps["Ring"].channel == "phone"
    assert steps["Ring"].url == "tel:+4570102030"
    assert steps["Ring"].phone == "70 10 20 30"
    assert steps["Læs"].channel == "link"
    assert steps["Læs"].url == f"https://indgang.example.dk/ydelser/{nothing.slug}/"
    assert steps["Link"].channel == "link"
    assert steps["Link"].url == "https://skat.dk/"
    assert steps["Link"].service is None
    assert steps["Selv"].service == self_service.slug


@override_settings(MUNICIPALITY_NAME="Demo Kommune")
def test_authority_is_the_steps_then_the_services_then_the_municipality(guide):
    skat = AuthorityFactory(name="Skattestyrelsen", is_municipality=False)
    udbetaling = AuthorityFactory(name="Udbetaling Danmark", is_municipality=False)
    StepFactory(guide=guide, title="A", authority=skat, position=1)
    StepFactory(guide=guide, title="B", service=ServiceFactory(authority=udbetaling), position=2)
    StepFactory(guide=guide, title="C", position=3)

    assert [s.authority for s in checklist(guide)] == [
        "Skattestyrelsen",
        "Udbetaling Danmark",
        "Demo Kommune",
    ]


def test_checklist_query_count_does_not_grow_with_steps(guide, django_assert_max_num_queries):
    for n in range(8):
        StepFactory(guide=guide, service=ServiceFactory(), position=n)
    with django_assert_max_num_queries(8):
        checklist(guide)
