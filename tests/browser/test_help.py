"""Public help in Chromium: search from the start page and read an article
ending with the service's channels, by keyboard only and without JavaScript;
no axe-core violations at 1280 and 360 px and no sideways scrolling."""

from __future__ import annotations

from datetime import time

import pytest
from playwright.sync_api import expect

from indgang.catalogue.models import Channel
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge import services
from indgang.knowledge.models import ArticleStatus, Audience
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.catalogue.factories import (
    DepartmentFactory,
    LocationFactory,
    PhoneHoursFactory,
    ServiceFactory,
)
from tests.conftest import local

pytestmark = pytest.mark.browser

TUESDAY = local(2026, 11, 24, 10, 30)
BODY = """Dit sundhedskort (det gule kort) viser, hvilken læge du har.

## Sådan får du et nyt

1. Log ind med MitID.
2. Vælg **Bestil nyt sundhedskort**.

| Hvad | Pris |
|---|---|
| Nyt kort | 175 kr. |

Læs mere på [borger.dk](https://www.borger.dk).
"""


@pytest.fixture
def help_content(transactional_db, make_staff):
    department = DepartmentFactory(name="Sundhed og Omsorg", phone="46 31 30 00")
    PhoneHoursFactory(department=department, weekday=1, opens=time(9), closes=time(13))
    LocationFactory(name="Borgerservice Rådhuset", slug="raadhuset")
    service = ServiceFactory(
        name="Sundhedskort",
        slug="sundhedskort",
        department=department,
        self_service_url="https://www.borger.dk/sundhedskort",
        channels=[Channel.SELF_SERVICE, Channel.PERSONAL, Channel.PHONE],
    )
    author = make_staff(Role.BACK_OFFICE, department=department)
    article = services.article_create(
        by=author,
        title="Nyt sundhedskort",
        summary="Har du mistet dit sundhedskort, kan du bestille et nyt.",
        body=BODY,
        audience=Audience.PUBLIC,
        status=ArticleStatus.PUBLISHED,
        owner=department,
        services=[service],
    )
    services.article_create(
        by=author,
        title="Sundhedskort: intern vejledning",
        summary="Kun for medarbejdere.",
        body="Tjek altid adressen i CPR.",
        audience=Audience.INTERNAL,
        status=ArticleStatus.PUBLISHED,
    )
    return article


@pytest.fixture
def tuesday():
    with clock.frozen(at=TUESDAY) as at:
        yield at


def tab_to(page, predicate_js: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies `predicate_js` (el => bool)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"() => {{ const el = document.activeElement; return ({predicate_js})(el); }}"
        ):
            return
    raise AssertionError(f"Tab never reached an element matching {predicate_js}")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_help_search_and_article_pass_axe(new_page, axe, help_content, tuesday, viewport):
    page = new_page(viewport=viewport)
    page.goto("/hjaelp/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjælp")
    axe(page)
    no_sideways_scroll(page)

    page.goto("/hjaelp/?q=sundhedskort")
    results = page.locator(".indgang-help-result")
    expect(results).to_have_count(1)
    expect(results.first.get_by_role("link")).to_have_text("Nyt sundhedskort")
    axe(page)
    no_sideways_scroll(page)

    page.goto(f"/hjaelp/{help_content.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt sundhedskort")
    expect(page.locator(".indgang-article-body table")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_a_citizen_finds_the_answer_from_the_start_page_by_keyboard_without_javascript(
    new_page, help_content, tuesday, viewport
):
    page = new_page(viewport=viewport, javascript=False)
    page.goto("/")
    search = page.get_by_label("Søg efter svar på dit spørgsmål")
    expect(search).to_be_visible()
    tab_to(page, "el => el.id === 'start-help-q'")
    page.keyboard.type("det gule kort")
    page.keyboard.press("Enter")

    page.wait_for_url("**/hjaelp/?q=*")
    link = page.locator(".indgang-help-result").get_by_role("link", name="Nyt sundhedskort")
    expect(link).to_be_visible()
    expect(page.get_by_text("intern vejledning")).to_have_count(0)
    tab_to(page, "el => el.matches('.indgang-help-result a')")
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/hjaelp/{help_content.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt sundhedskort")
    channels = page.locator(".indgang-help-channels .indgang-channel")
    expect(channels).to_have_count(3)
    expect(channels.nth(0).get_by_role("link")).to_have_attribute(
        "href", "https://www.borger.dk/sundhedskort"
    )
    expect(channels.nth(1).get_by_role("link")).to_have_attribute(
        "href", "/bestil-tid/?services=sundhedskort"
    )
    expect(channels.nth(2)).to_contain_text("46 31 30 00")
    expect(channels.nth(2)).to_contain_text("Telefontid i dag")


def test_an_internal_article_is_not_found_on_the_public_pages(page, help_content, tuesday):
    from indgang.knowledge.models import Article

    internal = Article.objects.get(audience=Audience.INTERNAL)
    response = page.goto(f"/hjaelp/{internal.slug}/")
    assert response.status == 404


def staff_page(new_page, live_server, user, *, viewport=None):

    page = new_page(viewport=viewport)
    log_in(page, user, live_server.url)
    return page


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_staff_knowledge_pages_pass_axe(
    new_page, axe, live_server, help_content, tuesday, make_staff, viewport
):
    from datetime import timedelta

    author = make_staff(Role.MANAGER, department=help_content.owner)
    services.article_update(
        article=help_content, by=author, review_by=TUESDAY.date() - timedelta(days=1)
    )
    services.review_tasks_create()
    services.synonym_group_save(by=author, terms="sundhedskort, sygesikringskort, det gule kort")
    page = staff_page(new_page, live_server, author, viewport=viewport)
    base = "/personale/viden/"
    for url, heading in [
        (base, "Vidensbase"),
        (f"{base}?q=sundhedskort", "Vidensbase"),
        (f"{base}{help_content.slug}/", "Nyt sundhedskort"),
        (f"{base}{help_content.slug}/rediger/", "Redigér artikel"),
        (f"{base}{help_content.slug}/historik/", "Versionshistorik"),
        (f"{base}{help_content.slug}/historik/1/", "Nyt sundhedskort"),
        (f"{base}gennemsyn/", "Artikler til gennemsyn"),
        (f"{base}synonymer/", "Synonymer"),
        (f"{base}ny/", "Ny artikel"),
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        axe(page)
        no_sideways_scroll(page)

    # An empty form: the error summary takes focus and passes axe too.
    page.get_by_role("button", name="Gem artiklen").click()
    expect(page.locator(".indgang-error-summary")).to_be_visible()
    axe(page)
