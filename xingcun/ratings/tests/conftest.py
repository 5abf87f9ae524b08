from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django_scopes import scope

from conftest import Offices, office_logins
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.ratings import services


@dataclass
class World(Offices):
    tree: Any
    scheme: Any
    orgs: list  # ten organisations: 3 + 3 in town_a, 2 + 2 in town_b
    make_user: Any
    cache: dict

    def user(self, role, area):
        key = (role, area.pk)
        if key not in self.cache:
            self.cache[key] = self.make_user(role, area)
        return self.cache[key]


@pytest.fixture
def world(tree, make_user):
    with scope(area=tree.district.path):
        scheme = services.ensure_defaults(district=tree.district)
    orgs = []
    for village, n in (
        (tree.village_a, 3),
        (tree.village_a2, 3),
        (tree.village_b, 2),
        (tree.village_b2, 2),
    ):
        orgs += [OrganisationFactory(area=village) for _ in range(n)]
    return World(
        **vars(office_logins(tree, make_user)),
        tree=tree,
        scheme=scheme,
        orgs=orgs,
        make_user=make_user,
        cache={},
    )
