"""The knowledge search API (contract):
GET /api/v1/knowledge/search/?q=<text>&audience=public → {"results": [...]}."""

import pytest
from rest_framework.test import APIClient

from indgang.core.permissions import Role
from indgang.knowledge import search
from tests.catalogue.factories import ServiceFactory
from tests.knowledge.test_search import make_article

pytestmark = pytest.mark.django_db

URL = "/api/v1/knowledge/search/"


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    search.synonyms_changed()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def articles():
    service = ServiceFactory(name="Pas")
    public = make_article(
        "Forny dit pas",
        summary="Bestil et nyt <b>pas</b>, når dit gamle udløber.",
        body="Passet gælder i 10 år.",
        services=[service],
    )
    other = make_article("Rejser med børn", body="Børn skal også have et pas.")
    internal = make_article(
        "Pas: sådan tjekker du identitet",
        body="Spørg efter pas eller kørekort.",
        audience="internal",
    )
    draft = make_article("Pas kladde", status="draft")
    return {
        "public": public,
        "other": other,
        "internal": internal,
        "draft": draft,
        "service": service,
    }


def test_public_search_without_login(api, articles):
    response = api.get(URL, {"q": "pas", "audience": "public"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["title"] for r in results] == ["Forny dit pas", "Rejser med børn"]
    first = results[0]
    assert set(first) == {"id", "title", "service", "url", "snippet"}
    assert first["id"] == articles["public"].pk
    assert first["service"] == articles["service"].slug
    assert first["url"] == f"/hjaelp/{articles['public'].slug}/"
    assert "<mark>pas</mark>" in first["snippet"]
    assert "&lt;b&gt;" in first["snippet"]
    assert results[1]["service"] is None


def test_public_is_the_default_audience(api, articles):
    response = api.get(URL, {"q": "pas"})
    titles = [r["title"] for r in response.json()["results"]]
    assert "Pas: sådan tjekker du identitet" not in titles
    assert "Pas kladde" not in titles
    assert titles[0] == "Forny dit pas"


def test_misspelling_and_stemming_through_the_api(api, articles):
    assert api.get(URL, {"q": "pasport"}).json()["results"][0]["title"] == "Forny dit pas"
    assert api.get(URL, {"q": "passet udløber"}).json()["results"][0]["title"] == "Forny dit pas"


def test_internal_search_needs_a_staff_member(api, articles):
    response = api.get(URL, {"q": "pas", "audience": "internal"})
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


def test_internal_search_for_staff(api, articles, make_staff):
    api.force_authenticate(make_staff(Role.CONTACT_CENTRE))
    response = api.get(URL, {"q": "pas", "audience": "internal"})

    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["title"] == "Pas: sådan tjekker du identitet"
    assert result["url"] == f"/personale/viden/{articles['internal'].slug}/"


def test_a_user_without_a_role_is_refused_internal_articles(api, articles, make_staff):
    api.force_authenticate(make_staff())
    assert api.get(URL, {"q": "pas", "audience": "internal"}).status_code == 403


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "pas", "audience": "public"} | {"q": ""}])
def test_missing_query_is_a_danish_400(api, params):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"q": ["Skriv, hvad du søger efter (parameteren q)."]}


def test_unknown_audience_is_a_400(api):
    response = api.get(URL, {"q": "pas", "audience": "alle"})
    assert response.status_code == 400
    assert "målgruppe" in response.json()["audience"][0]


def test_limit(api, articles):
    response = api.get(URL, {"q": "pas", "limit": 1})
    assert len(response.json()["results"]) == 1
    assert api.get(URL, {"q": "pas", "limit": 0}).status_code == 400


def test_nothing_found_is_an_empty_list(api, articles):
    response = api.get(URL, {"q": "hundeskat"})
    assert response.status_code == 200
    assert response.json() == {"results": []}
