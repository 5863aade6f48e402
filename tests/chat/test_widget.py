"""The citizen's chat page (/chat/, /en/chat/), the loader script
(/chat/widget.js) and the callback request outside chat hours."""

from __future__ import annotations

import json
import logging
import re

import pytest
from django.urls import reverse

from indgang.catalogue.models import Channel
from indgang.contactcentre import services as contactcentre_services
from indgang.contactcentre.models import CallbackTask
from indgang.core import clock
from indgang.core.errors import DomainError
from indgang.knowledge import search
from indgang.notifications.models import Message
from tests.catalogue.factories import DepartmentFactory, ServiceFactory
from tests.chat.factories import chat_hours_weekdays
from tests.conftest import local
from tests.knowledge.test_search import make_article

pytestmark = pytest.mark.django_db

OPEN = local(2026, 11, 23, 10, 0)  # Monday; chat open Monday–Friday 8–20
EVENING = local(2026, 11, 23, 21, 30)  # Monday evening: opens again Tuesday 8.00
FRIDAY_NIGHT = local(2026, 11, 27, 22, 0)  # opens again Monday 30 November 8.00
CHRISTMAS_EVE = local(2026, 12, 24, 10, 0)  # Thursday, a day the chat is closed


@pytest.fixture(autouse=True)
def _setup():
    search.synonyms_changed()
    chat_hours_weekdays()


@pytest.fixture
def citizen_service():
    return DepartmentFactory(name="Borgerservice", slug="borgerservice", email="bs@kommune.dk")


def _get(client, path="/chat/", **params):
    return client.get(path, params)


# --- The page: open and closed ---------------------------------------------------------


def test_open_chat_page_invites_the_question(client):
    with clock.frozen(at=OPEN):
        response = _get(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chatten er åben" in html
    assert "Chatten er lukket lige nu" not in html
    assert 'id="chat-start-button"' in html and ">Start chat<" in html
    assert "Ring mig op" not in html  # the callback form is for closed hours
    assert 'aria-live="polite"' in html  # the suggestions region
    assert 'role="log"' in html
    config = json.loads(re.search(r'id="chat-config"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert config["open"] is True
    assert config["conversations"] == "/api/v1/chat/conversations/"
    assert config["search"] == "/api/v1/knowledge/search/"


def test_closed_chat_page_says_when_it_opens_and_offers_booking_and_callback(client):
    with clock.frozen(at=EVENING):
        html = _get(client).content.decode()
    assert "Chatten er lukket lige nu" in html
    assert "Vi åbner igen i morgen kl. 08.00." in html
    assert "Du kan stadig skrive dit spørgsmål" in html
    assert f'href="{reverse("booking:start")}"' in html
    assert 'action="/chat/ring-mig-op/"' in html
    assert ">Send spørgsmålet<" in html


def test_closed_over_the_weekend_names_the_day(client):
    with clock.frozen(at=FRIDAY_NIGHT):
        html = _get(client).content.decode()
    assert "Vi åbner igen mandag 30. november kl. 08.00." in html


def test_closed_on_a_public_holiday(client):
    with clock.frozen(at=CHRISTMAS_EVE):
        html = _get(client).content.decode()
    assert "Chatten er lukket lige nu" in html
    assert "Vi åbner igen mandag 28. december kl. 08.00." in html


def test_without_javascript_the_question_shows_the_best_matching_articles(client):
    make_article("Forny dit pas", summary="Bestil et nyt pas, når dit gamle udløber.")
    make_article("Flyt adresse", summary="Meld flytning.")
    make_article("Pas internt", audience="internal")
    with clock.frozen(at=EVENING):
        html = _get(client, q="nyt pas").content.decode()
    assert "Svar, der måske kan hjælpe dig" in html
    assert "Forny dit pas" in html
    assert "Flyt adresse" not in html
    assert "Pas internt" not in html
    # The callback form takes the question along.
    assert re.search(r'<textarea name="question"[^>]*>\s*nyt pas</textarea>', html)


def test_a_question_without_hits_says_so(client):
    with clock.frozen(at=OPEN):
        html = _get(client, q="zzzqqq").content.decode()
    assert "Vi fandt ingen svar på dit spørgsmål." in html


def test_english_page(client):
    with clock.frozen(at=OPEN):
        response = _get(client, "/en/chat/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    config = json.loads(
        re.search(r'id="chat-config"[^>]*>(.*?)</script>', response.content.decode(), re.S).group(1)
    )
    assert config["language"] == "en"


def test_the_page_may_be_framed_by_the_municipality_website(client):
    with clock.frozen(at=OPEN):
        response = _get(client, embed="1")
    assert "X-Frame-Options" not in response.headers
    assert response.headers["Content-Security-Policy"].startswith("frame-ancestors 'self' ")
    html = response.content.decode()
    assert "indgang-nav" not in html  # no site header in the iframe
    assert '<input type="hidden" name="embed" value="1">' in html


def test_framing_can_be_limited_to_the_municipality(client, settings):
    settings.CHAT_WIDGET_ORIGINS = ["https://www.kommune.dk"]
    with clock.frozen(at=OPEN):
        response = _get(client)
    assert (
        response.headers["Content-Security-Policy"]
        == "frame-ancestors 'self' https://www.kommune.dk"
    )


def test_other_pages_still_refuse_framing(client):
    response = client.get(reverse("catalogue:start"))
    assert response.headers["X-Frame-Options"] == "DENY"


# --- The loader script -----------------------------------------------------------------


def test_loader_script(client):
    response = client.get("/chat/widget.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "max-age=300" in response["Cache-Control"]
    body = response.content.decode()
    assert "window.IndgangChatWidget = {" in body
    config = json.loads(re.search(r"IndgangChatWidget\.start\((\{.*\})\);\s*$", body).group(1))
    assert config["paths"] == {"da": "/chat/", "en": "/en/chat/"}
    assert config["labels"]["da"]["open"] == "Chat med kommunen"
    assert config["labels"]["en"]["close"]  # translated when the catalogue has it
    assert config["base"].startswith("http")


# --- The callback request --------------------------------------------------------------


def _post_callback(client, **data):
    fields = {"name": "Karen Hansen", "phone": "12 34 56 78", "question": "Mit pas er væk."}
    fields.update(data)
    return client.post("/chat/ring-mig-op/", fields)


def test_callback_request_creates_a_task_and_says_what_happens_next(client, citizen_service):
    with clock.frozen(at=EVENING):
        response = _post_callback(client)
    assert response.status_code == 200
    task = CallbackTask.objects.get()
    assert task.department == citizen_service
    assert task.channel == Channel.CHAT
    assert task.citizen_name == "Karen Hansen"
    assert task.citizen_phone == "+4512345678"
    assert task.question == "Mit pas er væk."
    assert task.created_by is None
    html = response.content.decode()
    assert "Tak – vi ringer dig op" in html
    # Two working days: Wednesday 25 November at 16.00.
    assert "Vi ringer til 12 34 56 78 senest onsdag 25. november kl. 16.00." in html
    assert "Hvad sker der nu?" in html
    # The department hears of it (no citizen data in the notice).
    notice = Message.objects.get(recipient="bs@kommune.dk")
    assert "Karen" not in notice.body and "12345678" not in notice.body


def test_callback_refuses_a_bad_phone_number_with_a_form_message(client, citizen_service):
    response = _post_callback(client, phone="123")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv et gyldigt telefonnummer, fx 12 34 56 78." in html
    assert 'href="#id_phone"' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    assert CallbackTask.objects.count() == 0


def test_callback_needs_name_phone_and_question(client, citizen_service):
    response = _post_callback(client, name="", phone="", question="")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv dit navn." in html
    assert "Skriv dit telefonnummer, så vi kan ringe til dig." in html
    assert "Skriv, hvad vi skal ringe om." in html
    assert CallbackTask.objects.count() == 0


def test_callback_refuses_a_cpr_number(client, citizen_service):
    response = _post_callback(client, question="Mit CPR er 010190-1234, ring venligst")
    assert response.status_code == 400
    assert "Skriv ikke dit CPR-nummer" in response.content.decode()
    assert CallbackTask.objects.count() == 0


def test_callback_in_the_iframe_keeps_the_iframe_layout(client, citizen_service):
    response = _post_callback(client, embed="1")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "indgang-nav" not in response.content.decode()


def test_callback_form_page_prefills_the_question(client):
    response = client.get("/chat/ring-mig-op/", {"q": "Hvornår får jeg mit pas?"})
    assert response.status_code == 200
    assert "Hvornår får jeg mit pas?" in response.content.decode()


def test_callback_requests_are_rate_limited(client, citizen_service, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]},
    }
    settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["chat"] = "2/hour"
    from django.core.cache import cache

    cache.delete("chat:callback:127.0.0.1")
    assert _post_callback(client).status_code == 200
    assert _post_callback(client).status_code == 200
    response = _post_callback(client)
    assert response.status_code == 400
    assert "mange ønsker om opkald" in response.content.decode()
    assert CallbackTask.objects.count() == 2
    cache.delete("chat:callback:127.0.0.1")


def test_callback_never_logs_the_citizen(client, citizen_service, caplog):
    with caplog.at_level(logging.DEBUG):
        _post_callback(client, question="Hemmelig sag om min skilsmisse")
    assert "skilsmisse" not in caplog.text
    assert "Karen" not in caplog.text
    assert "12345678" not in caplog.text and "12 34 56 78" not in caplog.text


# --- contactcentre.services.callback_request ----------------------------------------


def test_callback_request_without_the_citizen_service_department_uses_the_service():
    service = ServiceFactory(name="Pas")
    with clock.frozen(at=OPEN):
        task = contactcentre_services.callback_request(
            question="Pas", citizen_name="Ib", citizen_phone="+46 70 123 45 67", service=service
        )
    assert task.department == service.department
    assert task.subject_area == service.subject_area
    assert task.citizen_phone == "+46701234567"


def test_callback_request_department_from_the_setting(settings):
    settings.CHAT_CALLBACK_DEPARTMENT = "kontaktcenter"
    department = DepartmentFactory(name="Kontaktcenter", slug="kontaktcenter")
    DepartmentFactory(name="Borgerservice", slug="borgerservice")
    task = contactcentre_services.callback_request(
        question="Hjælp", citizen_name="Ib", citizen_phone="12345678"
    )
    assert task.department == department


def test_callback_request_without_any_department_is_refused():
    with pytest.raises(DomainError):
        contactcentre_services.callback_request(
            question="Hjælp", citizen_name="Ib", citizen_phone="12345678"
        )
    assert CallbackTask.objects.count() == 0


def test_callback_request_requires_a_phone(citizen_service):
    with pytest.raises(DomainError) as exc:
        contactcentre_services.callback_request(
            question="Hjælp", citizen_name="Ib", citizen_phone=" "
        )
    assert "telefonnummer" in str(exc.value.message)
