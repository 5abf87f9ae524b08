"""淘宝村 and 淘宝镇 status, computed from the e-commerce records by the rule version valid in the
year. Rules belong to the district; they are read here without the user's scope on purpose (a
village's status depends on the district's rule), and a town's status reads every village of the
town (a town is a 淘宝镇 whatever part of it a user can see)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils.translation import gettext

from xingcun.core.models import Area
from xingcun.core.permissions import require
from xingcun.core.scoping import correlated
from xingcun.core.writes import save_audited
from xingcun.ecommerce.models import EcommerceRecord, TaobaoRule
from xingcun.ecommerce.permissions import ECOMMERCE_CONFIGURE
from xingcun.villages.models import VillageProfile

DEFAULT_NAME = "淘宝村、淘宝镇通行标准"
DEFAULT_BASIS = (
    "淘宝村：年网络零售额1000万元以上，活跃网店100家以上或达到当地家庭户数10%以上；"
    "淘宝镇：淘宝村3个以上，或网络零售额超过3000万元且活跃网店超过300家"
)
DEFAULT_FROM = 2014
BIG = DecimalField(max_digits=20, decimal_places=2)


def rules_valid_in(*, year: int) -> list[TaobaoRule]:
    """Rules valid in `year` that the scope uses, deepest node first."""
    return list(TaobaoRule.objects.valid_in(year=year))


def rule_for(*, area: Area, year: int) -> TaobaoRule | None:
    return TaobaoRule.objects.effective(area=area, year=year)


def _households() -> Subquery:
    """The village's households in the record's year, from its village profile."""
    return Subquery(
        correlated(VillageProfile)
        .filter(area=OuterRef("area"), year=OuterRef("year"))
        .values("households")[:1],
        output_field=IntegerField(),
    )


def _village_meets(rule: TaobaoRule) -> Q:
    shops = Q(pk__in=[])
    if rule.village_min_active_shops:
        shops |= Q(active_shops__gte=rule.village_min_active_shops)
    if rule.village_min_household_share:
        shops |= Q(
            GreaterThanOrEqual(
                F("ecommerce_households") * Value(100),
                _households() * Value(rule.village_min_household_share),
            )
        )
    return Q(online_sales__gte=rule.village_min_sales or 0) & shops


def village_condition(*, year: int) -> Q:
    """A Q over EcommerceRecord rows of `year` that make their village a 淘宝村."""
    condition = Q(pk__in=[])
    for rule in rules_valid_in(year=year):
        condition |= Q(area__path__startswith=rule.area.path) & _village_meets(rule)
    return Q(year=year) & condition


def _town_meets(rule: TaobaoRule, year: int) -> Q:
    in_town = correlated(EcommerceRecord).filter(year=year, area__parent=OuterRef("pk"))
    grouped = in_town.order_by().values("area__parent")
    condition = Q(pk__in=[])
    if rule.town_min_villages:
        villages = grouped.annotate(n=Count("pk", filter=_village_meets(rule))).values("n")
        condition |= Q(
            GreaterThanOrEqual(
                Coalesce(Subquery(villages, output_field=IntegerField()), 0),
                rule.town_min_villages,
            )
        )
    if rule.town_min_sales and rule.town_min_shops:
        sales = grouped.annotate(s=Sum("online_sales")).values("s")
        shops = grouped.annotate(s=Sum("active_shops")).values("s")
        condition |= Q(
            GreaterThan(
                Coalesce(Subquery(sales, output_field=BIG), Decimal(0)), rule.town_min_sales
            )
        ) & Q(
            GreaterThan(
                Coalesce(Subquery(shops, output_field=IntegerField()), 0), rule.town_min_shops
            )
        )
    return condition


def town_condition(*, year: int) -> Q:
    """A Q over Area rows (towns) that are 淘宝镇 in `year`."""
    condition = Q(pk__in=[])
    for rule in rules_valid_in(year=year):
        condition |= Q(path__startswith=rule.area.path) & _town_meets(rule, year)
    return Q(level=Area.Level.TOWN) & condition


def taobao_villages(*, year: int) -> QuerySet[EcommerceRecord]:
    """Records of `year` whose village is a 淘宝村, inside the current scope."""
    return EcommerceRecord.objects.filter(village_condition(year=year)).select_related("area")


def taobao_towns(*, year: int) -> QuerySet[Area]:
    return Area.objects.filter(town_condition(year=year)).order_by("code")


@transaction.atomic
def ensure_default_rule(*, district: Area, actor: Any = None) -> TaobaoRule:
    """The default 淘宝村/淘宝镇 rule for `district` (DOMAIN.md), created once."""
    require(actor, ECOMMERCE_CONFIGURE)
    if district.level != Area.Level.COUNTY:
        raise ValidationError(gettext("淘宝村(镇)认定规则只能定在区(县)"))
    existing = TaobaoRule.objects.inherited().filter(area=district).order_by("valid_from").first()
    if existing is not None:
        return existing
    rule = TaobaoRule(
        area=district,
        name=DEFAULT_NAME,
        valid_from=DEFAULT_FROM,
        village_min_sales=Decimal(1000),
        village_min_active_shops=100,
        village_min_household_share=Decimal(10),
        town_min_villages=3,
        town_min_sales=Decimal(3000),
        town_min_shops=300,
        basis=DEFAULT_BASIS,
    )
    return save_audited(
        rule,
        actor=actor,
        action="taobao_rules.created",
        via_path=None if actor else "system",
        changes={"name": [None, rule.name]},
    )
