"""A role's home shows what concerns that role: a member, an expert or a partner is not told
about the jurisdiction's data or its village counts, which concern the cadres."""

from __future__ import annotations

import pytest

from xingcun.core.permissions import Role

CADRE_SENTENCE = "可查看本辖区及下辖单位的数据"


@pytest.mark.parametrize(
    ("role", "node"),
    [(Role.MEMBER, "village_a"), (Role.EXPERT, "district"), (Role.PARTNER, "district")],
)
def test_non_cadre_homes_leave_out_the_jurisdiction_overview(tree, client_as, role, node):
    text = client_as(role, getattr(tree, node)).get("/").content.decode()
    assert "身份登录。" in text
    assert CADRE_SENTENCE not in text
    assert 'class="figure"' not in text  # no town or village counts


@pytest.mark.parametrize(("role", "node"), [(Role.DISTRICT, "district"), (Role.TOWN, "town_a")])
def test_cadre_homes_show_the_jurisdiction_overview(tree, client_as, role, node):
    text = client_as(role, getattr(tree, node)).get("/").content.decode()
    assert CADRE_SENTENCE in text
    assert 'class="figure"' in text


def test_an_expert_is_greeted_by_the_accounts_one_display_name(tree, make_user):
    from django.test import Client
    from django_scopes import scopes_disabled

    from xingcun.orders.tests.factories import ExpertFactory

    user = make_user(Role.EXPERT, tree.district, display_name="姚伟杰")
    with scopes_disabled():  # fixture row
        ExpertFactory(area=tree.district, name="张青", user=user)
    client = Client()
    client.force_login(user)
    home, orders = client.get("/").content.decode(), client.get("/orders/").content.decode()
    assert "姚伟杰" in home
    assert "姚伟杰，这里是派给您" in orders
    assert "张青" not in orders
