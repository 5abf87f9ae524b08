from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from xingcun.core.permissions import Role
from xingcun.core.tests.clients import assert_lists_only
from xingcun.indicators.tests.support import value
from xingcun.operators import services
from xingcun.operators.models import AttractedTalent, OperatorResult, OperatorReview, SettledProject
from xingcun.operators.tests.factories import (
    OperatorContractFactory,
    OperatorTeamFactory,
    TalentKindFactory,
)
from xingcun.projects.tests.factories import ProjectFactory

D = dt.date


@pytest.fixture
def contract(tree):
    with scopes_disabled():
        services.defaults_ensure(district=tree.district)
    return OperatorContractFactory(area=tree.village_a)


def test_reward_is_refused_below_the_bar(contract):
    with scopes_disabled():
        with pytest.raises(ValidationError, match="不能发放奖励"):
            services.review_record(
                contract=contract, year=2020, score=Decimal(55), reward=Decimal(5), by=None
            )
        assert OperatorReview.objects.count() == 0
        review = services.review_record(
            contract=contract, year=2020, score=Decimal(80), reward=Decimal(5), by=None
        )
    assert review.passed


def test_operator_below_the_bar_is_terminated_with_a_reason(contract):
    with scopes_disabled():
        services.review_record(contract=contract, year=2020, score=Decimal(50), by=None)
        with pytest.raises(ValidationError, match="说明原因"):
            services.contract_terminate(contract=contract, reason=" ", on=D(2021, 1, 10), by=None)
        contract = services.contract_terminate(
            contract=contract, reason="招商未达目标", on=D(2021, 1, 10), by=None
        )
    assert (contract.status, contract.termination_reason) == ("terminated", "招商未达目标")


def test_operator_that_passed_cannot_be_terminated(contract):
    with scopes_disabled():
        services.review_record(contract=contract, year=2020, score=Decimal(90), by=None)
        with pytest.raises(ValidationError, match="未达标"):
            services.contract_terminate(contract=contract, reason="x", on=D(2021, 1, 10), by=None)


def test_team_not_selected_cannot_sign(tree):
    team = OperatorTeamFactory(area=tree.district, status="applied", selected_on=None)
    contract = OperatorContractFactory.build(area=tree.village_a, team=team)
    with scopes_disabled(), pytest.raises(ValidationError, match="入选"):
        contract.full_clean()


def test_results_of_a_terminated_contract_are_refused(contract):
    with scopes_disabled():
        services.review_record(contract=contract, year=2020, score=Decimal(50), by=None)
        services.contract_terminate(contract=contract, reason="x", on=D(2021, 1, 10), by=None)
        with pytest.raises(ValidationError, match="已解约"):
            services.result_record(
                contract=contract, period_end=D(2021, 3, 31), businesses=2, by=None
            )


@pytest.fixture
def results(tree):
    a = OperatorContractFactory(area=tree.village_a, signed_on=D(2019, 5, 1))
    b = OperatorContractFactory(area=tree.village_b, signed_on=D(2020, 5, 1))
    OperatorTeamFactory(area=tree.district, status="applied", selected_on=None)
    kind = TalentKindFactory(area=tree.district)
    with scopes_disabled():
        OperatorResult.objects.create(
            area=a.area, contract=a, period_end=D(2019, 12, 31), businesses=3
        )
        OperatorResult.objects.create(
            area=a.area, contract=a, period_end=D(2020, 12, 31), businesses=4
        )
        OperatorResult.objects.create(
            area=b.area, contract=b, period_end=D(2020, 12, 31), businesses=2
        )
        AttractedTalent.objects.create(
            area=a.area, contract=a, kind=kind, count=5, attracted_on=D(2019, 8, 1)
        )
        AttractedTalent.objects.create(
            area=b.area, contract=b, kind=kind, count=2, attracted_on=D(2020, 8, 1)
        )
        for c, landed, amount in [
            (a, D(2019, 9, 1), 3000),
            (b, D(2020, 9, 1), 7000),
            (b, None, 500),
        ]:
            p = ProjectFactory(
                area=c.area,
                investment=amount,
                status="building" if landed else "signed",
                signed_on=D(2019, 6, 1),
                landed_on=landed,
            )
            SettledProject.objects.create(area=c.area, contract=c, project=p)
    return tree


@pytest.mark.parametrize(
    ("code", "node", "year", "expected"),
    [
        ("operators.teams", "district", 2020, 2),
        ("operators.teams", "district", 2018, 0),
        ("operators.villages_signed", "district", 2019, 1),
        ("operators.villages_signed", "district", 2020, 2),
        ("operators.villages_signed", "town_b", 2020, 1),
        ("operators.businesses", "district", 2020, 9),
        ("operators.businesses", "town_a", 2019, 3),
        ("operators.projects", "district", 2020, 2),
        ("operators.projects", "district", 2019, 1),
        ("operators.investment", "district", 2020, 1),
        ("operators.investment", "town_a", 2020, "0.3"),
        ("operators.talents", "district", 2020, 7),
        ("operators.talents", "town_b", 2019, 0),
    ],
)
def test_operator_figures(results, code, node, year, expected):
    assert value(code, getattr(results, node), year) == Decimal(expected)


def test_team_login_records_results_and_sees_only_its_contracts(tree, partner_client):
    mine = OperatorContractFactory(area=tree.village_a)
    other = OperatorContractFactory(area=tree.village_a)
    client = partner_client(mine.team.users)
    hidden = f"/operators/contracts/{other.pk}/"
    assert_lists_only(client, "/operators/", mine, hidden_url=hidden)
    r = client.post(
        f"/operators/contracts/{mine.pk}/results/", {"period_end": "2020-06-30", "businesses": 3}
    )
    assert r.status_code == 302
    with scopes_disabled():
        assert mine.results.get().businesses == 3


def test_district_reviews_and_terminates_in_the_browser(tree, client_as):
    with scopes_disabled():
        services.defaults_ensure(district=tree.district)
    contract = OperatorContractFactory(area=tree.village_a)
    client = client_as(Role.DISTRICT, tree.district)
    r = client.post(
        f"/operators/contracts/{contract.pk}/review/", {"year": 2020, "score": "40", "reward": "3"}
    )
    assert "不能发放奖励" in r.content.decode()
    assert (
        client.post(
            f"/operators/contracts/{contract.pk}/review/", {"year": 2020, "score": "40"}
        ).status_code
        == 302
    )
    r = client.post(
        f"/operators/contracts/{contract.pk}/terminate/",
        {"on": "2021-01-05", "reason": "考核不合格"},
    )
    assert r.status_code == 302
    with scopes_disabled():
        contract.refresh_from_db()
    assert contract.status == "terminated"
