"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's
live server, with axe-core for WCAG 2.1 A/AA checks.

- Chromium comes from Debian (/usr/bin/chromium); we never download a browser.
  Without it the browser tests are skipped, unless INDGANG_REQUIRE_BROWSER=1
  (CI), where a missing browser is an error.
- Every page may fetch only from the live server: requests to any other host
  are aborted and fail the test, and so do uncaught JavaScript errors.
- Time: freeze it with `indgang.core.clock.frozen(at=...)`; it is process-wide,
  so the live server thread sees the same time. Never sleep: wait with expect().
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse database access from it (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def _require_browser() -> bool:
    return os.environ.get("INDGANG_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, set up after (so torn down before) the test
    databases: its thread's connection must be gone when they are dropped."""
    yield live_server
    from django.db import connections

    connections.close_all()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        reason = (
            f"Debian's Chromium is not installed at {CHROMIUM} "
            "(apt-get install chromium); browser tests skipped"
        )
        if _require_browser():
            pytest.fail(f"{reason}, but INDGANG_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(reason)
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `npm ci`", pytrace=False)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


class PageGuard:
    """What a page did that it must not: fetch from another host, throw."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            self.external.append(url)
            route.abort()
        else:
            route.continue_()

    def problems(self) -> list[str]:
        return [f"fetched from outside 127.0.0.1: {u}" for u in self.external] + [
            f"JavaScript error: {e}" for e in self.errors
        ]


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable]:
    """new_page(viewport=PHONE, javascript=False) → a page in a fresh context
    (Danish locale).

    The test fails if any page fetched from a host other than the live server
    or raised an uncaught JavaScript error.
    """
    contexts = []
    guard = PageGuard()

    def _new_page(*, viewport: dict | None = None, javascript: bool = True):
        context = browser.new_context(
            viewport=viewport or DESKTOP,
            locale="da-DK",
            base_url=live_server.url,
            java_script_enabled=javascript,
        )
        context.route("**/*", guard.route)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: guard.errors.append(str(exc)))
        page.set_default_timeout(10_000)
        return page

    yield _new_page
    for context in contexts:
        context.close()
    problems = guard.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280 px)."""
    return new_page()


def format_violations(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe-core violation(s):"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact') or 'n/a'}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            target = " ".join(
                ">>".join(t) if isinstance(t, list) else str(t) for t in node["target"]
            )
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"    … and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now.

    A click that navigates may still be loading the next page when axe is
    asked to look: wait for the load, and start again if the page is
    replaced while axe is injected or running.
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe !== 'undefined'"):
                page.add_script_tag(path=str(AXE_JS))
            result = page.evaluate(AXE_RUN, WCAG_TAGS)
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(200)
            continue
        return result["violations"]
    raise AssertionError("unreachable")


@pytest.fixture
def axe() -> Callable:
    """axe(page): assert that axe-core finds no WCAG 2.1 A/AA violations."""

    def _check(page) -> None:
        violations = run_axe(page)
        assert not violations, f"{page.url}\n" + format_violations(violations)

    return _check
