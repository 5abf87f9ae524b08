import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope

from xingcun.alliances.tests.factories import (
    AllianceFactory,
    AllianceProjectFactory,
    MemberFactory,
    TourismFactory,
)
from xingcun.indicators.engine import Period, evaluate
from xingcun.pairing.tests.factories import ProfileFactory
from xingcun.projects.tests.factories import ProjectFactory


@pytest.fixture
def records(tree):
    a = AllianceFactory(area=tree.town_a, lead__area=tree.village_a, founded_on=dt.date(2019, 1, 1))
    b = AllianceFactory(area=tree.town_b, lead__area=tree.village_b, founded_on=dt.date(2021, 1, 1))
    projects = [
        # (alliance, investment 万元, status, landed_on)
        (a, 3000, "operating", dt.date(2019, 10, 1)),
        (a, 1500, "building", dt.date(2020, 8, 1)),
        (a, 800, "signed", None),
        (b, 2500, "operating", dt.date(2021, 4, 1)),
    ]
    links = [
        AllianceProjectFactory(
            alliance=alliance,
            project=ProjectFactory(
                area=alliance.area, investment=inv, status=status, landed_on=landed
            ),
        )
        for alliance, inv, status, landed in projects
    ]
    for town, year, visitors, revenue in (
        (tree.town_a, 2020, "30.50", "12000.00"),
        (tree.town_a, 2021, "35.25", "15000.50"),
        (tree.town_b, 2021, "8.00", "3000.00"),
    ):
        TourismFactory(area=town, year=year, visitors=visitors, revenue=revenue)
    # members: 白牛村 joined 2019 (base 2018), 石铺村 joined 2020 (base 2019), left end 2021
    MemberFactory(alliance=a, organisation__area=tree.village_a, joined_on=dt.date(2019, 3, 1))
    MemberFactory(
        alliance=a,
        organisation__area=tree.village_a2,
        joined_on=dt.date(2020, 3, 1),
        left_on=dt.date(2021, 6, 30),
    )
    incomes = {  # (village, year): (per-capita 元, population)
        (tree.village_a, 2018): (20000, 1000),
        (tree.village_a, 2020): (24000, 1010),
        (tree.village_a, 2021): (26000, 1020),
        (tree.village_a2, 2019): (18000, 800),
        (tree.village_a2, 2020): (19500, 800),
        (tree.village_a2, 2021): (21000, 800),
    }
    for (village, year), (pc, pop) in incomes.items():
        ProfileFactory(area=village, year=year, per_capita_income=pc, population=pop)
    return links, incomes


def expected_projects(links, node, year):
    end = dt.date(year, 12, 31)
    landed = [
        link.project
        for link in links
        if link.area.path.startswith(node.path)
        and link.project.status != "signed"
        and link.project.landed_on <= end
    ]
    return len(landed), sum(Decimal(p.investment) for p in landed) / 10000


@pytest.mark.parametrize("year", [2020, 2021])
@pytest.mark.parametrize("node", ["district", "town_a"])
def test_projects_and_investment_match_an_independent_count(tree, records, node, year):
    links, _ = records
    area = getattr(tree, node)
    count, investment = expected_projects(links, area, year)
    with scope(area=tree.district.path):
        period = Period.year(year)
        assert evaluate("alliances.projects_landed", area=area, period=period).value == count
        assert evaluate("alliances.investment", area=area, period=period).value == investment


@pytest.mark.parametrize(
    ("node", "year", "visitors", "revenue"),
    [
        ("district", 2020, "30.50", "12000.00"),
        ("district", 2021, "43.25", "18000.50"),
        ("town_a", 2021, "35.25", "15000.50"),
        ("town_b", 2020, "0", "0"),
    ],
)
def test_tourism_figures(tree, records, node, year, visitors, revenue):
    area = getattr(tree, node)
    with scope(area=tree.district.path):
        period = Period.year(year)
        assert evaluate("alliances.tourism_visitors", area=area, period=period).value == Decimal(
            visitors
        )
        assert evaluate("alliances.tourism_revenue", area=area, period=period).value == Decimal(
            revenue
        )


@pytest.mark.parametrize("year", [2020, 2021])
@pytest.mark.parametrize("node", ["district", "town_a"])
def test_member_income_increase_since_joining(tree, records, node, year):
    _, incomes = records

    def total(village, y):
        pc, pop = incomes[(village, y)]
        return Decimal(pc * pop)

    expected = total(tree.village_a, year) - total(tree.village_a, 2018)
    if year == 2020:  # 石铺村 left in 2021
        expected += total(tree.village_a2, 2020) - total(tree.village_a2, 2019)
    area = getattr(tree, node)
    with scope(area=tree.district.path):
        value = evaluate(
            "alliances.member_income_increase", area=area, period=Period.year(year)
        ).value
    assert value == expected / 10000


def test_alliances_are_counted_as_of_the_period_end(tree, records):
    with scope(area=tree.district.path):
        assert evaluate("alliances.count", area=tree.district, period=Period.year(2020)).value == 1
        assert evaluate("alliances.count", area=tree.district, period=Period.year(2021)).value == 2
