"""Weak-village (集体经济薄弱村) status, computed from village profiles by the rule version valid for
the year and the jurisdiction. Rules live above most users' nodes (at the district), so they are
read through the one selector below, which widens the scope on purpose."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Q, QuerySet

from xingcun.core.models import Area
from xingcun.core.seeding import system_create
from xingcun.villages.models import VillageProfile, WeakVillageRule

DEFAULT_NAME = "浙江省集体经济薄弱村标准"
DEFAULT_BASIS = "浙委办发〔2017〕60号：年集体经济总收入低于10万元且经营性收入低于5万元"
DEFAULT_FROM = 2017


def rules_valid_in(*, year: int) -> list[WeakVillageRule]:
    """Every rule valid in `year` that the scope uses (its own and its ancestors'), deepest first."""
    return list(WeakVillageRule.objects.valid_in(year=year))


def weak_rule_for(*, area: Area, year: int) -> WeakVillageRule | None:
    """The most specific rule covering `area` in `year` (a town's own line beats the district's)."""
    return WeakVillageRule.objects.effective(area=area, year=year)


def is_weak(profile: VillageProfile) -> bool:
    rule = weak_rule_for(area=profile.area, year=profile.year)
    if rule is None:
        return False
    return (
        profile.collective_income < rule.total_income_below
        and profile.operating_like_income < rule.operating_income_below
    )


MONEY = DecimalField(max_digits=16, decimal_places=2)
TOTAL = ExpressionWrapper(
    F("operating_income")
    + F("contract_income")
    + F("investment_income")
    + F("subsidy_income")
    + F("other_income"),
    output_field=MONEY,
)
OPERATING = ExpressionWrapper(
    F("operating_income") + F("contract_income") + F("investment_income"), output_field=MONEY
)


def weak_condition(*, year: int) -> Q:
    """A Q over VillageProfile rows of `year` that are weak under the rule valid for each."""
    condition = Q(pk__in=[])
    covered: list[str] = []
    for rule in rules_valid_in(year=year):  # deepest first: a deeper rule shadows a wider one
        under = Q(area__path__startswith=rule.area.path)
        for deeper in covered:
            under &= ~Q(area__path__startswith=deeper)
        condition |= under & Q(
            _total__lt=rule.total_income_below, _operating__lt=rule.operating_income_below
        )
        covered.append(rule.area.path)
    return condition


def weak_profiles(*, year: int) -> QuerySet[VillageProfile]:
    """Profiles of `year` that are weak, inside the current scope, in one query."""
    return (
        VillageProfile.objects.filter(year=year)
        .annotate(_total=TOTAL, _operating=OPERATING)
        .filter(weak_condition(year=year))
    )


@transaction.atomic
def ensure_default_rule(*, district: Area) -> WeakVillageRule:
    """The Zhejiang 2017 line for `district`, created once; later lines are added by staff."""
    existing = (
        WeakVillageRule.objects.inherited().filter(area=district).order_by("valid_from").first()
    )
    if existing is not None:
        return existing
    rule = WeakVillageRule(
        area=district,
        name=DEFAULT_NAME,
        valid_from=DEFAULT_FROM,
        valid_to=None,
        total_income_below=Decimal(10),
        operating_income_below=Decimal(5),
        basis=DEFAULT_BASIS,
    )
    return system_create(rule, action="weak_rules.created", changes={"name": [None, rule.name]})
