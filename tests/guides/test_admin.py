"""Writing guides in the admin: conditions and deadlines checked before
saving, self-service steps remembered, and every save versioned."""

import json

import pytest

from indgang.guides.models import Choice, Guide, GuideVersion, Question, QuestionKind, Step
from tests.catalogue.factories import ServiceFactory
from tests.guides.factories import ChoiceFactory, GuideFactory, QuestionFactory, StepFactory

pytestmark = pytest.mark.django_db

QUESTION_FIELDS = ["key", "text", "text_en", "kind", "required", "show_if", "position"]
STEP_FIELDS = [
    "title",
    "title_en",
    "description",
    "description_en",
    "service",
    "authority",
    "url",
    "show_if",
    "deadline_question",
    "deadline_offset_days",
    "position",
]


@pytest.fixture
def admin_client(client, admin_user_role):
    client.force_login(admin_user_role)
    return client


def _value(value):
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value)
    if isinstance(value, bool):
        return "on" if value else ""
    return str(value)


def guide_form(*, guide: dict, questions: list[dict], steps: list[dict]) -> dict:
    """The guide admin page's POST: the guide, its question rows and step rows.
    A row with "id" is an existing one."""
    data = {
        "title": "Flytning",
        "slug": "flytning",
        "summary": "",
        "intro": "",
        "position": "1",
        "is_published": "on",
        "title_en": "",
        "summary_en": "",
        "intro_en": "",
        **{k: _value(v) for k, v in guide.items()},
    }
    for prefix, rows, fields in (
        ("questions", questions, QUESTION_FIELDS),
        ("steps", steps, STEP_FIELDS),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for r in rows if "id" in r))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for i, row in enumerate(rows):
            for name in [*fields, "id"]:
                value = row.get(name, "" if name != "position" else i + 1)
                if name == "required" and "required" not in row:
                    value = True
                if value in ("", None) and name not in row:
                    value = ""
                if value is not False:
                    data[f"{prefix}-{i}-{name}"] = _value(value)
            if "id" in row:
                data[f"{prefix}-{i}-guide"] = str(row["guide"])
    return data


QUESTIONS = [
    {"key": "moving_date", "text": "Hvornår flytter du?", "kind": "date"},
    {"key": "children", "text": "Har du børn?", "kind": "yes_no"},
]


def add(admin_client, *, questions=QUESTIONS, steps=(), **guide):
    data = guide_form(guide=guide, questions=list(questions), steps=list(steps))
    return admin_client.post("/admin/guides/guide/add/", data)


def test_saving_a_guide_records_version_one_with_the_whole_tree(admin_client, admin_user_role):
    steps = [{"title": "Meld flytning", "url": "https://www.borger.dk/flyt"}]

    response = add(admin_client, steps=steps)

    assert response.status_code == 302, response.content.decode()[:3000]
    guide = Guide.objects.get(slug="flytning")
    assert guide.version == 1
    version = GuideVersion.objects.get(guide=guide)
    assert version.number == 1
    assert version.created_by == admin_user_role
    assert [q["key"] for q in version.snapshot["questions"]] == ["moving_date", "children"]
    assert version.snapshot["steps"][0]["title"] == "Meld flytning"


def test_each_save_adds_a_version_and_keeps_the_old_one(admin_client):
    add(admin_client)
    guide = Guide.objects.get(slug="flytning")
    rows = [
        {**q, "id": Question.objects.get(key=q["key"]).pk, "guide": guide.pk} for q in QUESTIONS
    ]
    rows[1]["text"] = "Har du børn under 18?"

    response = admin_client.post(
        f"/admin/guides/guide/{guide.pk}/change/",
        guide_form(guide={}, questions=rows, steps=[]),
    )

    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.version == 2
    old, new = GuideVersion.objects.filter(guide=guide).order_by("number")
    assert old.snapshot["questions"][1]["text"] == "Har du børn?"
    assert new.snapshot["questions"][1]["text"] == "Har du børn under 18?"
    assert admin_client.get(f"/admin/guides/guideversion/{new.pk}/change/").status_code == 200
    assert admin_client.get("/admin/guides/guideversion/add/").status_code == 403


def test_condition_naming_an_unknown_question_is_refused(admin_client):
    questions = [
        *QUESTIONS,
        {
            "key": "school",
            "text": "Skole?",
            "kind": "yes_no",
            "show_if": {"key": "kids", "equals": True},
        },
    ]
    response = add(admin_client, questions=questions)

    assert response.status_code == 200
    assert "Ukendt spørgsmål »kids«." in response.content.decode()
    assert not Guide.objects.exists()
    assert not GuideVersion.objects.exists()


def test_a_step_may_depend_on_a_question_added_in_the_same_save(admin_client):
    steps = [
        {
            "title": "Dagtilbud",
            "url": "https://x.dk/",
            "show_if": {"key": "children", "equals": True},
        },
    ]
    assert add(admin_client, steps=steps).status_code == 302


def test_step_condition_with_bad_shape_is_refused(admin_client):
    steps = [{"title": "Dagtilbud", "url": "https://x.dk/", "show_if": {"key": "children"}}]
    response = add(admin_client, steps=steps)
    assert response.status_code == 200
    assert "præcis én sammenligning" in response.content.decode()


def test_deadline_must_count_from_a_date_question_of_the_same_guide(admin_client):
    add(admin_client)
    guide = Guide.objects.get(slug="flytning")
    other_date = QuestionFactory(guide=GuideFactory(), kind=QuestionKind.DATE)
    rows = [
        {**q, "id": Question.objects.get(key=q["key"]).pk, "guide": guide.pk} for q in QUESTIONS
    ]
    own_date = Question.objects.get(key="moving_date")

    def save_step(**step):
        data = guide_form(
            guide={}, questions=rows, steps=[{"title": "Meld", "url": "https://x.dk/", **step}]
        )
        return admin_client.post(f"/admin/guides/guide/{guide.pk}/change/", data)

    refused = save_step(deadline_question=other_date.pk, deadline_offset_days=5)
    assert refused.status_code == 200
    no_offset = save_step(deadline_question=own_date.pk)
    assert no_offset.status_code == 200
    assert "Skriv antal dage" in no_offset.content.decode()
    assert not Step.objects.exists()

    assert save_step(deadline_question=own_date.pk, deadline_offset_days=5).status_code == 302
    step = Step.objects.get()
    assert step.deadline_question == own_date
    assert step.deadline_offset_days == 5


def test_a_step_with_a_self_service_link_is_remembered_as_such(admin_client):
    with_link = ServiceFactory(self_service_url="https://www.borger.dk/flyt")
    without = ServiceFactory()
    steps = [
        {"title": "Meld flytning", "service": with_link.pk},
        {"title": "Pas", "service": without.pk},
    ]
    assert add(admin_client, steps=steps).status_code == 302
    assert dict(Step.objects.values_list("title", "expects_self_service")) == {
        "Meld flytning": True,
        "Pas": False,
    }


def test_a_step_needs_a_service_or_a_link(admin_client):
    response = add(admin_client, steps=[{"title": "Intet"}])
    assert response.status_code == 200
    assert "Vælg en ydelse, eller skriv et link." in response.content.decode()


def test_answer_options_are_edited_on_the_questions_page_and_versioned(admin_client):
    guide = GuideFactory()
    question = QuestionFactory(guide=guide, key="from", kind=QuestionKind.CHOICE)
    ChoiceFactory(question=question, value="abroad")

    change_page = admin_client.get(f"/admin/guides/guide/{guide.pk}/change/")
    assert f"/admin/guides/question/{question.pk}/change/" in change_page.content.decode()

    data = {
        "guide": guide.pk,
        "key": "from",
        "text": "Hvor flytter du fra?",
        "text_en": "",
        "help_text": "",
        "help_text_en": "",
        "kind": "choice",
        "required": "on",
        "show_if": "",
        "min_value": "",
        "max_value": "",
        "position": "1",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "1",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-id": Choice.objects.get().pk,
        "choices-0-question": question.pk,
        "choices-0-value": "abroad",
        "choices-0-label": "Fra udlandet",
        "choices-0-label_en": "",
        "choices-0-position": "1",
        "choices-1-value": "same_municipality",
        "choices-1-label": "Fra kommunen",
        "choices-1-label_en": "",
        "choices-1-position": "2",
    }
    response = admin_client.post(f"/admin/guides/question/{question.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    version = GuideVersion.objects.get(guide=guide)
    assert [c["value"] for c in version.snapshot["questions"][0]["choices"]] == [
        "abroad",
        "same_municipality",
    ]


def test_guide_pages_open(admin_client):
    guide = GuideFactory()
    StepFactory(guide=guide)
    for url in (
        "/admin/guides/guide/",
        "/admin/guides/guide/add/",
        f"/admin/guides/guide/{guide.pk}/change/",
        "/admin/guides/question/add/",
        "/admin/guides/guideversion/",
    ):
        assert admin_client.get(url).status_code == 200, url
