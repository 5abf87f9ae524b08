from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django_scopes import scope, scopes_disabled

from conftest import Offices, office_logins
from xingcun.core.permissions import Role
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.vanguard import services


@dataclass
class World(Offices):
    tree: Any
    scheme: Any
    branch_a: Any
    branch_a2: Any
    alice: Any  # village_a, B category
    bob: Any  # village_a
    carol: Any  # village_a2 (same town, other branch)
    dave: Any  # village_b (other town)
    member_user: Any


@pytest.fixture
def world(tree, make_user):
    with scope(area=tree.district.path):
        scheme = services.ensure_defaults(district=tree.district)
    branch_a = OrganisationFactory(area=tree.village_a, name="白牛村党支部")
    branch_a2 = OrganisationFactory(area=tree.village_a2, name="石铺村党支部")
    branch_b = OrganisationFactory(area=tree.village_b, name="玉屏村党支部")
    joined = dt.date(2010, 7, 1)
    alice = PartyMemberFactory(area=tree.village_a, organisation=branch_a, joined_on=joined)
    bob = PartyMemberFactory(area=tree.village_a, organisation=branch_a, joined_on=joined)
    carol = PartyMemberFactory(area=tree.village_a2, organisation=branch_a2, joined_on=joined)
    dave = PartyMemberFactory(area=tree.village_b, organisation=branch_b, joined_on=joined)
    member_user = make_user(Role.MEMBER, tree.village_a)
    with scopes_disabled():  # linking the fixture member to their login
        alice.person.user = member_user
        alice.person.save(update_fields=["user"])
    return World(
        **vars(office_logins(tree, make_user)),
        tree=tree,
        scheme=scheme,
        branch_a=branch_a,
        branch_a2=branch_a2,
        alice=alice,
        bob=bob,
        carol=carol,
        dave=dave,
        member_user=member_user,
    )
