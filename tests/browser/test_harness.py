"""The browser harness itself: axe reports violations, foreign hosts are caught."""

import pytest

from tests.browser.conftest import PageGuard, format_violations, run_axe

pytestmark = pytest.mark.browser


def test_axe_reports_rule_impact_and_target(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content('<html lang="da"><body><main><img src="data:,"></main></body></html>')

        violations = run_axe(page)
    finally:
        context.close()

    assert "image-alt" in {v["id"] for v in violations}
    message = format_violations(violations)
    assert "image-alt (critical)" in message
    assert "at img" in message


def test_requests_to_other_hosts_are_aborted_and_recorded(browser):
    guard = PageGuard()
    context = browser.new_context()
    try:
        context.route("**/*", guard.route)
        page = context.new_page()
        page.set_content('<img src="https://cdn.example.com/logo.png" alt="">')
        page.wait_for_load_state("load")
    finally:
        context.close()

    assert guard.problems() == ["fetched from outside 127.0.0.1: https://cdn.example.com/logo.png"]
