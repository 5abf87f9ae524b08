"""Races end in words: every state-changing action that can lose a race tells the loser what
happened, in Chinese, never a 404 — claiming a wish, accepting an order, choosing (applying for and
assigning) a post, confirming a rating. Concurrent requests on PostgreSQL.

The failure this covers: of 100 concurrent claims of one wish, 41 of the 99 losers got a bare 404
"页面不存在" instead of "该心愿已被认领", and a later claim got 404 too. The claim page looked the
wish up among the wall's claimable wishes, so once the winner committed the wish was "not found".

Needs PostgreSQL (SQLite serialises every write, and an in-memory SQLite database is not shared
between threads):
DATABASE_URL=postgres://postgres@127.0.0.1:5432/xingcun pytest tests/security/test_races.py
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.ratings.tests.conftest import world  # noqa: F401 - the ratings fixture, reused
from xingcun.ratings.tests.test_services import scored

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need PostgreSQL (SQLite serialises writes; set DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]

RACERS = 8


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def race(calls: list[Callable[[], Any]]) -> list[tuple[int, str, list[int]]]:
    """Run the calls at the same moment, one thread and connection each: (final status, final
    page, statuses of the redirect chain) per call."""
    start = threading.Barrier(len(calls))
    results: list[tuple[int, str, list[int]]] = []
    errors: list[BaseException] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            start.wait()
            response = call()
            chain = [status for _, status in response.redirect_chain]
            results.append((response.status_code, response.content.decode(), chain))
        except BaseException as e:  # reported by the main thread
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(results) == len(calls)
    return results


def assert_words_not_404(results, *, win: str, lose: tuple[str, ...]) -> None:
    assert all(status == 200 for status, _, _ in results), [r[0] for r in results]
    assert all(404 not in chain for _, _, chain in results)
    win = f'msg-success">{win}'  # the winner's success message, not a status label on the page
    winners = [page for _, page, _ in results if win in page]
    losers = [page for _, page, _ in results if win not in page]
    assert len(winners) == 1
    for page in losers:
        assert any(words in page for words in lose), page[page.find("messages") :][:600]


def test_a_wish_claimed_by_many_at_once_tells_every_loser_who_won(tree, make_user):
    from xingcun.people.tests.factories import PartyMemberFactory
    from xingcun.wishes.models import WishClaim
    from xingcun.wishes.tests.factories import WishFactory

    wish = WishFactory(area=tree.village_a, published=True)
    clients = []
    for _ in range(RACERS):
        user = make_user(Role.MEMBER, tree.village_a)
        PartyMemberFactory(area=tree.village_a, person__user=user)
        clients.append(logged_in(user))
    url = reverse("wishes:claim", args=[wish.pk])
    results = race([lambda c=c: c.post(url, follow=True) for c in clients])
    assert_words_not_404(
        results, win="已认领“", lose=("该心愿已被认领", "该心愿刚刚已被其他人认领")
    )
    with scopes_disabled():
        assert WishClaim.objects.filter(wish=wish).count() == 1
    # A later claim, and a later look at the claim page: words too.
    later = clients[-1].post(url)
    assert later.status_code == 200
    assert "该心愿已被认领" in later.content.decode()
    assert "该心愿已被认领" in clients[0].get(url).content.decode()


def test_an_order_offered_to_a_team_is_accepted_once_and_the_others_are_told(tree, make_user):
    from xingcun.orders.models import ServiceOrder
    from xingcun.orders.tests.factories import (
        ExpertFactory,
        ServiceOrderFactory,
        ServiceTeamFactory,
    )

    team = ServiceTeamFactory(area=tree.district)
    clients = []
    for _ in range(RACERS // 2):
        user = make_user(Role.EXPERT, tree.district)
        expert = ExpertFactory(area=tree.district, user=user)
        with scopes_disabled():  # fixture: the expert joins the team
            expert.teams.add(team)
        clients.append(logged_in(user))
    order = ServiceOrderFactory(
        area=tree.village_a,
        team=team,
        status=ServiceOrder.Status.ASSIGNED,
        assigned_on=tree_day(),
    )
    url = reverse("orders:accept", args=[order.pk])
    results = race([lambda c=c: c.post(url, follow=True) for c in clients])
    assert_words_not_404(results, win="已接单", lose=("该服务单已由其他专家接单",))
    with scopes_disabled():
        assert ServiceOrder.objects.get(pk=order.pk).status == ServiceOrder.Status.ACCEPTED


def tree_day():
    from django.utils import timezone

    return timezone.localdate()


def test_the_last_seat_of_a_post_is_assigned_once_and_the_others_are_told(tree, make_user):
    from xingcun.posts.models import PostAssignment
    from xingcun.posts.tests.factories import PostAssignmentFactory, PostFactory

    post = PostFactory(area=tree.village_a, seats=1)
    applications = [PostAssignmentFactory(area=tree.village_a, post=post) for _ in range(2)]
    staff = [logged_in(make_user(Role.VILLAGE, tree.village_a)) for _ in range(RACERS // 2)]
    calls = [
        lambda c=c, a=applications[i % 2]: c.post(reverse("posts:assign", args=[a.pk]), follow=True)
        for i, c in enumerate(staff)
    ]
    results = race(calls)
    assert_words_not_404(results, win="", lose=("已经定满", "无需再定岗"))
    with scopes_disabled():
        assert PostAssignment.objects.filter(status=PostAssignment.Status.PUBLICISED).count() == 1


def test_a_member_applying_twice_at_once_gets_one_application_and_words(tree, make_user):
    from xingcun.people.tests.factories import PartyMemberFactory
    from xingcun.posts.models import PostAssignment
    from xingcun.posts.tests.factories import PostFactory

    post = PostFactory(area=tree.village_a, seats=3)
    user = make_user(Role.MEMBER, tree.village_a)
    PartyMemberFactory(area=tree.village_a, person__user=user, holds_office=False)
    clients = [logged_in(user) for _ in range(4)]
    url = reverse("posts:apply", args=[post.pk])
    results = race([lambda c=c: c.post(url, follow=True) for c in clients])
    assert_words_not_404(results, win="已选报“", lose=("已选报岗位",))
    with scopes_disabled():
        assert PostAssignment.objects.filter(post=post).count() == 1


def test_a_rating_confirmed_by_two_at_once_is_confirmed_once_and_the_other_is_told(world):  # noqa: F811
    for other in world.orgs[1:]:
        scored(world, other, 70)
    rating = scored(world, world.orgs[0], 88)
    admins = [
        logged_in(world.make_user(Role.DISTRICT, world.tree.district)) for _ in range(RACERS // 2)
    ]
    url = reverse("ratings:confirm", args=[rating.pk])
    results = race([lambda c=c: c.post(url, {"star": 4, "note": ""}, follow=True) for c in admins])
    assert_words_not_404(results, win="星级已确认", lose=("无需再次确认",))
