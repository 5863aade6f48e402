"""Front desk in Chromium: the kiosk and the waiting-room display have no
axe-core violations at 1280 and 360 px, the kiosk works with the keyboard,
and (the issue's proof) a call on one staff screen shows live on a second
staff screen of the location and on the display.

pytest-django's live server speaks WSGI only, so the live test runs Daphne
(config.asgi:application, HTTP and WebSockets) in a thread of this process,
against the same test database, with the Redis channel layer."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from indgang.core import clock
from indgang.core.permissions import Role
from indgang.frontdesk.models import Ticket
from tests.booking.factories import office_build
from tests.browser.conftest import PHONE
from tests.browser.helpers import log_in, no_sideways_scroll, tab_to
from tests.conftest import local
from tests.frontdesk.factories import booking_make, ticket_make

pytestmark = pytest.mark.browser

NOW = local(2026, 11, 23, 10, 20)  # Monday; the office is open 10–15
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def office(transactional_db):
    return office_build()


@pytest.fixture
def monday():
    with clock.frozen(at=NOW) as at:
        yield at


# ------------------------------------------------------------ kiosk, display


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_kiosk_check_in_with_the_keyboard(new_page, axe, office, monday, viewport):
    booking_make(office, start=NOW + timedelta(minutes=10), code="K7P2QX")
    page = new_page(viewport=viewport)
    page.goto(f"/kiosk/{office.location.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen. Tjek ind her")
    axe(page)
    no_sideways_scroll(page)

    # A wrong code: a plain Danish error that takes the focus.
    tab_to(page, page.get_by_label("Bookingkode"))
    page.keyboard.type("XXXXXX")
    page.keyboard.press("Enter")
    error = page.locator(".indgang-kiosk-error")
    expect(error).to_contain_text("Vi kunne ikke tjekke dig ind")
    expect(error).to_be_focused()
    axe(page)

    code = page.get_by_label("Bookingkode")
    tab_to(page, code)
    page.keyboard.press("Control+A")
    page.keyboard.type("k7p2qx")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du er tjekket ind")
    number = Ticket.objects.get(booking__code="K7P2QX").number
    expect(page.get_by_test_id("ticket-number")).to_have_text(number)
    expect(page.get_by_text("Forventet ventetid")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)

    # No booking: self-service, the first free time today, the information desk.
    page.goto(f"/kiosk/{office.location.slug}/uden-tid/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Har du ikke bestilt tid?")
    expect(page.get_by_text("Haster det? Gå til informationen.")).to_be_visible()
    axe(page)
    no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["1280px", "360px"])
def test_display_has_no_axe_violations(new_page, axe, office, monday, viewport):
    from indgang.frontdesk.models import TicketStatus

    for n, desk in enumerate(office.desks, start=1):
        ticket_make(
            office,
            due_at=NOW,
            number=f"A00{n}",
            status=TicketStatus.CALLED,
            desk=desk,
            called_at=NOW + timedelta(minutes=n),
        )
    page = new_page(viewport=viewport)
    page.goto(f"/skaerm/{office.location.slug}/")
    expect(page.get_by_test_id("latest-number")).to_have_text("A002")
    expect(page.locator("#display-called")).to_have_attribute("aria-live", "polite")
    # Sound is off until asked for.
    sound = page.get_by_role("button", name="Lyd til")
    expect(sound).to_have_attribute("aria-pressed", "false")
    axe(page)
    no_sideways_scroll(page)
    sound.click()
    expect(page.get_by_role("button", name="Lyd fra")).to_have_attribute("aria-pressed", "true")
    axe(page)


# ------------------------------------------------------- live: ASGI + sockets


@pytest.fixture(scope="session")
def asgi_server(django_db_setup):
    """Daphne serving config.asgi:application in a daemon thread for the rest
    of the session (Twisted's reactor cannot restart). Yields its base URL."""
    from daphne.server import Server
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from config.asgi import application

    ready = threading.Event()
    server = Server(
        application=ASGIStaticFilesHandler(application),
        endpoints=["tcp:port=0:interface=127.0.0.1"],
        signal_handlers=False,
        ready_callable=ready.set,
    )
    thread = threading.Thread(target=server.run, daemon=True, name="daphne")
    thread.start()
    if not ready.wait(timeout=15):
        pytest.fail("Daphne did not start")
    for _ in range(150):
        if server.listening_addresses:
            break
        threading.Event().wait(0.1)
    host, port = server.listening_addresses[0]
    yield f"http://{host}:{port}"


@pytest.fixture
def redis_layer(settings):
    """The Redis channel layer (as in production), own prefix per test."""
    import redis
    from channels.layers import channel_layers

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception:  # no Redis here: the in-process test cannot prove live updates
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"indgang-test-{uuid.uuid4().hex[:8]}"},
        }
    }
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


def staff_page(new_page, base: str, user, path: str):

    page = new_page()
    log_in(page, user, base)
    page.goto(base + path)
    return page


def test_a_call_on_one_staff_screen_shows_on_the_other_and_on_the_display(
    new_page, axe, office, monday, asgi_server, redis_layer, make_staff
):
    base = asgi_server
    slug = office.location.slug
    desk1, desk2 = office.desks
    ticket_make(office, due_at=NOW - timedelta(minutes=2), number="B001")
    ticket_make(office, due_at=NOW - timedelta(minutes=1), number="B002")

    display = new_page()
    display.goto(f"{base}/skaerm/{slug}/")
    one = staff_page(
        new_page, base, make_staff(Role.FRONT_DESK), f"/personale/skranke/{slug}/?desk={desk1.pk}"
    )
    two = staff_page(
        new_page, base, make_staff(Role.FRONT_DESK), f"/personale/skranke/{slug}/?desk={desk2.pk}"
    )
    # All three listen on the WebSocket (not the polling fallback).
    expect(display.locator("#display-board")).to_have_attribute("data-live", "live")
    for page in (one, two):
        expect(page.locator("#queue-live")).to_have_attribute("data-live", "live")
        expect(page.get_by_test_id("waiting-table")).to_contain_text("B001")
    expect(display.get_by_text("Ingen numre er kaldt endnu.")).to_be_visible()

    # Desk 1 calls: the display and the second staff screen show it.
    one.get_by_role("button", name="Kald næste").click()
    expect(one.get_by_test_id("current-ticket")).to_contain_text("B001")
    axe(one)
    expect(display.get_by_test_id("latest-number")).to_have_text("B001")
    expect(display.get_by_test_id("latest-desk")).to_have_text(str(desk1.number))
    expect(two.get_by_test_id("called-list")).to_contain_text("B001")
    expect(two.get_by_test_id("waiting-table")).not_to_contain_text("B001")

    # Desk 2 calls: the display highlights the new call; screen one sees it.
    two.get_by_role("button", name="Kald næste").click()
    expect(two.get_by_test_id("current-ticket")).to_contain_text("B002")
    expect(display.get_by_test_id("latest-number")).to_have_text("B002")
    expect(display.get_by_test_id("latest-desk")).to_have_text(str(desk2.number))
    expect(display.locator(".indgang-display-list")).to_contain_text("B001")
    expect(one.get_by_test_id("called-list")).to_contain_text("B002")
    expect(one.get_by_text("Ingen venter.")).to_be_visible()


def test_without_websockets_the_screens_fall_back_to_polling(
    new_page, live_server, office, monday, make_staff
):
    """pytest-django's WSGI live server has no WebSockets: the display and the
    staff screen poll every 10 s and still show a call."""
    from indgang.frontdesk.services import ticket_call_next

    slug = office.location.slug
    ticket_make(office, due_at=NOW - timedelta(minutes=2), number="B001")
    display = new_page()
    display.goto(f"/skaerm/{slug}/")
    staff = staff_page(
        new_page,
        live_server.url,
        make_staff(Role.FRONT_DESK),
        f"/personale/skranke/{slug}/?desk={office.desks[1].pk}",
    )
    expect(display.locator("#display-board")).to_have_attribute("data-live", "polling")
    expect(staff.locator("#queue-live")).to_have_attribute("data-live", "polling")

    ticket_call_next(desk=office.desks[0], by=make_staff(Role.FRONT_DESK))
    expect(display.get_by_test_id("latest-number")).to_have_text("B001", timeout=25_000)
    expect(staff.get_by_test_id("called-list")).to_contain_text("B001", timeout=25_000)
