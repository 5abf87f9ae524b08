from __future__ import annotations

from decimal import Decimal

import factory

from xingcun.core.tests.factories import ScopedFactory
from xingcun.ratings.models import Dimension, StarScheme


class StarSchemeFactory(ScopedFactory):
    class Meta:
        model = StarScheme

    code = factory.Sequence(lambda n: f"XJ-T{n:03d}")
    name = "星级评定测试方案"
    valid_from = 2019
    five_from = Decimal(95)
    four_from = Decimal(85)
    three_from = Decimal(75)
    two_from = Decimal(65)
    one_from = Decimal(60)
    five_quota_pct = Decimal(10)
    four_quota_pct = Decimal(20)
    status = StarScheme.Status.DRAFT


class DimensionFactory(ScopedFactory):
    class Meta:
        model = Dimension

    scheme = factory.SubFactory(StarSchemeFactory)
    area = factory.SelfAttribute("scheme.area")
    code = factory.Sequence(lambda n: f"d{n}")
    name = factory.Sequence(lambda n: f"维度{n}")
    weight = Decimal(50)
