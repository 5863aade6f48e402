"""The staff page of broken guide steps in Chromium: no axe-core violations
at 1280 and 360 px, no sideways scrolling, and the edit link reaches the admin."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from indgang.core.permissions import Role
from tests.accounts.factories import UserFactory
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import log_in, no_sideways_scroll
from tests.catalogue.factories import ServiceFactory
from tests.guides.factories import GuideFactory, StepFactory

pytestmark = pytest.mark.browser

URL = "/personale/livssituationer/brudte-trin/"


@pytest.fixture
def broken(transactional_db):
    guide = GuideFactory(title="Du skal flytte")
    archived = ServiceFactory(name="Boligstøtte", is_archived=True)
    lost_link = ServiceFactory(name="Flytning")
    StepFactory(guide=guide, title="Søg boligstøtte", service=archived, url="")
    StepFactory(
        guide=guide, title="Meld flytning", service=lost_link, url="", expects_self_service=True
    )
    StepFactory(guide=GuideFactory(title="Dødsfald", is_published=False), title="Ring", url="")
    return guide


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_broken_steps_page_passes_axe(new_page, live_server, axe, broken, viewport):
    user = UserFactory(roles=[Role.ADMINISTRATOR], is_staff=True)
    page = new_page(viewport=viewport)
    log_in(page, user, live_server.url)

    page.goto(URL)

    expect(page.get_by_role("heading", level=1)).to_have_text("Brudte trin i livssituationer")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Ydelsen »Boligstøtte« er arkiveret.")
    expect(table).to_contain_text("har ikke længere et link til selvbetjening")
    expect(table).to_contain_text("ikke offentliggjort")
    axe(page)
    no_sideways_scroll(page)

    page.get_by_role("link", name="Ret »Søg boligstøtte«").click()
    expect(page).to_have_url(f"{live_server.url}/admin/guides/guide/{broken.pk}/change/")
