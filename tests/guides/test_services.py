"""Sending the checklist through the message ledger, its link, and versions."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.test import override_settings

from indgang.core import clock
from indgang.guides import services
from indgang.guides.selectors import answers_parse, guide_get
from indgang.notifications.models import Message
from indgang.notifications.services import contains_cpr
from tests.conftest import local
from tests.guides.factories import StepFactory, guide_build

pytestmark = pytest.mark.django_db

ANSWERS = {
    "moving_date": date(2027, 1, 15),
    "from": "abroad",
    "children": True,
    "children_count": 2,
}


@pytest.fixture
def guide():
    built = guide_build(slug="flytning", title="Du skal flytte", title_en="You are moving")
    StepFactory(
        guide=built,
        title="Meld flytning",
        title_en="Report the move",
        deadline_question=built.questions.get(key="moving_date"),
        deadline_offset_days=5,
    )
    StepFactory(guide=built, title="Vælg læge", url="https://laege.dk/")
    return guide_get(slug="flytning")


def send(guide, **kwargs):
    return services.checklist_send(guide=guide, answers=ANSWERS, **kwargs)


@override_settings(PUBLIC_BASE_URL="https://indgang.example.dk")
def test_sms_is_short_and_email_is_full(guide):
    assert send(guide, phone="12 34 56 78", email="borger@example.dk") == 2

    sms = Message.objects.get(channel="sms")
    email = Message.objects.get(channel="email")
    assert sms.kind == email.kind == "guides.checklist"
    assert sms.recipient == "+4512345678"
    assert sms.body.startswith("Din tjekliste: Du skal flytte.")
    assert "20/1: Meld flytning." in sms.body
    assert "Vælg læge" not in sms.body  # no deadline: only behind the link
    assert "https://indgang.example.dk/livssituationer/flytning/tjekliste/?" in sms.body
    assert len(sms.body) < 320
    assert email.subject == "Din tjekliste: Du skal flytte"
    assert "Meld flytning" in email.body and "Vælg læge" in email.body
    assert "Senest 20. januar 2027" in email.body
    assert "https://laege.dk/" in email.body
    assert "&amp;" not in email.body


def test_a_double_submit_sends_once(guide):
    with clock.frozen(at=local(2026, 12, 1, 10, 0)):
        assert send(guide, email="borger@example.dk") == 1
        assert send(guide, email="Borger@example.dk") == 1
    assert Message.objects.count() == 1
    with clock.frozen(at=local(2026, 12, 2, 10, 0)):
        send(guide, email="borger@example.dk")  # another day: sent again
    assert Message.objects.count() == 2


def test_other_answers_are_another_message(guide):
    send(guide, phone="12345678")
    services.checklist_send(
        guide=guide, answers={**ANSWERS, "from": "same_municipality"}, phone="12345678"
    )
    assert Message.objects.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"email": "ikke-en-adresse"}, "email"),
        ({"phone": "12345678", "email": "nej"}, "email"),
    ],
)
def test_bad_recipients_are_refused_per_field_and_nothing_is_sent(guide, kwargs, field):
    with pytest.raises(ValidationError) as caught:
        send(guide, **kwargs)
    assert field in caught.value.message_dict
    assert not Message.objects.exists()


def test_message_in_english(guide):
    send(guide, email="borger@example.dk", language="en")
    body = Message.objects.get().body
    assert "Report the move" in body


def test_texts_never_hold_a_cpr_number(guide):
    guide.questions.filter(key="children_count").update(max_value=None)
    guide = guide_get(slug="flytning")
    answers = {**ANSWERS, "children_count": 1501901234}
    services.checklist_send(guide=guide, answers=answers, phone="12345678", email="a@example.dk")
    for message in Message.objects.all():
        assert not contains_cpr(message.body)


@override_settings(PUBLIC_BASE_URL="https://indgang.example.dk")
def test_checklist_url_round_trips_through_the_form_parser(guide):
    url = services.checklist_url(guide=guide, answers=ANSWERS)

    parts = urlsplit(url)
    assert url.startswith("https://indgang.example.dk/livssituationer/flytning/tjekliste/?")
    assert parse_qs(parts.query)["children"] == ["yes"]
    assert answers_parse(guide=guide, data=QueryDict(parts.query), source="form") == ANSWERS


def test_version_numbers_count_up(guide, make_staff):
    user = make_staff("manager")
    first = services.guide_version_save(guide=guide, by=user)
    second = services.guide_version_save(guide=guide)
    assert (first.number, second.number) == (1, 2)
    guide.refresh_from_db()
    assert guide.version == 2
    assert guide.updated_at is not None
    assert [s["title"] for s in second.snapshot["steps"]] == ["Meld flytning", "Vælg læge"]
