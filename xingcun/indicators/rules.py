"""Rules that indicators apply, owned by the apps that define them and adapted here.

集体经济薄弱村 comes from the versioned rules of `villages.rules`: the rule valid in the year, the
deepest jurisdiction's rule shadowing a wider one. `villages.rules.weak_condition` filters on
annotations, which a conditional aggregate cannot use, so the same condition is written here with
lookup expressions instead.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.lookups import LessThan
from django.utils.translation import gettext_lazy

from xingcun.villages import rules as village_rules

NEVER = Q(pk__isnull=True)  # a condition no row meets (compiles, unlike pk__in=[])


def weak_profile_condition(year: int) -> Q:
    """`VillageProfile` rows that are weak under the rule valid for their village in `year`.
    Without any rule for a village's jurisdiction, it is not counted as weak."""
    condition = NEVER
    covered: list[str] = []
    for rule in village_rules.rules_valid_in(year=year):  # deepest jurisdiction first
        under = Q(area__path__startswith=rule.area.path)
        for deeper in covered:
            under &= ~Q(area__path__startswith=deeper)
        condition |= (
            under
            & Q(LessThan(village_rules.TOTAL, rule.total_income_below))
            & Q(LessThan(village_rules.OPERATING, rule.operating_income_below))
        )
        covered.append(rule.area.path)
    return condition


WEAK_RULE_TEXT = gettext_lazy(
    "按当年有效的薄弱村认定规则（“薄弱村认定规则”登记簿，镇规则优先于区规则）判定；"
    "默认标准为年集体经济总收入低于10万元且经营性收入低于5万元"
)
