from __future__ import annotations

from xingcun.core.tests.factories import ScopedFactory
from xingcun.villages.models import VillageProfile


class VillageProfileFactory(ScopedFactory):
    """A village's 2020 profile with small round figures (incomes in 万元)."""

    class Meta:
        model = VillageProfile

    year = 2020
    population = 100
    households = 30
    per_capita_income = 30000
    operating_income = 1
    contract_income = 1
    investment_income = 1
    subsidy_income = 1
    other_income = 1
    debt = 0
