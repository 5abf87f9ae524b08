from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from xingcun.api import services


@pytest.fixture
def token_for(make_user):
    """A personal API token of a new user holding `role` at `area`."""

    def make(role: str, area: Any, days: int = 30) -> str:
        user = make_user(role, area)
        _, raw = services.token_create(
            user=user, membership=user.memberships.get(), name="测试", days=days
        )
        return raw

    return make


@pytest.fixture
def api_as(token_for):
    """A client that sends a token of `role` at `area` with every request."""

    def make(role: str, area: Any) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(role, area)}")

    return make
