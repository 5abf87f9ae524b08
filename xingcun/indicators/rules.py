"""Rules that indicators apply. Thresholds live here, in one place, so that the 消薄 work can
replace them with rule sets that carry a version and a validity period."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q
from django.db.models.lookups import LessThan


@dataclass(frozen=True)
class WeakVillageRule:
    """集体经济薄弱村: the year's collective income below `total_below` 万元 and its operating
    income (经营收入 + 发包及上交收入 + 投资收益) below `operating_below` 万元."""

    name: str
    total_below: Decimal
    operating_below: Decimal

    def q(self) -> Q:
        """The rule as a condition on `VillageProfile` rows."""
        operating = F("operating_income") + F("contract_income") + F("investment_income")
        total = operating + F("subsidy_income") + F("other_income")
        return Q(LessThan(total, self.total_below)) & Q(LessThan(operating, self.operating_below))

    def describe(self) -> str:
        return (
            f"年集体经济收入低于{self.total_below}万元，"
            f"且经营性收入低于{self.operating_below}万元（{self.name}）"
        )


ZHEJIANG_2017 = WeakVillageRule(
    name="浙委办发〔2017〕60号", total_below=Decimal(10), operating_below=Decimal(5)
)


def weak_village_rule(year: int) -> WeakVillageRule:
    """The rule valid for `year`. One rule for now; versioned rule sets will answer by year."""
    return ZHEJIANG_2017
