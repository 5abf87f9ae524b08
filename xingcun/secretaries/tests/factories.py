from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django_scopes import scopes_disabled

from xingcun.core.tests.factories import ScopedFactory
from xingcun.people.tests.factories import PersonFactory
from xingcun.secretaries.models import FirstSecretary, SecretaryFund, WeakRemovalPlan
from xingcun.villages.models import VillageProfile, WeakVillageRule


class FirstSecretaryFactory(ScopedFactory):
    class Meta:
        model = FirstSecretary

    person = factory.SubFactory(PersonFactory, area=factory.SelfAttribute("..area"))
    sending_unit = "区农业农村局"
    started_on = dt.date(2018, 3, 1)


class SecretaryFundFactory(ScopedFactory):
    class Meta:
        model = SecretaryFund

    secretary = factory.SubFactory(FirstSecretaryFactory, area=factory.SelfAttribute("..area"))
    received_on = dt.date(2019, 6, 1)
    amount = Decimal("100.00")
    source = "省级财政"


class WeakRemovalPlanFactory(ScopedFactory):
    class Meta:
        model = WeakRemovalPlan

    name = "消薄三年行动"
    baseline_year = 2017
    target_year = 2020


def profile(area, year, operating, subsidy=Decimal(3), debt=Decimal(0)):
    """A profile whose 经营性收入 is `operating` and total `operating + subsidy` (万元)."""
    with scopes_disabled():  # fixture rows
        return VillageProfile.objects.create(
            area=area,
            year=year,
            population=1000,
            households=300,
            per_capita_income=30000,
            operating_income=operating,
            contract_income=0,
            investment_income=0,
            subsidy_income=subsidy,
            other_income=0,
            debt=debt,
        )


def weak_rule(area, start, end, total, operating):
    with scopes_disabled():  # fixture rows
        return WeakVillageRule.objects.create(
            area=area,
            name=f"{start}标准",
            valid_from=start,
            valid_to=end,
            total_income_below=total,
            operating_income_below=operating,
        )
