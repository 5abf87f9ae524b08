"""The public wish page: limits keyed on the real client address behind the trusted proxy and kept
in the shared cache, a limit per village and day, single-use challenge tokens, a honeypot, and a
moderation count of what was kept off the wall.

The failures this covers: the 5-per-hour limit was keyed on REMOTE_ADDR in per-process memory
(behind the proxy every villager shared one bucket; each worker had its own), and the arithmetic
question's token could be reused for two hours.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.wishes import views
from xingcun.wishes.models import PublicRefusal, Wish
from xingcun.wishes.tests.public import public_form

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.XINGCUN_TRUSTED_PROXIES = [PROXY]
    cache.clear()
    yield
    cache.clear()


def via(ip: str) -> dict[str, str]:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ip}


def fresh_form(client, code: str, ip: str, **overrides: str) -> dict[str, str]:
    return public_form(client, code, headers=via(ip), **overrides)


def submit(client, code: str, data: dict[str, str], ip: str):
    return client.post(reverse("wishes:public", args=[code]), data, **via(ip))


def wishes() -> int:
    with scopes_disabled():  # the test counts every wish
        return Wish.objects.count()


def refusals(reason: str) -> int:
    with scopes_disabled():
        return sum(r.count for r in PublicRefusal.objects.filter(reason=reason))


def test_the_address_limit_is_per_villager_behind_the_proxy(tree, client):
    code = tree.village_a.code
    for i in range(views.PUBLIC_LIMIT):
        assert (
            submit(client, code, fresh_form(client, code, "203.0.113.5"), "203.0.113.5").status_code
            == 302
        ), i
    over = submit(client, code, fresh_form(client, code, "203.0.113.5"), "203.0.113.5")
    assert over.status_code == 200
    assert "提交过于频繁" in over.content.decode()
    # Another villager behind the same proxy has their own allowance.
    assert (
        submit(client, code, fresh_form(client, code, "198.51.100.8"), "198.51.100.8").status_code
        == 302
    )
    assert wishes() == views.PUBLIC_LIMIT + 1
    assert refusals(PublicRefusal.Reason.ADDRESS_LIMIT) == 1


def test_a_forged_forwarded_header_from_outside_the_proxy_is_ignored(tree, client):
    code = tree.village_a.code
    for i in range(views.PUBLIC_LIMIT + 1):
        data = fresh_form(client, code, f"203.0.113.{i}")
        response = client.post(
            reverse("wishes:public", args=[code]),
            data,
            REMOTE_ADDR="192.0.2.50",  # not a trusted proxy: its header proves nothing
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
    assert "提交过于频繁" in response.content.decode()
    assert wishes() == views.PUBLIC_LIMIT


def test_the_limit_lives_in_the_shared_cache(tree, client):
    """Another worker sees the count: it is in django.core.cache, not in process memory."""
    code = tree.village_a.code
    submit(client, code, fresh_form(client, code, "203.0.113.9"), "203.0.113.9")
    assert cache.get("xingcun:wishes:public:ip:203.0.113.9") == 1


def test_a_village_takes_a_limited_number_per_day_from_all_addresses(tree, client, monkeypatch):
    monkeypatch.setattr(views, "PUBLIC_VILLAGE_DAILY", 3)
    code = tree.village_a.code
    for i in range(3):
        assert (
            submit(
                client, code, fresh_form(client, code, f"203.0.113.{i}"), f"203.0.113.{i}"
            ).status_code
            == 302
        )
    over = submit(client, code, fresh_form(client, code, "203.0.113.99"), "203.0.113.99")
    assert "本村今天网上提交的心愿已达3个" in over.content.decode()
    other = tree.village_a2.code
    assert (
        submit(client, other, fresh_form(client, other, "203.0.113.99"), "203.0.113.99").status_code
        == 302
    )
    assert refusals(PublicRefusal.Reason.VILLAGE_LIMIT) == 1


def test_a_challenge_token_answers_once_only(tree, client):
    code = tree.village_a.code
    data = fresh_form(client, code, "203.0.113.20")
    assert submit(client, code, data, "203.0.113.20").status_code == 302
    replay = submit(client, code, {**data, "title": "再来一个"}, "203.0.113.20")
    assert replay.status_code == 200
    assert "已提交过" in replay.content.decode()
    assert wishes() == 1
    assert refusals(PublicRefusal.Reason.CHALLENGE) == 1


def test_a_wrong_answer_spends_the_token(tree, client):
    code = tree.village_a.code
    data = fresh_form(client, code, "203.0.113.21")
    submit(client, code, {**data, "answer": "99"}, "203.0.113.21")
    assert (
        submit(client, code, data, "203.0.113.21").status_code == 200
    )  # the right answer, too late
    assert wishes() == 0


def test_the_honeypot_is_refused_and_counted(tree, client):
    code = tree.village_a.code
    data = fresh_form(client, code, "203.0.113.22", website="http://spam.example")
    response = submit(client, code, data, "203.0.113.22")
    assert "提交未成功" in response.content.decode()
    assert wishes() == 0
    assert refusals(PublicRefusal.Reason.HONEYPOT) == 1


def test_town_and_district_staff_see_the_moderation_count_on_the_wall(tree, client, client_as):
    code = tree.village_a.code
    for _ in range(views.PUBLIC_LIMIT + 2):
        submit(client, code, fresh_form(client, code, "203.0.113.30"), "203.0.113.30")
    for role, area in ((Role.TOWN, tree.town_a), (Role.DISTRICT, tree.district)):
        page = client_as(role, area).get(reverse("wishes:wall")).content.decode()
        assert "网上提交被拦截" in page
        assert "同一网络地址提交过于频繁 2 次" in page
    other_town = client_as(Role.TOWN, tree.town_b).get(reverse("wishes:wall")).content.decode()
    assert "网上提交被拦截" not in other_town  # another town's villages are not its business
