from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from xingcun.indicators.engine import Period, evaluate
from xingcun.indicators.tests.support import value
from xingcun.projects.tests.factories import ProjectFactory
from xingcun.secretaries import services
from xingcun.secretaries.models import SecretaryProject
from xingcun.secretaries.tests.factories import FirstSecretaryFactory, SecretaryFundFactory
from xingcun.secretaries.tests.test_services import cohort  # noqa: F401  (fixture)

D = dt.date


def test_weak_figures_for_two_nodes_and_two_years(tree, cohort):  # noqa: F811
    with scopes_disabled():
        services.weak_cohort_refresh(plan=cohort, by=None)
    assert value("secretaries.weak_cohort", tree.district, 2018) == 3
    assert value("secretaries.weak_cohort", tree.town_b, 2018) == 1
    assert value("secretaries.weak_left_first_year", tree.district, 2020) == 1
    assert value("secretaries.weak_left_first_year", tree.town_b, 2020) == 0
    assert value("secretaries.weak_removed", tree.district, 2018) == 1
    assert value("secretaries.weak_removed", tree.district, 2019) == 3
    assert value("secretaries.weak_remaining", tree.district, 2018) == 2
    assert value("secretaries.weak_remaining", tree.district, 2019) == 0
    # the latest exit so far rolls up as a maximum; with nothing remaining it is the year all left
    assert value("secretaries.last_exit_year", tree.district, 2018) == 2018
    assert value("secretaries.last_exit_year", tree.district, 2020) == 2019
    assert value("secretaries.last_exit_year", tree.town_a, 2020) == 2019
    assert value("secretaries.last_exit_year", tree.village_a, 2020) == 2018
    assert value("secretaries.last_exit_year", tree.town_b, 2018) is None
    with scope(area=tree.district.path):
        shown = evaluate("secretaries.last_exit_year", area=tree.district, period=Period.year(2020))
    assert shown.display() == "2019年"
    assert value("secretaries.cohort_avg_debt_before", tree.district, 2020) == Decimal(60)
    assert value("secretaries.cohort_avg_debt_before", tree.town_a, 2020) == Decimal(75)
    assert value("secretaries.cohort_avg_debt_now", tree.district, 2020) == Decimal(130) / 3
    assert value("secretaries.cohort_avg_debt_now", tree.town_a, 2018) == Decimal(70)


@pytest.fixture
def introduced(tree):
    a = FirstSecretaryFactory(area=tree.village_a, started_on=D(2017, 3, 1))
    b = FirstSecretaryFactory(area=tree.village_b, started_on=D(2019, 3, 1), ended_on=D(2020, 2, 1))
    with scopes_disabled():
        for sec, signed in [
            (a, D(2016, 5, 1)),
            (a, D(2018, 5, 1)),
            (b, D(2019, 5, 1)),
            (b, D(2020, 1, 5)),
        ]:
            project = ProjectFactory(
                area=sec.area,
                kind="agriculture",
                investment=100,
                status="signed",
                signed_on=signed,
                landed_on=None,
            )
            SecretaryProject.objects.create(area=sec.area, secretary=sec, project=project)
    SecretaryFundFactory(
        area=tree.village_a, secretary=a, received_on=D(2016, 1, 1), amount=Decimal("500")
    )
    SecretaryFundFactory(
        area=tree.village_a, secretary=a, received_on=D(2019, 1, 1), amount=Decimal("1200")
    )
    SecretaryFundFactory(
        area=tree.village_b, secretary=b, received_on=D(2020, 1, 1), amount=Decimal("300")
    )
    return tree


@pytest.mark.parametrize(
    ("code", "node", "year", "expected"),
    [
        ("secretaries.projects_recent", "district", 2020, 3),
        ("secretaries.projects_recent", "district", 2018, 2),
        ("secretaries.projects_recent", "town_b", 2020, 2),
        ("secretaries.funds_recent", "district", 2020, Decimal("0.15")),
        ("secretaries.funds_recent", "district", 2018, Decimal("0.05")),
        ("secretaries.funds_recent", "town_a", 2020, Decimal("0.12")),
        ("secretaries.posted", "district", 2019, 2),
        ("secretaries.posted", "district", 2020, 1),
        ("secretaries.posted", "town_b", 2020, 0),
    ],
)
def test_secretary_figures(introduced, code, node, year, expected):
    assert value(code, getattr(introduced, node), year) == Decimal(expected)
