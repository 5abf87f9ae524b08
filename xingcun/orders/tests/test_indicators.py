"""Indicator values against an independent count over the fixture records, for two nodes and two
periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.indicators.engine import Period, drilldown
from xingcun.indicators.tests.support import value
from xingcun.orders.models import ServiceOrder, SolvedProblem
from xingcun.orders.tests.factories import (
    DemonstrationProjectFactory,
    ExpertFactory,
    ServiceOrderFactory,
    ServiceTeamFactory,
)

D = dt.date


def delivered(area, on, beneficiaries, villages, expert=None, problems=0):
    order = ServiceOrderFactory(
        area=area,
        status="closed",
        assigned_on=on,
        accepted_on=on,
        delivered_on=on,
        beneficiaries=beneficiaries,
        expert=expert,
    )
    with scopes_disabled():
        order.villages.set(villages)
        for i in range(problems):
            SolvedProblem.objects.create(
                area=area, order=order, description=f"问题{i}", solved_on=on
            )
    return order


@pytest.fixture
def data(tree):
    chief = ExpertFactory(area=tree.district, chief_field="水果")
    plain = ExpertFactory(area=tree.district)
    ServiceTeamFactory(area=tree.district, formed_on=D(2018, 1, 1))
    ServiceTeamFactory(area=tree.town_a, formed_on=D(2020, 5, 1))
    ServiceTeamFactory(area=tree.town_b, formed_on=D(2018, 1, 1), dissolved_on=D(2019, 6, 1))
    delivered(tree.village_a, D(2019, 5, 1), 10, [tree.village_a], chief, problems=2)
    delivered(
        tree.village_a, D(2020, 5, 1), 20, [tree.village_a, tree.village_a2], chief, problems=1
    )
    delivered(tree.village_b, D(2020, 6, 1), 7, [tree.village_b, tree.village_a], plain, problems=3)
    ServiceOrderFactory(
        area=tree.village_b, status="accepted", assigned_on=D(2020, 6, 1), accepted_on=D(2020, 6, 1)
    )
    for village, mu, per_mu, output, increase in [
        (tree.village_a, 40, 600, 48, 30),
        (tree.village_b, 10, 400, 8, 10),
    ]:
        DemonstrationProjectFactory(
            area=village,
            expert=chief,
            year=2020,
            area_mu=Decimal(mu),
            yield_per_mu=Decimal(per_mu),
            output_value=Decimal(output),
            income_increase=Decimal(increase),
        )
    return tree


@pytest.mark.parametrize(
    ("code", "node", "year", "expected"),
    [
        ("orders.teams", "district", 2019, 1),
        ("orders.teams", "district", 2020, 2),
        ("orders.teams", "town_a", 2020, 1),
        ("orders.teams", "town_b", 2019, 0),
        ("orders.services", "district", 2020, 2),
        ("orders.services", "town_a", 2019, 1),
        ("orders.chief_services", "district", 2020, 1),
        ("orders.villages_served", "district", 2020, 3),
        ("orders.villages_served", "town_a", 2020, 2),
        ("orders.villages_served", "district", 2019, 1),
        ("orders.beneficiaries", "district", 2020, 27),
        ("orders.beneficiaries", "town_b", 2020, 7),
        ("orders.problems_solved", "district", 2019, 2),
        ("orders.problems_solved", "district", 2020, 6),
        ("orders.problems_solved", "town_b", 2020, 3),
        ("orders.demo_output", "district", 2020, 56),
        ("orders.demo_yield", "district", 2020, 560),
        ("orders.demo_yield", "village_a", 2020, 600),
        ("orders.demo_income_increase", "district", 2020, 26),
        ("orders.demo_income_increase", "village_b", 2020, 10),
    ],
)
def test_indicator_values(data, code, node, year, expected):
    assert value(code, getattr(data, node), year) == Decimal(expected)


def test_independent_count_of_services_matches(data):
    with scopes_disabled():
        independent = ServiceOrder.objects.filter(
            delivered_on__year=2020, area__path__startswith=data.town_a.path
        ).count()
    assert value("orders.services", data.town_a, 2020) == independent == 1


def test_drilldown_lists_the_orders_behind_services(data):
    with scope(area=data.district.path):
        rows = drilldown("orders.services", area=data.district, period=Period.year(2020))
        assert rows.count() == 2
