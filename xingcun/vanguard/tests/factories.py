from __future__ import annotations

from decimal import Decimal

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.vanguard.models import Item, Scheme


class SchemeFactory(ScopedFactory):
    class Meta:
        model = Scheme

    code = factory.Sequence(lambda n: f"XF-{n:04d}")
    name = "先锋指数测试方案"
    valid_from = 2019
    categories = "ABCD"
    base_score = Decimal(80)
    bonus_cap = Decimal(20)
    excellent_from = Decimal(95)
    qualified_from = Decimal(75)
    warning_from = Decimal(60)
    follow_up_below = Decimal(75)
    follow_up_action = "谈心谈话，列为帮教对象"
    publicity_days = 7
    status = Scheme.Status.PUBLISHED


class ItemFactory(ScopedFactory):
    class Meta:
        model = Item

    scheme = factory.SubFactory(SchemeFactory)
    area = factory.SelfAttribute("scheme.area")
    code = factory.Sequence(lambda n: f"item{n}")
    name = factory.Sequence(lambda n: f"项目{n}")
    group = Item.Group.VANGUARD
    kind = Item.Kind.BONUS
    points = Decimal(2)
    cap = Decimal(6)
