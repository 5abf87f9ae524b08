"""Many members claim one wish at the same moment: exactly one claim wins.

Needs PostgreSQL: SQLite serialises every write transaction, so no race can happen there, and an
in-memory SQLite database is not shared between threads. Run with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/xingcun pytest xingcun/wishes/tests/test_claim_race.py
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from xingcun.core.permissions import Role
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.wishes.models import Wish, WishClaim
from xingcun.wishes.tests.factories import WishFactory

CLAIMERS = 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the claim race needs PostgreSQL (SQLite serialises writes; set DATABASE_URL)",
)


@pytest.mark.django_db(transaction=True)
def test_only_one_of_many_simultaneous_claims_wins(tree, make_user):
    wish = WishFactory(area=tree.village_a, published=True)
    clients = []
    for _ in range(CLAIMERS):
        user = make_user(Role.MEMBER, tree.village_a)
        PartyMemberFactory(area=tree.village_a, person__user=user)
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = reverse("wishes:claim", args=[wish.pk])
    start = threading.Barrier(CLAIMERS)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def claim(client: Client) -> None:
        try:
            start.wait()
            statuses.append(client.post(url).status_code)
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=claim, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors
    assert statuses.count(302) == 1  # the winner is sent to "my claims"
    assert set(statuses) <= {302, 200}  # the others: the claim page saying who won, never a 404
    assert WishClaim._base_manager.filter(wish=wish).count() == 1
    assert Wish._base_manager.get(pk=wish.pk).status == Wish.Status.CLAIMED
