"""Fixtures shared by app, browser and architecture tests."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from indgang.core.permissions import Role
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory

CPH = ZoneInfo("Europe/Copenhagen")


def local(*args) -> datetime:
    """An aware Copenhagen datetime: local(2026, 11, 24, 10, 30)."""
    return datetime(*args, tzinfo=CPH)


@pytest.fixture(autouse=True)
def _danish_by_default():
    """A request under /en/ leaves English active in the thread; start each
    test in Danish, as the site does."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture
def password() -> str:
    return DEFAULT_PASSWORD


@pytest.fixture
def make_staff(db):
    """make_staff(Role.MANAGER) → a user with that role."""

    def _make(*roles: str, **kwargs):
        return UserFactory(roles=[str(r) for r in roles], **kwargs)

    return _make


@pytest.fixture
def admin_user_role(make_staff):
    return make_staff(Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def staff_client(client, make_staff):
    """A client logged in as a front-desk employee."""
    client.force_login(make_staff(Role.FRONT_DESK))
    return client


@pytest.fixture
def login_url() -> str:
    return reverse("accounts:login")
