"""Small helpers shared by the browser tests."""

from __future__ import annotations

from django.test import Client


def log_in(page, user, base_url: str) -> None:
    """Give the page's browser context a session of `user` (no login form)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}]
    )


def tab_to(page, locator, *, limit: int = 120) -> None:
    """Press Tab until `locator` has the focus (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def no_sideways_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"
