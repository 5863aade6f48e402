"""Article bodies are Markdown rendered to HTML that can carry nothing
dangerous: no scripts, styles, frames, event attributes or javascript: URLs."""

from types import SimpleNamespace

import pytest

from indgang.knowledge.render import article_html


def html(body: str) -> str:
    return str(article_html(SimpleNamespace(body=body)))


def test_markdown_becomes_headings_lists_links_emphasis_tables_and_code():
    out = html(
        "## Sådan gør du\n\n"
        "1. Log ind med **MitID**\n2. Vælg *Bestil*\n\n"
        "- punkt\n\n"
        "Læs mere på [borger.dk](https://www.borger.dk) eller skriv til "
        "[os](mailto:borgerservice@demo.kommune.dk).\n\n"
        "| Gebyr | Beløb |\n|---|---|\n| Pas | 702 kr. |\n\n"
        "Skriv `CPR` uden bindestreg."
    )
    assert "<h2>Sådan gør du</h2>" in out
    assert "<ol>" in out and "<ul>" in out and "<li>" in out
    assert "<strong>MitID</strong>" in out and "<em>Bestil</em>" in out
    assert '<a href="https://www.borger.dk" rel="noopener">borger.dk</a>' in out
    assert 'href="mailto:borgerservice@demo.kommune.dk"' in out
    assert '<div class="table--responsive-scroll"><table class="table">' in out
    assert "<th>Gebyr</th>" in out and "<td>702 kr.</td>" in out
    assert "<code>CPR</code>" in out


def test_a_top_level_heading_becomes_h2_so_the_page_title_stays_the_only_h1():
    out = html("# Overskrift")
    assert "<h1" not in out
    assert "<h2>Overskrift</h2>" in out


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert('x')</script>Tekst",
        "<style>body{display:none}</style>Tekst",
        "<iframe src='https://evil.example'></iframe>Tekst",
        "<object data='x.swf'></object>Tekst",
    ],
)
def test_script_style_and_frames_are_removed_with_their_content(body):
    out = html(body)
    for bad in ("<script", "alert", "<style", "display:none", "<iframe", "evil.example", "<object"):
        assert bad not in out
    assert "Tekst" in out


def test_event_attributes_and_javascript_urls_are_stripped():
    out = html(
        '<a href="https://ok.dk" onclick="steal()">ok</a> '
        '<p onmouseover="steal()">tekst</p> '
        "[klik](javascript:alert(1)) "
        '<a href="JaVaScRiPt:alert(1)">igen</a> '
        '<img src="x" onerror="steal()">'
    )
    assert "steal" not in out
    assert "javascript" not in out.lower()
    assert "<img" not in out
    assert 'href="https://ok.dk"' in out


def test_links_only_to_http_https_and_mailto_and_always_noopener():
    out = html("[a](data:text/html;base64,PHNjcmlwdD4=) [b](ftp://x.dk) [c](http://x.dk)")
    assert "data:" not in out
    assert "ftp:" not in out
    assert '<a href="http://x.dk" rel="noopener">c</a>' in out


def test_raw_html_outside_the_allowed_set_keeps_only_its_text():
    out = html('<div class="x"><span style="color:red">hej</span></div><table class="evil">')
    assert "evil" not in out
    assert 'class="x"' not in out and "<span" not in out and "style" not in out
    assert '<table class="table">' in out  # our class, not the author's
    assert "hej" in out


def test_empty_body_renders_nothing():
    assert html("") == ""
