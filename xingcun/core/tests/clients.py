"""Test clients and what a page shows to them."""

from __future__ import annotations

from typing import Any

from django.test import Client


def login(user: Any) -> Client:
    """A test client with `user` logged in."""
    client = Client()
    client.force_login(user)
    return client


def assert_lists_only(client: Client, list_url: str, mine: Any, *, hidden_url: str) -> None:
    """The list page shows `mine` and nothing else, and another row's page is not found."""
    assert list(client.get(list_url).context["page"].object_list) == [mine]
    assert client.get(hidden_url).status_code == 404
