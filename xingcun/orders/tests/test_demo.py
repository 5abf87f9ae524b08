"""The demo data of the 借智借力 apps (orders, secretaries, finance, universities, operators) makes
every figure of report section 三 non-zero on a small tree, deterministically."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.core.permissions import Role
from xingcun.indicators.engine import Period, evaluate
from xingcun.villages.rules import ensure_default_rule
from xingcun.villages.tests.factories import income_profile

APPS = ("orders", "secretaries", "finance", "universities", "operators")
FIGURES = {
    "orders.teams": 2020,
    "orders.services": 2020,
    "orders.chief_services": 2020,
    "orders.villages_served": 2020,
    "orders.beneficiaries": 2020,
    "orders.problems_solved": 2020,
    "orders.demo_yield": 2020,
    "orders.demo_output": 2020,
    "orders.demo_income_increase": 2020,
    "secretaries.projects_recent": 2020,
    "secretaries.funds_recent": 2020,
    "secretaries.weak_cohort": 2020,
    "secretaries.weak_left_first_year": 2020,
    "secretaries.cohort_avg_debt_before": 2020,
    "secretaries.cohort_avg_debt_now": 2020,
    "finance.debt_loans": 2020,
    "finance.debt_loan_amount": 2020,
    "finance.cost_saved": 2020,
    "universities.commissioners": 2020,
    "universities.experts": 2020,
    "universities.students": 2020,
    "operators.teams": 2020,
    "operators.villages_signed": 2020,
    "operators.businesses": 2020,
    "operators.projects": 2020,
    "operators.investment": 2020,
    "operators.talents": 2020,
}


def run(tree, seed):
    import importlib

    counts = {}
    with scopes_disabled():  # as the demo generator runs them
        for app in APPS:
            module = importlib.import_module(f"xingcun.{app}.demo")
            counts[app] = module.generate(
                county=tree.district, rng=random.Random(f"{seed}:{app}"), scale=0.05
            )
    return counts


@pytest.fixture
def world(tree):
    with scopes_disabled():
        ensure_default_rule(district=tree.district)
    villages = [tree.village_a, tree.village_a2, tree.village_b, tree.village_b2]
    for year in range(2017, 2021):
        for i, village in enumerate(villages):
            weak = i < 2 and year - 2017 <= i  # village_a weak 2017, village_a2 weak 2017–2018
            income_profile(
                village,
                year,
                Decimal(2) if weak else Decimal(20),
                debt=Decimal(100 - 10 * (year - 2017)),
            )
    return tree


def test_demo_makes_every_figure_non_zero(world):
    counts = run(world, 1)
    assert all(n > 0 for app in counts.values() for n in app.values()), counts
    with scope(area=world.district.path):
        zero = [
            code
            for code, year in FIGURES.items()
            if not evaluate(code, area=world.district, period=Period.year(year)).value
        ]
    assert zero == []


def test_dashboard_and_drilldowns_of_section_three_render(world, client_as):
    from django.urls import reverse

    run(world, 3)
    client = client_as(Role.DISTRICT, world.district)
    for code in FIGURES:
        url = reverse("indicators:drilldown", args=[code, world.district.code, "2020"])
        assert client.get(url).status_code == 200, code
    for page in ("/orders/", "/secretaries/", "/finance/", "/universities/", "/operators/"):
        assert client.get(page).status_code == 200, page
