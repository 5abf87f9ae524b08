from __future__ import annotations

import pytest

from xingcun.core.permissions import Role
from xingcun.core.scoping import scope
from xingcun.people.tests.factories import PartyMemberFactory


@pytest.fixture
def in_district(tree):
    """Services run inside a scope, as requests do."""
    with scope(area=tree.district.path):
        yield


@pytest.fixture
def member_user(tree, make_user):
    """A party member of village_a with a login linked to the person."""
    user = make_user(Role.MEMBER, tree.village_a)
    member = PartyMemberFactory(area=tree.village_a, person__user=user)
    return user, member


@pytest.fixture
def clerk(tree, make_user):
    return make_user(Role.VILLAGE, tree.village_a)
