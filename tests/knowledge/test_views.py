"""Knowledge pages: staff read, write, review and keep synonyms by role; the
public help finds and shows public articles only, each ending with the
service's channels (self-service, book a time, call with today's hours)."""

from __future__ import annotations

import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from indgang.catalogue.models import Channel
from indgang.core import clock
from indgang.core.permissions import Role
from indgang.knowledge import services
from indgang.knowledge.models import ArticleStatus, Audience, ReviewStatus, ReviewTask, SynonymGroup
from tests.catalogue.factories import DepartmentFactory, PhoneHoursFactory, ServiceFactory
from tests.conftest import local

NOW = local(2026, 11, 24, 10, 30)  # a Tuesday
TODAY = date(2026, 11, 24)
LIST = "/personale/viden/"


@pytest.fixture(autouse=True)
def tuesday():
    with clock.frozen(at=NOW) as at:
        yield at


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Sundhed", phone="46 31 30 00")


@pytest.fixture
def author(make_staff, department):
    return make_staff(Role.BACK_OFFICE, department=department)


@pytest.fixture
def articles(author, department):
    service = ServiceFactory(
        name="Sundhedskort",
        slug="sundhedskort",
        department=department,
        self_service_url="https://www.borger.dk/sundhedskort",
        channels=[Channel.PHONE, Channel.PERSONAL, Channel.SELF_SERVICE],
    )
    PhoneHoursFactory(department=department, weekday=1, opens=time(9), closes=time(13))

    def make(title, **kwargs):
        fields = {
            "summary": f"Resumé om {title.lower()}.",
            "body": f"## Sådan\n\nTekst om {title.lower()}.\n\n<script>alert(1)</script>",
            "status": ArticleStatus.PUBLISHED,
            "audience": Audience.PUBLIC,
            "owner": department,
            "services": [service],
        }
        fields.update(kwargs)
        return services.article_create(by=author, title=title, **fields)

    return {
        "public": make("Nyt sundhedskort"),
        "internal": make("Sundhedskort til udlandet intern", audience=Audience.INTERNAL),
        "draft": make("Sundhedskort kladde", status=ArticleStatus.DRAFT),
        "archived": make("Sundhedskort arkiveret", status=ArticleStatus.ARCHIVED),
        "service": service,
    }


def login(client, user):
    client.force_login(user)
    return client


# --- Staff: reading -------------------------------------------------------------------------


def test_staff_pages_need_login(client, articles):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.CONTACT_CENTRE])
def test_front_desk_and_contact_centre_read_published_internal_and_public(
    client, make_staff, articles, role
):
    login(client, make_staff(role))
    page = client.get(LIST).content.decode()
    assert "Nyt sundhedskort" in page
    assert "Sundhedskort til udlandet intern" in page
    assert "Sundhedskort kladde" not in page
    assert "Ny artikel" not in page

    internal = client.get(f"{LIST}{articles['internal'].slug}/")
    assert internal.status_code == 200
    assert "<h2>Sådan</h2>" in internal.content.decode()
    assert "<script>alert" not in internal.content.decode()
    assert client.get(f"{LIST}{articles['draft'].slug}/").status_code == 404
    assert client.get(f"{LIST}ny/").status_code == 403
    assert client.get(f"{LIST}{articles['public'].slug}/rediger/").status_code == 403


def test_administrator_has_no_knowledge_pages(client, make_staff, articles):
    login(client, make_staff(Role.ADMINISTRATOR))
    assert client.get(LIST).status_code == 403


def test_staff_article_shows_services_owner_review_date_version_and_history(
    client, author, articles
):
    login(client, author)
    page = client.get(f"{LIST}{articles['public'].slug}/").content.decode()
    assert "Sundhedskort</a>" in page
    assert "Sundhed" in page
    assert "24. november 2027" in page  # published: review a year ahead
    assert "Version:</strong> 1" in page
    assert f"{LIST}{articles['public'].slug}/historik/" in page
    assert "Redigér artiklen" in page


def test_staff_search_finds_published_articles_of_both_audiences(client, make_staff, articles):
    login(client, make_staff(Role.CONTACT_CENTRE))
    page = client.get(LIST, {"q": "sundhedskort"}).content.decode()
    assert "Nyt sundhedskort" in page
    assert "Sundhedskort til udlandet intern" in page
    assert "Sundhedskort kladde" not in page
    assert "Sundhedskort arkiveret" not in page


def test_staff_list_filters_by_status_audience_and_owner(client, author, articles):
    login(client, author)
    drafts = client.get(LIST, {"status": "draft"}).content.decode()
    assert "Sundhedskort kladde" in drafts and "Nyt sundhedskort" not in drafts
    internal = client.get(LIST, {"audience": "internal"}).content.decode()
    assert "Sundhedskort til udlandet intern" in internal and "Nyt sundhedskort" not in internal
    other = DepartmentFactory(name="Byggeri")
    assert "Nyt sundhedskort" not in client.get(LIST, {"owner": other.pk}).content.decode()


# --- Staff: writing and history -------------------------------------------------------------


def form_data(**kwargs):
    data = {
        "title": "Flytning",
        "summary": "Husk at melde flytning.",
        "body": "Meld flytning senest **5 dage** efter.",
        "audience": "public",
        "status": "published",
        "owner": "",
        "review_by": "",
    }
    data.update(kwargs)
    return data


def test_back_office_writes_and_edits_and_the_history_shows_each_version(
    client, author, make_staff, articles
):
    login(client, author)
    response = client.post(
        f"{LIST}ny/", form_data(services=[articles["service"].pk], owner=author.department.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}flytning/"
    page = client.get(response["Location"]).content.decode()
    assert "<strong>5 dage</strong>" in page

    edit = client.get(f"{LIST}flytning/rediger/").content.decode()
    assert "Husk at melde flytning." in edit
    response = client.post(
        f"{LIST}flytning/rediger/", form_data(body="Meld flytning senest 5 dage efter på nettet.")
    )
    assert response.status_code == 302

    history = client.get(f"{LIST}flytning/historik/").content.decode()
    assert "Version 1" in history and "Version 2" in history
    assert str(author) in history
    old = client.get(f"{LIST}flytning/historik/1/").content.decode()
    assert "<strong>5 dage</strong>" in old
    assert "Den gældende version er 2" in old
    assert client.get(f"{LIST}flytning/historik/9/").status_code == 404


def test_an_invalid_article_form_shows_an_error_summary(client, author, articles):
    login(client, author)
    response = client.post(f"{LIST}ny/", form_data(title="", audience=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Der er 2 fejl" in page
    assert 'href="#id_title"' in page and 'href="#id_audience_0"' in page


# --- Staff: review tasks --------------------------------------------------------------------


def test_review_page_lists_own_department_tasks_and_marks_reviewed(
    client, author, make_staff, articles
):
    services.article_update(
        article=articles["public"], by=author, review_by=TODAY - timedelta(days=2)
    )
    services.review_tasks_create()
    task = ReviewTask.objects.get()

    other = make_staff(Role.BACK_OFFICE, department=DepartmentFactory(name="Byggeri"))
    login(client, other)
    assert "Nyt sundhedskort" not in client.get(f"{LIST}gennemsyn/").content.decode()
    assert client.post(f"{LIST}gennemsyn/{task.pk}/").status_code == 403

    login(client, author)
    assert "Nyt sundhedskort" in client.get(f"{LIST}gennemsyn/").content.decode()
    response = client.post(f"{LIST}gennemsyn/{task.pk}/", {f"t{task.pk}-review_by": "2027-06-01"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == ReviewStatus.DONE
    assert task.article.review_by == date(2027, 6, 1)
    page = client.get(f"{LIST}gennemsyn/").content.decode()
    assert "er markeret som gennemset" in page
    assert "Der er ingen artikler til gennemsyn." in page


def test_contact_centre_has_no_review_page(client, make_staff, articles):
    login(client, make_staff(Role.CONTACT_CENTRE))
    assert client.get(f"{LIST}gennemsyn/").status_code == 403


# --- Staff: synonyms ------------------------------------------------------------------------


def test_manager_adds_edits_and_deletes_synonym_groups(client, make_staff):
    login(client, make_staff(Role.MANAGER))
    response = client.post(f"{LIST}synonymer/", {"terms": "sygesikringskort, sundhedskort"})
    assert response.status_code == 302
    group = SynonymGroup.objects.get()
    assert "sygesikringskort = sundhedskort" in client.get(f"{LIST}synonymer/").content.decode()

    bad = client.post(f"{LIST}synonymer/{group.pk}/", {"terms": "kun"})
    assert bad.status_code == 400
    assert "mindst to forskellige ord" in bad.content.decode()

    client.post(f"{LIST}synonymer/{group.pk}/", {"terms": "sundhedskort\ndet gule kort"})
    group.refresh_from_db()
    assert group.term_list() == ["sundhedskort", "det gule kort"]

    client.post(f"{LIST}synonymer/{group.pk}/slet/")
    assert not SynonymGroup.objects.exists()


@pytest.mark.parametrize("role", [Role.BACK_OFFICE, Role.CONTACT_CENTRE])
def test_only_managers_reach_the_synonym_page(client, make_staff, role):
    login(client, make_staff(role))
    assert client.get(f"{LIST}synonymer/").status_code == 403
    assert client.post(f"{LIST}synonymer/", {"terms": "a, b"}).status_code == 403


# --- Public help ------------------------------------------------------------------------------


def test_help_search_finds_only_published_public_articles_without_login(client, articles):
    page = client.get("/hjaelp/", {"q": "sundhedskort"}).content.decode()
    assert "Nyt sundhedskort" in page
    assert f'href="/hjaelp/{articles["public"].slug}/"' in page
    assert "<mark>" in page  # the snippet highlights the matched word
    for hidden in ("intern", "kladde", "arkiveret"):
        assert f"Sundhedskort {hidden}" not in page and "til udlandet" not in page


def test_help_page_without_a_question_shows_the_search_form(client, db):
    response = client.get("/hjaelp/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<label class="form-label" for="help-q">' in page
    assert "results-heading" not in page


def test_help_search_says_so_when_nothing_matches(client, articles):
    page = client.get("/hjaelp/", {"q": "hundeskat"}).content.decode()
    assert "0 svar på „hundeskat“" in page
    assert "Vi fandt ingen svar" in page


def test_public_article_ends_with_self_service_booking_and_phone_in_that_order(client, articles):
    response = client.get(f"/hjaelp/{articles['public'].slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    self_service = page.index('href="https://www.borger.dk/sundhedskort"')
    booking = page.index(f'href="{reverse("booking:start")}?services=sundhedskort"')
    phone = page.index('href="tel:+4546313000"') if "tel:+45" in page else page.index("46 31 30 00")
    hours = page.index("Telefontid i dag")
    body = page.index("Tekst om nyt sundhedskort.")
    assert body < self_service < booking < phone < hours
    # Nothing of the article comes after the channels.
    article = page[page.index("<article") : page.index("</article>")]
    assert re.search(r"</section>\s*$", article)


def test_public_article_without_phone_hours_today_says_the_phone_is_closed(
    client, articles, department
):
    with clock.frozen(at=local(2026, 11, 25, 10, 0)):  # Wednesday: no phone hours
        page = client.get(f"/hjaelp/{articles['public'].slug}/").content.decode()
    assert "Telefonen er lukket i dag" in page


@pytest.mark.parametrize("kind", ["internal", "draft", "archived"])
def test_help_article_404_for_internal_draft_and_archived(client, articles, kind):
    assert client.get(f"/hjaelp/{articles[kind].slug}/").status_code == 404


def test_help_article_404_for_an_unknown_slug(client, db):
    assert client.get("/hjaelp/findes-ikke/").status_code == 404


def test_start_page_and_article_page_have_a_help_search_box(client, articles):
    start = client.get(reverse("catalogue:start")).content.decode()
    assert 'action="/hjaelp/"' in start
    assert '<label class="form-label" for="start-help-q">' in start
    article = client.get(f"/hjaelp/{articles['public'].slug}/").content.decode()
    assert 'action="/hjaelp/"' in article
    assert '<label class="form-label" for="article-q">' in article


# --- Admin ------------------------------------------------------------------------------------


def test_admin_shows_articles_with_read_only_versions_and_keeps_synonyms(
    client, make_staff, articles
):
    manager = make_staff(Role.MANAGER, is_staff=True)
    login(client, manager)
    article = articles["public"]
    assert "Nyt sundhedskort" in client.get("/admin/knowledge/article/").content.decode()
    change = client.get(f"/admin/knowledge/article/{article.pk}/change/")
    assert change.status_code == 200
    assert "Versioner" in change.content.decode()
    # Changes go through the staff pages, which write versions.
    assert client.post(f"/admin/knowledge/article/{article.pk}/change/", {}).status_code == 403

    response = client.post("/admin/knowledge/synonymgroup/add/", {"terms": "pas, rejsepas"})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().term_list() == ["pas", "rejsepas"]
    bad = client.post("/admin/knowledge/synonymgroup/add/", {"terms": "pas"})
    assert bad.status_code == 200
    assert "mindst to forskellige ord" in bad.content.decode()
    assert SynonymGroup.objects.count() == 1
