"""The guides API, exactly as the contract of issue 10 writes it."""

import uuid

import pytest

from indgang.guides.models import QuestionKind
from tests.guides.factories import (
    ChoiceFactory,
    GuideFactory,
    QuestionFactory,
    StepFactory,
    guide_build,
)

pytestmark = pytest.mark.django_db

VALID = {"moving_date": "2027-01-15", "from": "abroad", "children": False}


@pytest.fixture
def guide():
    guide = guide_build(slug="flytning", title="Du skal flytte", title_en="You are moving")
    date_q = guide.questions.get(key="moving_date")
    StepFactory(
        guide=guide,
        title="Meld flytning",
        title_en="Report the move",
        url="https://www.borger.dk/flyt",
        deadline_question=date_q,
        deadline_offset_days=5,
        position=2,
    )
    StepFactory(guide=guide, title="Vælg læge", title_en="", url="https://laege.dk/", position=1)
    StepFactory(
        guide=guide,
        title="Dagtilbud",
        show_if={"key": "children", "equals": True},
        url="https://x.dk/",
    )
    return guide


def post(client, slug, body, **headers):
    return client.post(
        f"/api/v1/guides/{slug}/checklist/", body, content_type="application/json", **headers
    )


def test_list_shows_published_guides_in_order(client, guide):
    GuideFactory(slug="kladde", is_published=False)
    GuideFactory(slug="alderdom", title="Pension", summary="Når du går på pension.", position=1)

    response = client.get("/api/v1/guides/")

    assert response.status_code == 200
    assert response.json() == {
        "guides": [
            {"slug": "alderdom", "title": "Pension", "summary": "Når du går på pension."},
            {"slug": "flytning", "title": "Du skal flytte", "summary": "Det skal du huske."},
        ]
    }


def test_detail_lists_questions_with_choices_and_conditions(client, guide):
    response = client.get("/api/v1/guides/flytning/")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "flytning"
    assert body["title"] == "Du skal flytte"
    assert [q["key"] for q in body["questions"]] == [
        "moving_date",
        "from",
        "children",
        "children_count",
        "pensioner",
    ]
    first, origin, _, count, _ = body["questions"]
    assert set(first) == {"key", "text", "kind", "choices", "show_if"}
    assert first["kind"] == "date"
    assert first["choices"] is None
    assert first["show_if"] is None
    assert origin["kind"] == "choice"
    assert [c["value"] for c in origin["choices"]] == [
        "same_municipality",
        "other_municipality",
        "abroad",
    ]
    assert set(origin["choices"][0]) == {"value", "label"}
    assert count["show_if"] == {"key": "children", "equals": True}


def test_unknown_or_unpublished_guide_is_404(client):
    GuideFactory(slug="kladde", is_published=False)
    for slug in ("kladde", "findes-ikke"):
        assert client.get(f"/api/v1/guides/{slug}/").status_code == 404
        assert post(client, slug, {"answers": VALID}).status_code == 404


def test_checklist_orders_by_deadline_with_undated_steps_last(client, guide):
    response = post(client, "flytning", {"answers": VALID})

    assert response.status_code == 200
    assert response.json() == {
        "steps": [
            {
                "title": "Meld flytning",
                "authority": "Demo Kommune",
                "service": None,
                "channel": "link",
                "url": "https://www.borger.dk/flyt",
                "deadline": "2027-01-20",
            },
            {
                "title": "Vælg læge",
                "authority": "Demo Kommune",
                "service": None,
                "channel": "link",
                "url": "https://laege.dk/",
                "deadline": None,
            },
        ]
    }


def test_checklist_in_english_uses_english_fields_when_filled(client, guide):
    response = post(client, "flytning", {"answers": VALID}, HTTP_ACCEPT_LANGUAGE="en")
    assert [s["title"] for s in response.json()["steps"]] == ["Report the move", "Vælg læge"]
    listing = client.get("/api/v1/guides/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert listing["guides"][0]["title"] == "You are moving"
    detail = client.get("/api/v1/guides/flytning/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["questions"][0]["text"].startswith("Question")
    assert detail["questions"][1]["choices"][0]["label"].startswith("Option")


def test_missing_required_answer_is_400_naming_the_key(client, guide):
    response = post(client, "flytning", {"answers": {"from": "abroad", "children": False}})

    assert response.status_code == 400
    body = response.json()
    assert body["answers"] == {"moving_date": ["Besvar spørgsmålet."]}
    assert "moving_date" in body["detail"]


def test_bad_values_are_400_per_key(client, guide):
    answers = {**VALID, "moving_date": "15/01/2027", "children": "ja"}
    response = post(client, "flytning", {"answers": answers})

    assert response.status_code == 400
    body = response.json()
    assert body["answers"] == {
        "moving_date": ["Skriv en dato som ÅÅÅÅ-MM-DD."],
        "children": ["Svaret skal være ja eller nej (true/false)."],
    }
    assert "moving_date" in body["detail"] and "children" in body["detail"]


@pytest.mark.parametrize("body", [{}, {"answers": ["moving_date"]}, {"answers": "x"}, []])
def test_answers_must_be_an_object(client, guide, body):
    response = post(client, "flytning", body)
    assert response.status_code == 400
    assert "answers" in response.json()["detail"]


def test_hidden_and_unknown_answers_are_ignored(client, guide):
    answers = {**VALID, "children_count": "mange", "colour": "blue"}
    assert post(client, "flytning", {"answers": answers}).status_code == 200


def test_logged_in_browser_needs_no_csrf_token(client, guide, make_staff):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(make_staff("front_desk"))
    assert post(csrf_client, "flytning", {"answers": VALID}).status_code == 200


def test_choice_labels_come_from_the_options(client):
    guide = GuideFactory(slug="valg")
    question = QuestionFactory(guide=guide, key="valg", kind=QuestionKind.CHOICE)
    choice = ChoiceFactory(question=question, value="a", label="Første")
    body = client.get("/api/v1/guides/valg/").json()
    assert body["questions"][0]["choices"] == [{"value": "a", "label": choice.label}]


def test_checklist_is_rate_limited_per_address_in_danish(client, guide, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
    }
    address = f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    for _ in range(2):
        assert post(client, "flytning", {"answers": VALID}, REMOTE_ADDR=address).status_code == 200
    response = post(client, "flytning", {"answers": VALID}, REMOTE_ADDR=address)
    assert response.status_code == 429
    assert "For mange forespørgsler" in response.json()["detail"]
