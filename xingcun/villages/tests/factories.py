from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.villages.models import VillageProfile, WeakVillageRule


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


def income_profile(
    area: Any, year: int, operating: Any, subsidy: Any = Decimal(3), **incomes: Any
) -> Any:
    """A profile whose 经营性收入 is `operating` and whose collective income is that, the
    `subsidy` and the other `incomes` given (contract, investment, other; nothing unless given)."""
    nothing = {"contract_income": 0, "investment_income": 0, "other_income": 0}
    return VillageProfileFactory(
        area=area,
        year=year,
        operating_income=operating,
        subsidy_income=subsidy,
        **nothing | incomes,
    )


class WeakVillageRuleFactory(ScopedFactory):
    class Meta:
        model = WeakVillageRule

    name = factory.Sequence(lambda n: f"薄弱村标准{n}")
    valid_from = 2017
    total_income_below = 10
    operating_income_below = 5


def weak_rule(
    area: Any, start: int, end: int | None, total: Any, operating: Any, **fields: Any
) -> Any:
    """The 集体经济薄弱村 line of `area` from `start` to `end` (None: still valid): collective
    income below `total` or 经营性收入 below `operating` (万元)."""
    return WeakVillageRuleFactory(
        area=area,
        valid_from=start,
        valid_to=end,
        total_income_below=total,
        operating_income_below=operating,
        **fields,
    )
