from __future__ import annotations

import pytest

from indgang.core.permissions import Role


@pytest.fixture
def client_as(client, make_staff):
    """client_as(Role.MANAGER) → the test client logged in with that role."""

    def _as(*roles):
        client.force_login(make_staff(*roles))
        return client

    return _as


@pytest.fixture
def manager_client(client_as):
    return client_as(Role.MANAGER)
