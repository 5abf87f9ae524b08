import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.core.models import Area
from xingcun.ecommerce.models import NewFarmerProject, Replication
from xingcun.ecommerce.tests.factories import BranchFactory, RecordFactory, RuleFactory
from xingcun.indicators.engine import Period, evaluate
from xingcun.organisations.models import BranchMembership
from xingcun.people.tests.factories import PartyMemberFactory
from xingcun.projects.tests.factories import ProjectFactory

SHOPS = {  # (village attr, year): (shops, active, sales 万元, households in e-commerce)
    ("village_a", 2020): (150, 120, 1500, 0),
    ("village_a2", 2020): (0, 0, 0, 0),
    ("village_b", 2020): (30, 20, 200, 5),
    ("village_a", 2021): (180, 130, 1800, 0),
    ("village_a2", 2021): (110, 101, 1200, 0),
    ("village_b", 2021): (40, 25, 260, 6),
    ("village_b2", 2021): (0, 0, 0, 3),
}


@pytest.fixture
def records(tree):
    RuleFactory(area=tree.district, town_min_villages=2)
    for (attr, year), (shops, active, sales, households) in SHOPS.items():
        RecordFactory(
            area=getattr(tree, attr),
            year=year,
            online_shops=shops,
            active_shops=active,
            online_sales=sales,
            ecommerce_households=households,
        )
    with scopes_disabled():
        Replication.objects.create(
            area=tree.district, region="甲县", replicated_on=dt.date(2020, 5, 1), how="参观学习"
        )
        Replication.objects.create(
            area=tree.town_a, region="乙镇", replicated_on=dt.date(2021, 3, 1), how="结对复制"
        )
    branch = BranchFactory(organisation__area=tree.town_a)
    joined = [
        # (returned entrepreneur, joined, left)
        (True, dt.date(2019, 5, 1), None),
        (True, dt.date(2020, 6, 1), dt.date(2021, 3, 1)),
        (True, dt.date(2021, 2, 1), None),
        (False, dt.date(2019, 5, 1), None),  # not counted
    ]
    with scopes_disabled():
        for flag, start, end in joined:
            member = PartyMemberFactory(area=tree.village_a, returned_entrepreneur=flag)
            BranchMembership.objects.create(
                area=tree.town_a,
                member=member,
                organisation=branch.organisation,
                joined_on=start,
                left_on=end,
            )
        for investment, status, landed in (
            (500, "operating", dt.date(2019, 9, 1)),
            (1200, "building", dt.date(2021, 1, 10)),
            (300, "signed", None),
        ):
            NewFarmerProject.objects.create(
                area=tree.town_a,
                branch=branch,
                project=ProjectFactory(
                    area=tree.village_a, investment=investment, status=status, landed_on=landed
                ),
            )
    return branch


def value(tree, code, area, year):
    with scope(area=tree.district.path):
        return evaluate(code, area=area, period=Period.year(year)).value


@pytest.mark.parametrize("year", [2020, 2021])
@pytest.mark.parametrize("node", ["district", "town_a"])
def test_ecommerce_figures_match_an_independent_count(tree, records, node, year):
    area = getattr(tree, node)
    rows = {
        getattr(tree, attr): figures
        for (attr, y), figures in SHOPS.items()
        if y == year and getattr(tree, attr).path.startswith(area.path)
    }
    taobao = [v for v, (_, active, sales, _h) in rows.items() if sales >= 1000 and active >= 100]
    covered = [v for v, (shops, _, _s, households) in rows.items() if shops or households]
    with scopes_disabled():
        villages = Area.objects.filter(path__startswith=area.path, level=5).count()
    assert value(tree, "ecommerce.taobao_villages", area, year) == len(taobao)
    assert value(tree, "ecommerce.shops", area, year) == sum(f[0] for f in rows.values())
    assert value(tree, "ecommerce.coverage", area, year) == Decimal(len(covered) * 100) / villages
    towns = 1 if len([v for v in taobao if v.parent_id == tree.town_a.pk]) >= 2 else 0
    assert value(tree, "ecommerce.taobao_towns", area, year) == towns


@pytest.mark.parametrize(
    ("node", "year", "replications", "members", "projects", "investment"),
    [
        ("district", 2020, 1, 2, 1, 500),
        ("district", 2021, 2, 2, 2, 1700),
        ("town_a", 2020, 0, 2, 1, 500),
        ("town_b", 2021, 0, 0, 0, 0),
    ],
)
def test_replications_and_newfarmer_figures(
    tree, records, node, year, replications, members, projects, investment
):
    area = getattr(tree, node)
    assert value(tree, "ecommerce.replications", area, year) == replications
    assert value(tree, "newfarmer.members", area, year) == members
    assert value(tree, "newfarmer.projects", area, year) == projects
    assert value(tree, "newfarmer.investment", area, year) == investment
