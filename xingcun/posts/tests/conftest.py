from __future__ import annotations

import pytest

from xingcun.core.permissions import Role
from xingcun.core.scoping import scope
from xingcun.people.tests.factories import PartyMemberFactory


@pytest.fixture
def in_district(tree):
    with scope(area=tree.district.path):
        yield


@pytest.fixture
def member_user(tree, make_user):
    user = make_user(Role.MEMBER, tree.village_a)
    return user, PartyMemberFactory(area=tree.village_a, person__user=user)


@pytest.fixture
def clerk(tree, make_user):
    return make_user(Role.VILLAGE, tree.village_a)
