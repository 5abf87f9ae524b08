"""Records for the indicator tests: a few of each kind in the four villages of the `tree` fixture,
dated so that 2019, 2020 and the first half of 2020 give different values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django_scopes import scopes_disabled

from xingcun.organisations.models import Organisation
from xingcun.organisations.tests.factories import OrganisationFactory
from xingcun.people.tests.factories import HouseholdFactory, PartyMemberFactory
from xingcun.projects.models import Project
from xingcun.villages.models import VillageProfile

K = Organisation.Kind


@dataclass
class Records:
    organisations: list[Any]
    members: list[Any]
    households: list[Any]
    projects: list[Any]
    profiles: list[Any]


def profile(area: Any, year: int, **values: Any) -> VillageProfile:
    defaults: dict[str, Any] = {
        "population": 1000,
        "households": 300,
        "per_capita_income": Decimal("30000.00"),
        "operating_income": Decimal("2.00"),
        "contract_income": Decimal("1.00"),
        "investment_income": Decimal("0.50"),
        "subsidy_income": Decimal("4.00"),
        "other_income": Decimal("0.25"),
        "debt": Decimal("12.34"),
    }
    defaults.update(values)
    with scopes_disabled():  # fixture rows are written outside any scope
        return VillageProfile.objects.create(area=area, year=year, **defaults)


@pytest.fixture
def weak_rule(tree) -> Any:
    """The default 集体经济薄弱村 line (10万元 / 5万元) for the district."""
    from xingcun.villages.rules import ensure_default_rule

    with scopes_disabled():  # fixture rows are written outside any scope
        return ensure_default_rule(district=tree.district)


@pytest.fixture
def records(tree, weak_rule) -> Records:
    villages = [tree.village_a, tree.village_a2, tree.village_b, tree.village_b2]
    town_a = OrganisationFactory(area=tree.town_a, kind=K.TOWN_COMMITTEE, category="organ")
    town_b = OrganisationFactory(area=tree.town_b, kind=K.TOWN_COMMITTEE, category="organ")
    committee_a = OrganisationFactory(area=tree.village_a, kind=K.COMMITTEE, parent=town_a)
    organisations: list[Any] = [
        town_a,
        town_b,
        committee_a,
        OrganisationFactory(area=tree.village_a, kind=K.BRANCH, parent=committee_a),
        OrganisationFactory(area=tree.village_a, kind=K.GROUP, parent=committee_a),
        OrganisationFactory(
            area=tree.village_a2, kind=K.BRANCH, parent=town_a, founded_on=dt.date(2020, 8, 1)
        ),
        OrganisationFactory(
            area=tree.village_b, kind=K.GENERAL_BRANCH, dissolved_on=dt.date(2020, 5, 1)
        ),
        OrganisationFactory(
            area=tree.village_b, kind=K.BRANCH, parent=town_b, founded_on=dt.date(2020, 12, 1)
        ),
        OrganisationFactory(area=tree.village_b, kind=K.BRANCH, category="functional"),
        OrganisationFactory(area=tree.village_b2, kind=K.BRANCH, parent=town_b, founded_on=None),
    ]
    home = {v.pk: o for o in organisations for v in villages if o.area_id == v.pk}

    members = []
    for i in range(24):
        village = villages[i % 4]
        joined = dt.date(2014 + i % 8, i % 12 + 1, 1)
        left = dt.date(2020, 3, 1) if i % 5 == 0 and joined < dt.date(2020, 3, 1) else None
        office = i % 3 == 0
        members.append(
            PartyMemberFactory(
                area=village,
                organisation=home[village.pk],
                joined_on=joined,
                left_on=left,
                holds_office=office,
                category="A" if office else "B",
                returned_entrepreneur=i % 4 == 1,
            )
        )

    households = [
        HouseholdFactory(
            area=villages[i % 4],
            head=members[i].person,
            is_demonstration=i % 3 == 0,
            is_low_income=i % 4 == 0,
        )
        for i in range(11)
    ]

    owners = [
        tree.district,
        tree.town_a,
        tree.village_a,
        tree.village_a2,
        tree.village_b,
        tree.town_b,
        tree.village_b2,
        tree.village_a,
    ]
    statuses = ["signed", "building", "operating"]
    projects = []
    with scopes_disabled():
        for i, owner in enumerate(owners):
            status = statuses[i % 3]
            projects.append(
                Project.objects.create(
                    area=owner,
                    code=f"XM-{i}",
                    name=f"项目{i}",
                    kind="agriculture",
                    investment=Decimal(f"{1000 * (i + 1)}.{i}5"),
                    status=status,
                    signed_on=dt.date(2018 + i % 2, 1, 1),
                    landed_on=None
                    if status == "signed"
                    else dt.date(2019, 6, 1 + i)
                    if i % 2 == 0
                    else dt.date(2020, 3 + i, 1),
                )
            )

    profiles = [
        profile(tree.village_a, 2019),
        profile(tree.village_a, 2020, operating_income=Decimal("9.10"), population=1200),
        profile(tree.village_a2, 2019, subsidy_income=Decimal("1.00"), debt=Decimal("3.21")),
        profile(tree.village_a2, 2020, contract_income=Decimal("0.80"), subsidy_income=Decimal(0)),
        profile(tree.village_b, 2020, per_capita_income=Decimal("41234.56"), population=800),
        profile(tree.village_b2, 2019, investment_income=Decimal("-1.50"), debt=Decimal("99.99")),
    ]
    return Records(organisations, members, households, projects, profiles)
