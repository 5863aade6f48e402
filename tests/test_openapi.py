"""The committed OpenAPI schema (docs/openapi.yaml) matches the code, and the
schema and its Swagger UI are served without anything from other hosts."""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "openapi.yaml"


def generate_schema() -> tuple[str, str]:
    """What `make schema` writes, generated in-process (as manage.py would run
    it: in the default language). Raises on warnings or an invalid schema."""
    out, err = io.StringIO(), io.StringIO()
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_committed_schema_is_up_to_date_and_has_no_warnings():
    generated, messages = generate_schema()

    assert "warning" not in messages.lower(), messages
    assert "error" not in messages.lower(), messages
    assert COMMITTED.exists(), "docs/openapi.yaml is missing: run make schema"
    assert generated == COMMITTED.read_text(encoding="utf-8"), (
        "docs/openapi.yaml differs from the generated schema: run make schema"
    )


def test_schema_documents_the_catalogue_endpoints():
    generated, _ = generate_schema()

    for path in (
        "/api/v1/subject-areas/:",
        "/api/v1/services/:",
        "/api/v1/authorities/:",
        "/api/v1/locations/:",
        "/api/v1/locations/{slug}/hours/:",
    ):
        assert f"\n  {path}\n" in generated, path


@pytest.mark.django_db
def test_schema_endpoint_serves_the_schema(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert b"/api/v1/services/" in response.content


@pytest.mark.django_db
def test_docs_page_loads_nothing_from_other_hosts(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    foreign = {
        url
        for url in re.findall(r"""(?:https?:)?//[^\s"'<>()]+""", html)
        if urlsplit(url if "://" in url else "http:" + url).hostname not in {"testserver", None}
    }
    assert not foreign, f"/api/docs/ refers to other hosts: {sorted(foreign)}"
    # Swagger UI comes from the installed sidecar package, served as our static files.
    assets = re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), html
    missing = [a for a in assets if finders.find(a) is None]
    assert not missing, f"static files the docs page needs are missing: {missing}"
