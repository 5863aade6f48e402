"""Article bodies: Markdown to HTML, sanitised with nh3.

Authors write Markdown; what reaches a page is only headings, paragraphs,
lists, links (http, https, mailto), emphasis, tables and code. Scripts, styles,
frames, event attributes and javascript: URLs never survive.
"""

from __future__ import annotations

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Removed with everything inside them, not just the tags.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template"}

# The page's title is the only h1: headings in the body start at h2.
_H1 = re.compile(r"<(/?)h1(\W)")


def markdown_html(text: str) -> SafeString:
    """Markdown `text` as sanitised HTML."""
    raw = markdown.markdown(text or "", extensions=["tables", "fenced_code", "sane_lists"])
    raw = _H1.sub(r"<\1h2\2", raw)
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
        set_tag_attribute_values={"table": {"class": "table"}},
    )
    # Wide tables scroll inside their own box on a phone (fixed markup, added after cleaning).
    clean = clean.replace("<table", '<div class="table--responsive-scroll"><table').replace(
        "</table>", "</table></div>"
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above


def article_html(article) -> SafeString:
    """The article's body as safe HTML."""
    return markdown_html(article.body)
