"""The citizen's pages of the life-situation guides: the list, the question
page (with and without JavaScript), the checklist and "send it to me"."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse

from indgang.catalogue.models import Channel
from indgang.core import clock
from indgang.guides.models import Guide, QuestionKind
from indgang.notifications.models import Message
from tests.booking.factories import office_build
from tests.catalogue.factories import DepartmentFactory, ServiceFactory
from tests.conftest import local
from tests.guides.factories import ChoiceFactory, GuideFactory, QuestionFactory, StepFactory

pytestmark = pytest.mark.django_db

NOV_2 = local(2026, 11, 2, 10, 0)


@dataclass
class Moving:
    guide: Guide


@pytest.fixture
def moving(db) -> Moving:
    return moving_build()


def moving_build() -> Moving:
    """A small moving guide "flyt": a date, where from, (from abroad: a CPR
    number?), children under 6, (if so: how many); four steps, one per channel."""
    guide = GuideFactory(
        slug="flyt",
        title="Når du flytter",
        title_en="When you move",
        summary="Det skal du huske, når du flytter.",
    )
    moving_date = QuestionFactory(
        guide=guide,
        key="moving_date",
        kind=QuestionKind.DATE,
        text="Hvornår flytter du?",
        text_en="When do you move?",
        position=1,
    )
    origin = QuestionFactory(
        guide=guide,
        key="from",
        kind=QuestionKind.CHOICE,
        text="Hvor flytter du fra?",
        text_en="Where do you move from?",
        position=2,
    )
    for n, (value, label) in enumerate(
        [
            ("same_municipality", "Fra en anden adresse i kommunen"),
            ("other_municipality", "Fra en anden kommune"),
            ("abroad", "Fra udlandet"),
        ]
    ):
        ChoiceFactory(question=origin, value=value, label=label, position=n)
    QuestionFactory(
        guide=guide,
        key="has_cpr",
        text="Har du et CPR-nummer?",
        show_if={"key": "from", "equals": "abroad"},
        position=3,
    )
    QuestionFactory(guide=guide, key="children_under_6", text="Har du børn under 6 år?", position=4)
    QuestionFactory(
        guide=guide,
        key="children_count",
        kind=QuestionKind.NUMBER,
        text="Hvor mange børn under 6 år?",
        show_if={"key": "children_under_6", "equals": True},
        min_value=1,
        max_value=9,
        position=5,
    )

    office = office_build()  # "pas" is bookable at a desk
    StepFactory(
        guide=guide,
        title="Meld flytning",
        service=ServiceFactory(
            name="Flytning", slug="flytning", self_service_url="https://www.borger.dk/flyt"
        ),
        url="",
        deadline_question=moving_date,
        deadline_offset_days=5,
        position=1,
    )
    StepFactory(
        guide=guide,
        title="Bestil sundhedskort",
        service=office.pas,
        url="",
        position=2,
    )
    StepFactory(
        guide=guide,
        title="Søg dagtilbud",
        service=ServiceFactory(
            name="Dagtilbud",
            slug="dagtilbud",
            channels=[Channel.PHONE],
            department=DepartmentFactory(name="Dagtilbud", phone="70 11 22 33"),
        ),
        url="",
        show_if={"key": "children_under_6", "equals": True},
        deadline_question=moving_date,
        deadline_offset_days=-30,
        position=3,
    )
    StepFactory(
        guide=guide,
        title="Få et CPR-nummer",
        url="https://www.nyidanmark.dk/",
        show_if={"key": "has_cpr", "equals": False},
        position=4,
    )
    return Moving(guide=guide)


def _guide_url(slug="flyt", prefix=""):
    return prefix + reverse("guides:guide", kwargs={"slug": slug})


def _checklist_url(slug="flyt"):
    return reverse("guides:checklist", kwargs={"slug": slug})


def _question_tag(html: str, key: str) -> str:
    match = re.search(rf'<div [^>]*id="question-{key}"[^>]*>', html)
    assert match, f"question {key} not on the page"
    return match.group(0)


def _visible(html: str, key: str) -> bool:
    return " hidden" not in _question_tag(html, key)


ANSWERS = {
    "moving_date": "2026-12-15",
    "from": "other_municipality",
    "children_under_6": "yes",
    "children_count": "2",
}


# --- The list ------------------------------------------------------------------------


def test_index_lists_published_guides_only(client, moving):
    GuideFactory(title="Kladde", is_published=False)

    html = client.get(reverse("guides:index")).content.decode()

    assert "Når du flytter" in html
    assert "Det skal du huske, når du flytter." in html
    assert _guide_url() in html
    assert "Kladde" not in html


def test_citizen_navigation_links_to_the_guides(client):
    html = client.get(reverse("guides:index")).content.decode()

    assert f'href="{reverse("guides:index")}" aria-current="page"' in html


# --- The question page -----------------------------------------------------------------


def test_question_page_shows_the_unconditional_questions(client, moving):
    response = client.get(_guide_url())
    html = response.content.decode()

    assert response.status_code == 200
    for key in ("moving_date", "from", "children_under_6"):
        assert _visible(html, key)
    # Conditional questions are on the page for the script, but hidden and disabled.
    assert not _visible(html, "has_cpr")
    assert not _visible(html, "children_count")
    assert re.search(r'name="children_count"[^>]*disabled', html)
    assert f'action="{_checklist_url()}"' in html
    assert 'method="get"' in html
    assert 'type="date"' in html
    assert "ÅÅÅÅ-MM-DD" in html
    assert "<legend" in html


def test_without_javascript_new_questions_are_asked_before_the_checklist(client, moving):
    # The page showed three questions; the answers make two more relevant.
    response = client.get(
        _checklist_url(),
        {
            "moving_date": "2026-12-15",
            "from": "abroad",
            "children_under_6": "yes",
            "_shown": "moving_date,from,children_under_6",
        },
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "Besvar også disse spørgsmål" in html
    assert _visible(html, "has_cpr")
    assert _visible(html, "children_count")
    assert 'href="#q-has_cpr"' in html
    # The answers so far are kept.
    assert re.search(r'value="abroad" checked', html)
    assert 'value="2026-12-15"' in html
    assert "Din tjekliste" not in html

    response = client.get(
        _checklist_url(),
        {
            "moving_date": "2026-12-15",
            "from": "abroad",
            "has_cpr": "no",
            "children_under_6": "yes",
            "children_count": "1",
            "_shown": "moving_date,from,has_cpr,children_under_6,children_count",
        },
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "Din tjekliste" in html
    assert "Få et CPR-nummer" in html


def test_edit_link_brings_the_answers_back_to_the_question_page(client, moving):
    html = client.get(_checklist_url(), ANSWERS).content.decode()
    match = re.search(r'<a href="([^"]+)" class="function-link">Ret dine svar', html)
    assert match

    page = client.get(match.group(1).replace("&amp;", "&")).content.decode()

    assert _visible(page, "children_count")
    assert 'value="2"' in page
    assert re.search(r'value="other_municipality" checked', page)


# --- The checklist ----------------------------------------------------------------------


def test_checklist_orders_steps_by_deadline_with_each_fastest_channel(client, moving):
    with clock.frozen(at=NOV_2):
        response = client.get(_checklist_url(), ANSWERS)
    html = response.content.decode()

    assert response.status_code == 200
    titles = re.findall(r'<h2 class="h3 indgang-guide-step-title">([^<]+)</h2>', html)
    # Daycare (30 days before the move), the move (5 days after), the health card (no deadline).
    assert titles == ["Søg dagtilbud", "Meld flytning", "Bestil sundhedskort"]
    assert "Senest 15. november 2026" in html
    assert "Senest 20. december 2026" in html
    assert 'href="https://www.borger.dk/flyt"' in html
    assert "Gør det selv på nettet" in html
    assert 'href="tel:+4570112233"' in html
    assert "Ring på 70 11 22 33" in html
    assert re.search(r'href="[^"]*/bestil-tid/\?services=pas"', html)
    assert "Bestil tid" in html
    assert "Få et CPR-nummer" not in html


def test_checklist_highlights_deadlines_soon_and_passed(client, moving):
    answers = {**ANSWERS, "moving_date": "2026-11-30"}  # daycare: 31 Oct; move: 5 Dec
    with clock.frozen(at=local(2026, 11, 30, 10, 0)):
        html = client.get(_checklist_url(), answers).content.decode()

    assert "Fristen er overskredet" in html
    assert "Inden for 7 dage" in html


def test_link_step_names_the_authority(client, moving):
    answers = {"moving_date": "2026-12-15", "from": "abroad", "has_cpr": "no"}
    answers["children_under_6"] = "no"
    html = client.get(_checklist_url(), answers).content.decode()

    assert 'href="https://www.nyidanmark.dk/"' in html
    assert "Gå til" in html


def test_bad_date_shows_the_question_page_with_an_error_linked_to_the_field(client, moving):
    response = client.get(_checklist_url(), {**ANSWERS, "moving_date": "15-12-2026"})
    html = response.content.decode()

    assert response.status_code == 400
    assert "Der er en fejl" in html
    assert 'href="#q-moving_date"' in html
    assert 'id="q-moving_date-error"' in html
    assert re.search(r'id="q-moving_date"[^>]*aria-invalid="true"', html)
    # The other answers are kept.
    assert re.search(r'value="other_municipality" checked', html)
    assert 'value="2"' in html


def test_missing_answer_is_an_error(client, moving):
    answers = {k: v for k, v in ANSWERS.items() if k != "from"}
    response = client.get(_checklist_url(), answers)
    html = response.content.decode()

    assert response.status_code == 400
    assert 'href="#q-from"' in html


# --- Send it to me --------------------------------------------------------------------------


def test_nothing_is_stored_while_answering(client, moving):
    client.get(_guide_url())
    client.get(_checklist_url(), ANSWERS)

    assert Message.objects.count() == 0


def test_send_queues_the_checklist_and_shows_a_success_message(client, moving):
    html = client.get(_checklist_url(), ANSWERS).content.decode()
    assert "Vi gemmer ikke dine svar" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert re.search(r'<input type="hidden" name="children_count" value="2">', html)

    response = client.post(
        reverse("guides:send", kwargs={"slug": "flyt"}),
        {**ANSWERS, "email": "borger@example.dk", "phone": "12 34 56 78"},
        follow=True,
    )
    html = response.content.decode()

    assert response.redirect_chain[0][0].startswith(_checklist_url() + "?")
    assert "Tjeklisten er sendt." in html
    assert "Meld flytning" in html
    assert sorted(Message.objects.values_list("channel", "recipient")) == [
        ("email", "borger@example.dk"),
        ("sms", "+4512345678"),
    ]


def test_send_without_recipient_shows_errors_on_the_checklist(client, moving):
    response = client.post(
        reverse("guides:send", kwargs={"slug": "flyt"}), {**ANSWERS, "email": "ikke-en-mail"}
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert "Der er en fejl" in html
    assert 'href="#send-email"' in html
    assert "Meld flytning" in html
    assert Message.objects.count() == 0


def test_send_is_post_only(client, moving):
    assert client.get(reverse("guides:send", kwargs={"slug": "flyt"})).status_code == 405


# --- Not found, English ------------------------------------------------------------------------


def test_unknown_or_unpublished_guide_is_not_found(client, moving):
    GuideFactory(slug="kladde", is_published=False)

    assert client.get(_guide_url("findes-ikke")).status_code == 404
    assert client.get(_guide_url("kladde")).status_code == 404
    assert client.get(_checklist_url("kladde"), ANSWERS).status_code == 404


def test_english_page_under_en(client, moving):
    html = client.get(_guide_url(prefix="/en")).content.decode()

    assert "When you move" in html
    assert "When do you move?" in html
    assert 'lang="en"' in html
    assert 'action="/en/livssituationer/flyt/tjekliste/"' in html
